import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { loadConfig } from '../server/lib/config.ts';
import { Leadership } from '../server/db/leadership.ts';
import { startService, type RunningService } from '../server/service.ts';
import { TestClient } from './http-client.ts';
import { waitFor } from './service-harness.ts';
import { postgresBinaries, startPostgres, type ThrowAwayPostgres } from './support/postgres-server.ts';
import { freePort } from './support/free-port.ts';

/**
 * The operator's drill on a PostgreSQL of the test's own (so that it can be stopped): two instances under a
 * bounded load of check-ins, the database stopped and started again. Runs in the PostgreSQL pass of .ci/run.
 */
const runs = process.env.DATABASE_URL !== undefined && postgresBinaries() !== undefined;

describe.runIf(runs)('PostgreSQL restarted under load with two instances', () => {
  let postgres: ThrowAwayPostgres | undefined;
  let simulator: PbxSimulator;
  const instances: RunningService[] = [];
  const company = demoCompany();
  const fatal: string[] = [];

  beforeAll(async () => {
    postgres = startPostgres(await freePort());
    simulator = new PbxSimulator(company, { port: 0, registrationDelayMs: 20 });
    await simulator.start();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: join(tmpdir(), 'hotdesk-no-console'),
      HOTDESK_DEMO: 'true',
      DATABASE_URL: postgres?.url ?? '',
    });
    for (let index = 0; index < 2; index += 1) {
      const service = await startService(config, {
        simulator,
        pbxReconnectMs: { initial: 50, max: 200 },
        onFatal: (message) => fatal.push(message),
      });
      instances.push(service);
      await waitFor(() => service.pbx.status().state === 'connected');
    }
  }, 120_000);

  afterAll(async () => {
    for (const service of instances) await service.close();
    await simulator.stop();
    postgres?.dispose();
  });

  it('keeps both instances up, answers 503 with a sentence meanwhile, recovers within seconds, loses no confirmed check-in', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('two instances');
    const facility = new TestClient(first.url);
    await facility.signIn('facility', 'demo');
    const phones = company.phones.filter((phone) => phone.online && !simulator.holders().has(phone.mac)).slice(0, 8);
    for (const [index, phone] of phones.entries())
      await facility.request('POST', '/desks', {
        body: { name: `Restart ${index}`, mac: phone.mac, computerNames: [] },
      });
    const people = await Promise.all(
      phones.map(async (_, index) => {
        const client = new TestClient((index % 2 === 0 ? first : second).url);
        await client.signIn(`user${String(150 + index).padStart(3, '0')}`, 'demo');
        return client;
      }),
    );

    // A bounded load: each person checks in and out at their desk, over and over, on both instances.
    const confirmed = new Map<number, boolean>();
    const refusals: string[] = [];
    let stop = false;
    const load = people.map(async (client, index) => {
      for (let round = 0; !stop && round < 2000; round += 1) {
        const checkIn = round % 2 === 0;
        const answer = await client
          .request('POST', checkIn ? '/checkin' : '/checkout', {
            body: checkIn ? { method: 'desk', value: `Restart ${index}` } : {},
          })
          .catch((error: unknown) => ({ status: 0, body: String(error) }));
        // A refusal promises nothing of what it was asked (a checkout may have moved the phone before the database
        // went away): only a person whose last answer was a success is checked below.
        if (answer.status === 200) confirmed.set(index, checkIn);
        else {
          confirmed.delete(index);
          refusals.push(`${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
    });
    await waitFor(() => confirmed.size === people.length);
    // The outage: each person's answers from here on count only from their next success.
    postgres?.stop();
    // Both instances stay up and say what is wrong.
    for (const service of instances) {
      const live = await fetch(`${service.url}/api/v1/health/live`);
      expect(live.status).toBe(200);
    }
    await waitFor(async () => refusals.some((refusal) => refusal.startsWith('503')));
    postgres?.start();
    for (const service of instances)
      await waitFor(async () => (await fetch(`${service.url}/api/v1/health/ready`)).status === 200);
    await waitFor(() => instances.some((service) => service.leads()));
    // Everyone has succeeded again since the database came back, so that every person is checked below.
    await waitFor(() => confirmed.size === people.length);
    stop = true;
    await Promise.all(load);

    expect(fatal).toEqual([]);
    // Refusals while the database was away were answers with a sentence, never a reset connection or a 500.
    expect(refusals.filter((refusal) => !/^(503|409) /.test(refusal))).toEqual([]);
    expect(refusals.find((refusal) => refusal.startsWith('503'))).toMatch(/database_unavailable|pbx_unavailable/);
    // Every last confirmed answer holds: checked in means the phone is the person's, checked out means it is not.
    for (const [index, checkedIn] of confirmed) {
      const guid = simulator.user(`user${String(150 + index).padStart(3, '0')}`)?.guid;
      const holder = simulator.holders().get(phones[index]?.mac ?? '')?.[0];
      if (checkedIn) expect(holder).toBe(guid);
      else expect(holder).not.toBe(guid);
    }
    expect(instances.filter((service) => service.leads())).toHaveLength(1);
  }, 120_000);
});

describe.runIf(process.env.DATABASE_URL !== undefined)('leadership', () => {
  it('is taken only by an instance whose PBX works, and handed over when the leader loses its PBX', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const namespace = `lead_${Math.random().toString(36).slice(2, 10)}`;
    let pbxOfFirst = false;
    const first = new Leadership(url, namespace, () => undefined, {
      eligible: () => pbxOfFirst,
      intervalMs: 50,
      stepDownAfterMs: 300,
    });
    let pbxOfSecond = true;
    const second = new Leadership(url, namespace, () => undefined, {
      eligible: () => pbxOfSecond,
      intervalMs: 50,
      stepDownAfterMs: 300,
    });
    try {
      // The first starts first, but without a PBX (a wrong password): it does not compete.
      await first.start();
      expect(first.isLeader).toBe(false);
      await second.start();
      await waitFor(() => second.isLeader);
      expect(first.isLeader).toBe(false);
      // The leader loses its PBX: it steps down, and the instance whose PBX works takes over.
      pbxOfFirst = true;
      pbxOfSecond = false;
      await waitFor(() => first.isLeader && !second.isLeader);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ holders: string }>(
        "SELECT count(*)::text AS holders FROM pg_locks WHERE locktype = 'advisory' AND granted",
      );
      await admin.end();
      expect(Number(rows[0]?.holders)).toBeGreaterThanOrEqual(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
