import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { DocClient } from '../test/doc-client.ts';
import { startHarness, waitFor, type Harness } from '../test/service-harness.ts';
import type { TestClient } from '../test/http-client.ts';

/** Regression tests for the outside probe's findings (issue "Hardening"): who may end what, and when. */
let harness: Harness;
let admin: TestClient;
beforeAll(async () => {
  harness = await startHarness();
  admin = harness.client();
  await admin.signIn('admin', 'demo');
});
afterAll(() => harness.close());

const importCsv = (client: TestClient, body: string, query: string) =>
  client.upload('POST', `/desks/import?${query}`, body, 'text/csv');

describe('only helpdesk and administrators log people out', () => {
  /** A desk at the demo company's first phone, with user003 checked in at it. */
  async function occupiedDesk(name: string, phone: number) {
    const mac = demoCompany().phones[phone]?.mac ?? '';
    const desk = (await admin.request('POST', '/desks', { body: { name, mac, computerNames: [] } })).body as {
      id: string;
      version: number;
    };
    const user = harness.client();
    await user.signIn('user003', 'demo');
    expect(
      (await user.request('POST', '/checkin', { body: { method: 'desk', value: name, takeOver: true } })).status,
    ).toBe(200);
    return { ...desk, mac };
  }

  it('facility deleting an occupied desk with occupied=logout gets 409 naming who sits there', async () => {
    const desk = await occupiedDesk('Logout probe 1', 3);
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const answer = await facility.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'desk_occupied' }, mayLogOut: false });
    const { error, occupant } = answer.body as { error: { message: string }; occupant: { displayName: string } };
    expect(error.message).toBe(
      `${occupant.displayName} is using this desk’s phone. Helpdesk can log them out; delete the desk after that.`,
    );
    expect(harness.simulator.holders().get(desk.mac)).toBeDefined();

    const deleted = await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
    expect(deleted.status).toBe(204);
    expect(harness.simulator.holders().get(desk.mac)).toBeUndefined();
  });

  it('facility replacing the table with occupied=logout gets 409 and nobody is logged out', async () => {
    const desk = await occupiedDesk('Logout probe 2', 4);
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const keep = '009033aaaa01,Someone else’s desk\n';
    const answer = await importCsv(
      facility,
      `hw_id,name\n${keep}`,
      'mode=replace&dryRun=false&occupied=logout&confirm=remove-all',
    );
    expect(answer.status).toBe(409);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('desk_occupied');
    const [holder] = harness.simulator.holders().get(desk.mac) ?? [];
    const displayName = demoCompany().users.find((user) => user.guid === holder)?.dn;
    expect(body.error.message).toMatch(
      /^.+ \(Logout probe 2\) sits at desks this import removes\. Helpdesk can log them out/,
    );
    expect(body.error.message.startsWith(`${displayName ?? '?'} (`)).toBe(true);
    expect(harness.simulator.holders().get(desk.mac)).toBeDefined();
    expect((await admin.request('GET', `/desks/${desk.id}`)).status).toBe(200);
    await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
  });
});

describe('removing desks and logging people out is one operation', () => {
  it('a replace import that fails in the database logs nobody out', async () => {
    const mac = demoCompany().phones[5]?.mac ?? '';
    await admin.request('POST', '/desks', { body: { name: 'Atomic probe', mac, computerNames: [] } });
    const user = harness.client();
    await user.signIn('user005', 'demo');
    expect(
      (await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Atomic probe', takeOver: true } }))
        .status,
    ).toBe(200);
    const holder = harness.simulator.holders().get(mac);
    const db = harness.service.db;
    // The crash, as the database sees it: the transaction that removes the desks does not commit.
    await db.exec(
      `CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$ LANGUAGE plpgsql`,
    );
    await db.exec(`CREATE TRIGGER refuse_delete BEFORE DELETE ON desks FOR EACH ROW EXECUTE FUNCTION refuse_delete()`);
    try {
      const answer = await importCsv(
        admin,
        'hw_id,name\n009033bbbb01,Replacement\n',
        'mode=replace&dryRun=false&occupied=logout&confirm=remove-all',
      );
      expect(answer.status).toBe(500);
    } finally {
      await db.exec('DROP TRIGGER refuse_delete ON desks');
      await db.exec('DROP FUNCTION refuse_delete');
    }
    expect(harness.simulator.holders().get(mac)).toEqual(holder);
    expect(await db.query('SELECT 1 FROM pending_logouts')).toEqual([]);
  });

  it('logouts written down with a removal that committed are done after a restart', async () => {
    const mac = demoCompany().phones[6]?.mac ?? '';
    const desk = (await admin.request('POST', '/desks', { body: { name: 'Crash probe', mac, computerNames: [] } }))
      .body as { id: string };
    const user = harness.client();
    await user.signIn('user006', 'demo');
    expect(
      (await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Crash probe', takeOver: true } }))
        .status,
    ).toBe(200);
    const [guid] = harness.simulator.holders().get(mac) ?? [];
    // What a kill -9 right after the commit leaves: the desk gone, the logout written down, the phone still held.
    await harness.service.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO pending_logouts (mac, user_guid, user_name, desk_name, actor, reason) VALUES ($1, $2, 'user006', 'Crash probe', 'admin', 'desk_deleted')`,
        [mac, guid],
      );
      await tx.query('DELETE FROM desks WHERE id = $1::uuid', [desk.id]);
    });
    await harness.restart();
    await waitFor(() => harness.simulator.holders().get(mac) === undefined, 20_000);
    await waitFor(async () => (await harness.service.db.query('SELECT 1 FROM pending_logouts')).length === 0);
    const [audit] = await harness.service.db.query<{ actor: string; target: string }>(
      `SELECT actor, target FROM audit_events WHERE action = 'occupancy.force_logout' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor: 'admin', target: 'Crash probe' });
  });
});

