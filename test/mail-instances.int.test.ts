import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskSchema } from '../contract/desks.ts';
import type { RunningService } from '../server/service.ts';
import { TestClient } from './http-client.ts';
import { startInstances, waitFor, type Instances } from './service-harness.ts';
import { startSmtp, type TestSmtp } from './support/smtp-server.ts';

/**
 * Two instances on one PostgreSQL schema sending through one mail server: each message arrives once, whichever
 * instance composed and sent it. Only the PostgreSQL run of .ci/run has them (PGlite is one instance by design).
 */
describe.runIf(process.env.DATABASE_URL !== undefined)('mail from two instances on one PostgreSQL', () => {
  let smtp: TestSmtp;
  let running: Instances;
  let instances: RunningService[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    running = await startInstances(2, { env: { SMTP_URL: smtp.url }, service: { mailIntervalMs: 50 } });
    instances = running.instances;
  });

  afterAll(async () => {
    await running.close();
    await smtp.close();
  });

  it('sends each booking’s message once, though both instances compose and send', async () => {
    const admin = new TestClient(instances[0]?.url ?? '');
    expect((await admin.signIn('admin', 'demo')).status).toBe(200);
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 30 * 3_600_000);
    const people = Array.from({ length: 30 }, (_, index) => `user${String(index + 101).padStart(3, '0')}`);
    const answers = await Promise.all(
      people.map(async (person, index) => {
        const created = await admin.request('POST', '/desks', {
          body: { name: `Mail-${index}`, mac: `0090331c${String(index).padStart(4, '0')}` },
        });
        const client = new TestClient(instances[index % 2]?.url ?? '');
        expect((await client.signIn(person, 'demo')).status).toBe(200);
        return client.request('POST', '/bookings', {
          body: {
            deskId: deskSchema.parse(created.body).id,
            start: start.toISOString(),
            end: new Date(start.getTime() + 3_600_000).toISOString(),
          },
        });
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(people.map(() => 201));
    const addresses = people.map((person) => `${person}@demo.example`);
    await waitFor(() => addresses.every((address) => smtp.received.some((one) => one.to.includes(address))));
    // Both instances look once more: nothing further is composed or sent.
    for (const service of instances) await service.mail.flush();
    const received = smtp.received.filter((one) => addresses.some((address) => one.to.includes(address)));
    expect(received).toHaveLength(30);
    expect(new Set(received.map((one) => one.mail.messageId)).size).toBe(30);
  });
});
