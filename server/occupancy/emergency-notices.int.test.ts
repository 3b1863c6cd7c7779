import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emergencyNoticeListSchema, occupancyResponseSchema } from '../../contract/occupancy.ts';
import type { TestClient } from '../../test/http-client.ts';
import { waitFor } from '../../test/service-harness.ts';
import { EmergencyNoticeOutbox, type EmergencyNotice } from './emergency-notices.ts';
import { EventBus } from '../lib/events.ts';
import { closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

/**
 * The notice to security of an emergency call is kept until it arrives (issue 29): retried with backoff for a
 * bounded time, across a restart, never to a redirect's address, each try audited, and a notice that does not
 * arrive is shown on the board and to administrators.
 */
const deskName = (index: number) => `D-${String(index).padStart(3, '0')}`;
const macOf = (index: number) => company.phones[index]?.mac ?? '';
const fast = { firstRetryMs: 50, maxRetryMs: 200, giveUpAfterMs: 60_000, leaseMs: 10_000 };

/** A receiver whose answer the test decides; it counts what it was sent. */
class Receiver {
  readonly bodies: unknown[] = [];
  answer: (response: ServerResponse) => void = (response) => response.writeHead(204).end();
  private server: Server | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        this.bodies.push(JSON.parse(body));
        this.answer(response);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/emergency`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const receivers: Receiver[] = [];
const receiver = async (port?: number) => {
  const started = await new Receiver().start(port);
  receivers.push(started);
  return started;
};
afterEach(async () => {
  await closeHarness();
  for (const started of receivers.splice(0)) await started.stop();
});

async function noticeOnBoard(client: TestClient, index: number) {
  const board = occupancyResponseSchema.parse((await client.request('GET', '/occupancy')).body);
  return board.desks.find((desk) => desk.deskName === deskName(index))?.emergency?.notice;
}

const notices = async (client: TestClient) =>
  emergencyNoticeListSchema.parse((await client.request('GET', '/occupancy/emergency-notices')).body).notices;

/** The service with a webhook, and a free desk's phone calling 112 from its base object. */
async function emergencyWith(url: string, timing: Partial<typeof fast> = {}) {
  const world = await setup(60, { service: { noticeTiming: { ...fast, ...timing } } });
  await world.setSettings((values) => ({ ...values, phones: { ...values.phones, webhookUrl: url } }));
  const desk = world.free(0);
  await waitFor(() => world.harness.simulator.registeredTo(macOf(desk)) !== undefined);
  const call = world.harness.simulator.dial(macOf(desk), '112');
  if (typeof call === 'string') throw new Error(call);
  return { ...world, desk };
}

const notifyAudit = (world: Awaited<ReturnType<typeof emergencyWith>>) =>
  world.harness.service.db.query<{ actor: string; action: string; result: string; detail: Record<string, unknown> }>(
    `SELECT actor, action, result, detail FROM audit_events WHERE action LIKE 'emergency.notify%' ORDER BY id`,
  );

describe('an emergency notice security does not receive at once', () => {
  it('is tried again with backoff until it arrives; every try is audited and the board shows it meanwhile', async () => {
    const hook = await receiver();
    hook.answer = (response) => response.writeHead(503).end();
    const world = await emergencyWith(hook.url);
    const helpdesk = await world.as('helpdesk');
    await waitFor(() => hook.bodies.length >= 2);
    await waitFor(async () => (await noticeOnBoard(helpdesk, world.desk)) === 'retrying');

    hook.answer = (response) => response.writeHead(204).end();
    await waitFor(async () => (await noticeOnBoard(helpdesk, world.desk)) === 'delivered');
    const [notice] = await notices(world.admin);
    expect(notice).toMatchObject({ desk: deskName(world.desk), number: '112', state: 'delivered', lastError: null });
    expect(notice?.attempts).toBe(hook.bodies.length);
    expect(hook.bodies.every((body) => (body as EmergencyNotice).desk === deskName(world.desk))).toBe(true);
    const audit = await notifyAudit(world);
    expect(audit.map((row) => row.result)).toEqual([...Array<string>(hook.bodies.length - 1).fill('failed'), 'ok']);
    expect(audit[0]?.detail).toMatchObject({ url: hook.url, attempt: 1, error: 'The webhook answered 503.' });
    expect(audit[0]?.detail.retryAt).toEqual(expect.any(String));
  });

  it('never follows a redirect (the notice goes only to the configured address) and says so', async () => {
    const elsewhere = await receiver();
    const hook = await receiver();
    hook.answer = (response) => response.writeHead(307, { Location: elsewhere.url }).end();
    const world = await emergencyWith(hook.url);
    await waitFor(() => hook.bodies.length >= 2);
    await waitFor(async () => (await notices(world.admin))[0]?.lastError?.includes('redirect') === true);
    const [notice] = await notices(world.admin);
    expect(notice).toMatchObject({ state: 'retrying' });
    expect(notice?.lastError).toContain(elsewhere.url);
    expect(notice?.nextAttemptAt).toEqual(expect.any(String));
    expect(elsewhere.bodies).toEqual([]);
  });

  it('is given up on after the bounded time, shown as not delivered, and an administrator can send it again', async () => {
    const hook = await receiver();
    hook.answer = (response) => response.writeHead(500).end();
    const world = await emergencyWith(hook.url, { giveUpAfterMs: 300 });
    const helpdesk = await world.as('helpdesk');
    await waitFor(async () => (await noticeOnBoard(helpdesk, world.desk)) === 'failed');
    const tries = hook.bodies.length;
    const [failed] = await notices(world.admin);
    expect(failed).toMatchObject({ state: 'failed', attempts: tries, nextAttemptAt: null });
    expect((await notifyAudit(world)).at(-1)?.detail).toMatchObject({ gaveUp: true });
    // Only administrators see the notices and send them again.
    expect((await helpdesk.request('GET', '/occupancy/emergency-notices')).status).toBe(403);
    expect((await helpdesk.request('POST', `/occupancy/emergency-notices/${failed?.id ?? ''}/retry`)).status).toBe(403);

    hook.answer = (response) => response.writeHead(200).end();
    const retried = await world.admin.request('POST', `/occupancy/emergency-notices/${failed?.id ?? ''}/retry`);
    expect(retried.status).toBe(200);
    await waitFor(async () => (await noticeOnBoard(helpdesk, world.desk)) === 'delivered');
    expect(hook.bodies).toHaveLength(tries + 1);
    expect((await notifyAudit(world)).filter((row) => row.action === 'emergency.notifyRetry')).toEqual([
      expect.objectContaining({ actor: 'admin', result: 'ok' }),
    ]);
    const again = await world.admin.request('POST', `/occupancy/emergency-notices/${failed?.id ?? ''}/retry`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'notice_not_failed' } });
    expect((await world.admin.request('POST', '/occupancy/emergency-notices/999999/retry')).status).toBe(404);
  });

  it('survives a restart of the service: delivered once the receiver is back', async () => {
    // An address where nothing listens yet.
    const gone = await receiver();
    const { port, url } = gone;
    await gone.stop();
    const world = await emergencyWith(url);
    await waitFor(async () => (await notices(world.admin))[0]?.state === 'retrying');
    expect((await notices(world.admin))[0]?.lastError).toMatch(/cannot be reached/);

    await world.harness.restart();
    const back = await receiver(port);
    const admin = world.admin.at(world.harness.service.url);
    await waitFor(async () => (await notices(admin))[0]?.state === 'delivered');
    expect(back.bodies).toEqual([expect.objectContaining({ desk: deskName(world.desk), number: '112' })]);
  });

  it('is delivered once when several instances deliver at the same time', async () => {
    const hook = await receiver();
    hook.answer = (response) => response.writeHead(503).end();
    const world = await emergencyWith(hook.url, { firstRetryMs: 60_000, maxRetryMs: 60_000, giveUpAfterMs: 600_000 });
    await waitFor(async () => (await notices(world.admin))[0]?.state === 'retrying');
    const db = world.harness.service.db;
    // The service's own round stands aside; three instances' rounds race for the one due notice.
    await world.harness.service.occupancy.notices.stop();
    await db.query(`UPDATE emergency_calls SET notice_next_at = now() - interval '1 second'`);
    let posts = 0;
    const post = async () => {
      posts += 1;
      await new Promise((resolve) => setImmediate(resolve));
    };
    const outboxes = [1, 2, 3].map(() => new EmergencyNoticeOutbox(db, new EventBus(), Date.now, post));
    const tried = await Promise.all(outboxes.map((outbox) => outbox.deliverDue()));
    expect(tried.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(posts).toBe(1);
    expect((await notices(world.admin))[0]?.state).toBe('delivered');
  });
});