/** An event stream of `client`'s session; `ended` resolves once the service closes it. */
async function openStream(client: TestClient) {
  const response = await fetch(`${harness.service.url}/api/v1/events`, { headers: { Cookie: client.cookieHeader() } });
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no stream');
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain('event: ready');
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  return { ended, cancel: () => reader.cancel() };
}

/** True when `ended` settles within `ms` (the heartbeat is 25 s, so a check on it would not make it). */
const within = (ended: Promise<boolean>, ms = 3000) =>
  Promise.race([ended, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('event streams end with their session', () => {
  it('on sign-out, at once', async () => {
    const helpdesk = harness.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const stream = await openStream(helpdesk);
    expect((await helpdesk.request('DELETE', '/session')).status).toBe(204);
    expect(await within(stream.ended)).toBe(true);
  });

  it('when the person’s roles change on the PBX', async () => {
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const stream = await openStream(facility);
    const pbxAdmin = await DocClient.open(harness.simulator.url);
    expect((await pbxAdmin.loginAs({ app: DEMO_APP.name }, DEMO_APP.password)).ok).toBe(true);
    const person = harness.simulator.user('facility');
    await pbxAdmin.call({ api: 'PbxAdminApi', mt: 'UpdateObject', guid: person?.guid, grp: [] });
    pbxAdmin.close();
    expect(await within(stream.ended)).toBe(true);
    expect((await facility.request('GET', '/session')).status).toBe(401);
  });

  it('at most 8 streams per session: a ninth ends the oldest', async () => {
    const helpdesk = harness.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const streams = [];
    for (let index = 0; index < 9; index += 1) streams.push(await openStream(helpdesk));
    expect(await within(streams[0]?.ended ?? Promise.resolve(false))).toBe(true);
    expect(await within(streams[8]?.ended ?? Promise.resolve(true), 200)).toBe(false);
    await Promise.all(streams.map((stream) => stream.cancel()));
  });

  it('at most 10 sessions per person: signing in again ends the oldest', async () => {
    const clients = [];
    for (let index = 0; index < 11; index += 1) {
      const client = harness.client();
      await client.signIn('user007', 'demo');
      clients.push(client);
    }
    expect((await clients[0]?.request('GET', '/session'))?.status).toBe(401);
    for (const client of clients.slice(1)) expect((await client.request('GET', '/session')).status).toBe(200);
  });
});

describe('a hung PBX', () => {
  it('is noticed within seconds (health degraded, pbx unresponsive); a check-in meanwhile is 503 with a sentence', async () => {
    const mac = demoCompany().phones[8]?.mac ?? '';
    // A client of its own: an earlier test restarted the service on another port.
    const admin = harness.client();
    await admin.signIn('admin', 'demo');
    await admin.request('POST', '/desks', { body: { name: 'Hung probe', mac, computerNames: [] } });
    const user = harness.client();
    await user.signIn('user008', 'demo');
    harness.simulator.setFaults({ paused: true });
    try {
      await waitFor(async () => {
        const health = await fetch(`${harness.service.url}/api/v1/health`);
        return ((await health.json()) as { pbx: string }).pbx === 'unresponsive';
      });
      const health = await fetch(`${harness.service.url}/api/v1/health`);
      expect(await health.json()).toMatchObject({
        status: 'degraded',
        db: 'ok',
        pbx: 'unresponsive',
        pbxs: [{ name: 'berlin', master: true, state: 'unresponsive' }, expect.objectContaining({ name: 'munich' })],
      });
      const checkin = await user.request('POST', '/checkin', {
        body: { method: 'desk', value: 'Hung probe', takeOver: true },
      });
      expect(checkin.status).toBe(503);
      expect(checkin.body).toMatchObject({ error: { code: 'pbx_unavailable', message: expect.stringMatching(/PBX/) } });
    } finally {
      harness.simulator.setFaults({ paused: false });
    }
    await waitFor(() => harness.service.pbx.status().state === 'connected', 10_000);
    expect(
      (await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Hung probe', takeOver: true } }))
        .status,
    ).toBe(200);
  });
});
