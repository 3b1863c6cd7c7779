import { afterEach, describe, expect, it } from 'vitest';
import { occupancyResponseSchema } from '../../contract/occupancy.ts';
import {
  checkinResponseSchema,
  myDeskResponseSchema,
  settingsSchema,
  type SettingsValues,
} from '../../contract/settings.ts';
import { DEMO_APP, demoCompany } from '../../mocks/pbx/demo-company.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, waitFor, type Harness } from '../../test/service-harness.ts';
import { insertDesk } from '../desks/desk-store.ts';
import { AppWebsocketConnection } from '../pbx/app-websocket.ts';

const company = demoCompany();
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The service with desks for the first `count` demo phones: D-000 … with PC-000 / TC-000 names. */
async function setup(count = 60, options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options);
  const harness = h;
  for (let index = 0; index < count; index += 1) {
    const phone = company.phones[index];
    if (!phone) break;
    const number = String(index).padStart(3, '0');
    await insertDesk(harness.service.db, {
      name: `D-${number}`,
      mac: phone.mac,
      computerNames: [`PC-${number}`, `TC-${number}`],
      floorId: null,
      x: null,
      y: null,
      rotation: 0,
      zoneId: null,
      enabled: true,
    });
  }
  await harness.service.occupancy.reconcile();
  const as = async (user: string) => {
    const client = harness.client();
    expect((await client.signIn(user, 'demo')).status).toBe(200);
    return client;
  };
  const admin = await as('admin');
  // The admin's session survives restarts; the client follows the service to its new address.
  const setSettings = async (change: (values: SettingsValues) => SettingsValues) => {
    const client = admin.at(harness.service.url);
    const current = settingsSchema.parse((await client.request('GET', '/settings')).body);
    const { version, ...values } = current;
    const answer = await client.request('PUT', '/settings', {
      body: change(values),
      headers: { 'If-Match': `"${version}"` },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  const holderOf = (index: number) =>
    harness.simulator
      .holders()
      .get(company.phones[index]?.mac ?? '')
      ?.map((guid) => nameOf(guid));
  const nameOf = (guid: string) => company.users.find((user) => user.guid === guid)?.h323;
  const free = (start: number) => {
    for (let index = start; index < company.phones.length; index += 1) {
      if (!harness.simulator.holders().get(company.phones[index]?.mac ?? '')) return index;
    }
    throw new Error('no free phone');
  };
  return { harness, as, admin, setSettings, holderOf, free };
}

const checkin = (client: TestClient, method: string, value: string) =>
  client.request('POST', '/checkin', { body: { method, value } });

describe('checking in and out', () => {
  it('checks in by desk name, computer name and thin-client name; the phone follows with the device entry', async () => {
    const { as, holderOf, free, harness } = await setup();
    const anna = await as('user101');
    const desk = free(0);
    const byDesk = await checkin(anna, 'desk', `d-${String(desk).padStart(3, '0')}`);
    expect(byDesk.status, JSON.stringify(byDesk.body)).toBe(200);
    expect(checkinResponseSchema.parse(byDesk.body).session).toMatchObject({
      deskName: `D-${String(desk).padStart(3, '0')}`,
      method: 'desk',
    });
    expect(holderOf(desk)).toEqual(['user101']);
    expect(harness.simulator.user('user101')?.devices).toContainEqual({
      hw: company.phones[desk]?.mac,
      text: 'Hotdesk',
      app: 'phone',
    });

    const second = free(desk + 1);
    expect((await checkin(anna, 'computer', `pc-${String(second).padStart(3, '0')}`)).status).toBe(200);
    expect(holderOf(second)).toEqual(['user101']);
    expect(holderOf(desk)).toBeUndefined();
    const third = free(second + 1);
    expect((await checkin(anna, 'thinclient', `TC-${String(third).padStart(3, '0')}`)).status).toBe(200);
    const me = myDeskResponseSchema.parse((await anna.request('GET', '/me/desk')).body);
    expect(me.sessions.map((session) => [session.deskName, session.method])).toEqual([
      [`D-${String(third).padStart(3, '0')}`, 'thinclient'],
    ]);

    expect((await anna.request('POST', '/checkout')).status).toBe(200);
    expect(holderOf(third)).toBeUndefined();
    expect(myDeskResponseSchema.parse((await anna.request('GET', '/me/desk')).body).sessions).toEqual([]);
  });

  it('answers 404 for an unknown desk, 409 for a closed one, 403 for a switched-off method', async () => {
    const { as, admin, setSettings, harness } = await setup(3);
    // D-000 … D-002 are occupied in the demo company; these checks do not need a free desk.
    const ben = await as('user102');
    expect((await checkin(ben, 'desk', 'nowhere')).body).toMatchObject({ error: { code: 'unknown_desk' } });
    expect((await checkin(ben, 'computer', 'PC-NOPE')).status).toBe(404);
    await harness.service.db.query(`UPDATE desks SET enabled = false WHERE name = 'D-001'`);
    expect((await checkin(ben, 'desk', 'D-001')).body).toMatchObject({ error: { code: 'desk_closed' } });
    await setSettings((values) => ({ ...values, loginMethods: { desk: true, computer: false, thinclient: true } }));
    const refused = await checkin(ben, 'computer', 'PC-002');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'method_disabled' } });
    expect(myDeskResponseSchema.parse((await ben.request('GET', '/me/desk')).body).loginMethods).toEqual({
      desk: true,
      computer: false,
      thinclient: true,
    });
    const none = await admin.request('PUT', '/settings', {
      body: {
        ...settingsSchema.parse((await admin.request('GET', '/settings')).body),
        loginMethods: { desk: false, computer: false, thinclient: false },
      },
      headers: { 'If-Match': '"1"' },
    });
    expect(none.status).toBe(400);
    expect((await admin.request('PUT', '/settings', { body: {}, headers: { 'If-Match': '"0"' } })).status).toBe(400);
  });

  it('takes over an occupied desk (the other person is logged out), or refuses, by policy', async () => {
    const { as, setSettings, holderOf, free } = await setup();
    const desk = free(0);
    const name = `D-${String(desk).padStart(3, '0')}`;
    const [anna, ben, carla] = await Promise.all([as('user110'), as('user111'), as('user112')]);
    await checkin(anna, 'desk', name);
    const takeover = checkinResponseSchema.parse((await checkin(ben, 'desk', name)).body);
    expect(takeover.tookOverFrom).toBe(company.users.find((user) => user.h323 === 'user110')?.dn);
    expect(holderOf(desk)).toEqual(['user111']);
    expect(myDeskResponseSchema.parse((await anna.request('GET', '/me/desk')).body).sessions).toEqual([]);
    await setSettings((values) => ({ ...values, policies: { ...values.policies, occupiedDesk: 'refuse' } }));
    const refused = await checkin(carla, 'desk', name);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'desk_occupied' } });
    expect(holderOf(desk)).toEqual(['user111']);
  });

  it('moves, refuses or allows a second desk, by policy', async () => {
    const { as, setSettings, holderOf, free } = await setup();
    const one = free(0);
    const two = free(one + 1);
    const three = free(two + 1);
    const name = (index: number) => `D-${String(index).padStart(3, '0')}`;
    const dora = await as('user120');
    await checkin(dora, 'desk', name(one));
    const moved = checkinResponseSchema.parse((await checkin(dora, 'desk', name(two))).body);
    expect(moved.movedFrom).toEqual([name(one)]);
    expect([holderOf(one), holderOf(two)]).toEqual([undefined, ['user120']]);
    await setSettings((values) => ({ ...values, policies: { ...values.policies, secondDesk: 'refuse' } }));
    expect((await checkin(dora, 'desk', name(three))).body).toMatchObject({ error: { code: 'already_checked_in' } });
    await setSettings((values) => ({ ...values, policies: { ...values.policies, secondDesk: 'allow' } }));
    expect((await checkin(dora, 'desk', name(three))).status).toBe(200);
    expect([holderOf(two), holderOf(three)]).toEqual([['user120'], ['user120']]);
    expect(myDeskResponseSchema.parse((await dora.request('GET', '/me/desk')).body).sessions).toHaveLength(2);
  });

  it('writes the configured device text and app into the PBX device entry', async () => {
    const { as, setSettings, free, harness } = await setup();
    await setSettings((values) => ({ ...values, device: { text: 'Schreibtisch', app: 'phone-hd' } }));
    const desk = free(0);
    await checkin(await as('user130'), 'desk', `D-${String(desk).padStart(3, '0')}`);
    expect(harness.simulator.user('user130')?.devices).toContainEqual({
      hw: company.phones[desk]?.mac,
      text: 'Schreibtisch',
      app: 'phone-hd',
    });
  });

  it('refuses stale settings with 409 and tells employees when a method changes', async () => {
    const { admin, setSettings } = await setup(0);
    const before = settingsSchema.parse((await admin.request('GET', '/settings')).body);
    await setSettings((values) => ({ ...values, loginMethods: { ...values.loginMethods, thinclient: false } }));
    const stale = await admin.request('PUT', '/settings', {
      body: { ...before, version: undefined },
      headers: { 'If-Match': `"${before.version}"` },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: 'version_conflict' },
      current: { loginMethods: { thinclient: false } },
    });
  });
});

describe('check-in tokens for logon scripts', () => {
  it('accepts exactly what the README’s PowerShell and batch scripts send, only on /checkin', async () => {
    const { as, harness, holderOf, free } = await setup();
    const eva = await as('user140');
    const created = await eva.request('POST', '/me/tokens', { body: { label: 'Logon script' } });
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^hdt_[\w-]{40,}$/);
    const desk = free(0);
    const computer = `PC-${String(desk).padStart(3, '0')}`;

    // Windows PowerShell 5.1: Invoke-RestMethod with a ConvertTo-Json body (its own spacing and CRLFs).
    const powershell = await fetch(`${harness.service.url}/api/v1/checkin`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'User-Agent': 'Mozilla/5.0 (Windows NT; Windows NT 10.0; de-DE) WindowsPowerShell/5.1.19041.4648',
      },
      body: `{\r\n    "method":  "computer",\r\n    "value":  "${computer}"\r\n}`,
    });
    expect(powershell.status).toBe(200);
    expect(holderOf(desk)).toEqual(['user140']);

    // The batch file: curl.exe (shipped with Windows 10+) with the JSON escaped for cmd.
    const second = free(desk + 1);
    const batch = await fetch(`${harness.service.url}/api/v1/checkin`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'User-Agent': 'curl/8.4.0',
        Accept: '*/*',
      },
      body: `{"method":"thinclient","value":"TC-${String(second).padStart(3, '0')}"}`,
    });
    expect(batch.status).toBe(200);
    expect(holderOf(second)).toEqual(['user140']);

    const elsewhere = await fetch(`${harness.service.url}/api/v1/me/desk`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(elsewhere.status).toBe(401);
    const listed = (await eva.request('GET', '/me/tokens')).body as { tokens: { lastUsedAt: string | null }[] };
    expect(listed.tokens[0]?.lastUsedAt).not.toBeNull();
    expect((await eva.request('DELETE', `/me/tokens/${id}`)).status).toBe(204);
    const revoked = await fetch(`${harness.service.url}/api/v1/checkin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'computer', value: computer }),
    });
    expect(revoked.status).toBe(401);
  });
});

describe('occupancy', () => {
  it('shows a change made directly on the PBX within a second, as such', async () => {
    const { harness, as, free } = await setup();
    const helpdesk = await as('helpdesk');
    const desk = free(0);
    const other = await AppWebsocketConnection.open(
      harness.simulator.url,
      { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
      DEMO_APP.password,
      {
        timeoutMs: 2000,
      },
    );
    const user = company.users.find((candidate) => candidate.h323 === 'user150');
    const started = Date.now();
    await other.request('PbxAdminApi', 'UpdateObject', {
      guid: user?.guid,
      devices: [...(user?.devices ?? []), { hw: company.phones[desk]?.mac, text: 'set by hand' }],
    });
    await waitFor(async () => {
      const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
      const row = board.desks.find((candidate) => candidate.mac === company.phones[desk]?.mac);
      return row?.occupant?.name === 'user150' && row.method === 'pbx' && row.since !== null;
    }, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    other.close();
  });

  it('force-logs-out a selection: the PBX update happens, the session ends, the audit names who did it', async () => {
    const { harness, as, free, holderOf } = await setup();
    const helpdesk = await as('helpdesk');
    const first = free(0);
    const desks = [first, free(first + 1)];
    for (const [index, desk] of desks.entries()) {
      await checkin(await as(`user16${index}`), 'desk', `D-${String(desk).padStart(3, '0')}`);
    }
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    const ids = board.desks
      .filter((row) => row.occupant?.name === 'user160' || row.occupant?.name === 'user161')
      .map((row) => row.deskId);
    const freeDesk = board.desks.find((row) => row.occupant === null)?.deskId ?? '';
    const answer = await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [...ids, freeDesk] } });
    expect((answer.body as { results: { status: string }[] }).results.map((result) => result.status)).toEqual([
      'logged_out',
      'logged_out',
      'was_free',
    ]);
    expect(desks.map((desk) => holderOf(desk))).toEqual([undefined, undefined]);
    const facility = await as('facility');
    expect((await facility.request('POST', '/occupancy/logout', { body: { deskIds: ids } })).status).toBe(403);
    const audit = await harness.service.db.query<{ actor: string; target: string }>(
      `SELECT actor, target FROM audit_events WHERE action = 'occupancy.force_logout'`,
    );
    expect(audit.map((row) => row.actor)).toEqual(['helpdesk', 'helpdesk']);
  });
});

describe('automatic logout', () => {
  it('logs everyone out once per daily time, also across a restart, and anyone past the maximum', async () => {
    let now = Date.parse('2026-11-22T17:00:00Z');
    const { as, setSettings, holderOf, free, harness } = await setup(45, {
      env: { SESSION_IDLE_MINUTES: '40000', SESSION_MAX_HOURS: '720' },
      service: { now: () => now },
    });
    const desk = free(0);
    await checkin(await as('user170'), 'desk', `D-${String(desk).padStart(3, '0')}`);
    await setSettings((values) => ({
      ...values,
      autoLogout: { dailyAt: '19:00', timeZone: 'Europe/Berlin', maxHours: null },
    }));
    // Switching the policy on does not log anyone out for a due time that has already passed.
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0 });
    const occupied = (await harness.service.occupancy.list()).desks.filter((row) => row.occupant).length;
    expect(occupied).toBeGreaterThan(1);
    now = Date.parse('2026-11-22T18:00:30Z');
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: occupied, overdue: 0 });
    expect(holderOf(desk)).toBeUndefined();
    expect((await harness.service.occupancy.list()).desks.filter((row) => row.occupant)).toEqual([]);
    await checkin(await as('user171'), 'desk', `D-${String(desk).padStart(3, '0')}`);
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0 });
    await harness.restart();
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0 });
    expect(holderOf(desk)).toEqual(['user171']);

    await setSettings((values) => ({
      ...values,
      autoLogout: { dailyAt: null, timeZone: 'Europe/Berlin', maxHours: 8 },
    }));
    now += 7 * 3_600_000;
    expect((await harness.service.occupancy.runAutoLogout()).overdue).toBe(0);
    expect(holderOf(desk)).toEqual(['user171']);
    now += 2 * 3_600_000;
    expect((await harness.service.occupancy.runAutoLogout()).overdue).toBe(1);
    expect(holderOf(desk)).toBeUndefined();
  });
});

describe('the invariants under load', () => {
  it('200 employees checking in at once at different desks: every MAC on exactly one object', async () => {
    const { harness, as } = await setup(150);
    const free = company.phones
      .slice(0, 150)
      .map((phone, index) => ({ phone, index }))
      .filter(({ phone }) => !harness.simulator.holders().get(phone.mac));
    const people = await Promise.all(free.map((_, index) => as(`user${String(200 + (index % 100)).padStart(3, '0')}`)));
    // 100 distinct people (user200 … user299); with "move", each ends at the last desk they got.
    const answers = await Promise.all(
      free.map(({ index }, at) => checkin(people[at] as TestClient, 'desk', `D-${String(index).padStart(3, '0')}`)),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const duplicates = [...harness.simulator.holders()].filter(([, holders]) => holders.length > 1);
    expect(duplicates).toEqual([]);
    await harness.service.occupancy.reconcile();
    const helpdesk = await as('helpdesk');
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    for (const row of board.desks) {
      const holders = harness.simulator.holders().get(row.mac) ?? [];
      expect(row.occupant?.guid ?? null).toBe(holders[0] ?? null);
    }
    const perPerson = new Map<string, number>();
    for (const row of board.desks)
      if (row.occupant) perPerson.set(row.occupant.name, (perPerson.get(row.occupant.name) ?? 0) + 1);
    expect(Math.max(...[...perPerson.entries()].filter(([name]) => name >= 'user200').map(([, count]) => count))).toBe(
      1,
    );
    expect((await harness.service.pbx.checkInvariants()).ok).toBe(true);
  }, 120_000);

  it('20 racing for one desk: it ends with exactly one occupant, and the console and the PBX agree', async () => {
    const { harness, as, free, setSettings } = await setup(45);
    const desk = free(0);
    const name = `D-${String(desk).padStart(3, '0')}`;
    const racers = await Promise.all(Array.from({ length: 20 }, (_, index) => as(`user${String(260 + index)}`)));
    const takeover = await Promise.all(racers.map((racer) => checkin(racer, 'desk', name)));
    expect(takeover.filter((answer) => answer.status !== 200).map((answer) => answer.body)).toEqual([]);
    expect(harness.simulator.holders().get(company.phones[desk]?.mac ?? '')).toHaveLength(1);

    await (
      await as('helpdesk')
    ).request('POST', '/occupancy/logout', {
      body: { deskIds: [(await harness.service.occupancy.list()).desks.find((row) => row.deskName === name)?.deskId] },
    });
    await setSettings((values) => ({ ...values, policies: { ...values.policies, occupiedDesk: 'refuse' } }));
    const refuse = await Promise.all(racers.map((racer) => checkin(racer, 'desk', name)));
    expect(refuse.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(refuse.filter((answer) => answer.status === 409)).toHaveLength(19);
    const holders = harness.simulator.holders().get(company.phones[desk]?.mac ?? '') ?? [];
    expect(holders).toHaveLength(1);
    const board = await harness.service.occupancy.list();
    expect(board.desks.find((row) => row.deskName === name)?.occupant?.guid).toBe(holders[0]);
    const sessions = await harness.service.db.query(
      `SELECT 1 FROM desk_sessions s JOIN desks d ON d.id = s.desk_id WHERE d.name = $1 AND s.ended_at IS NULL`,
      [name],
    );
    expect(sessions).toHaveLength(1);
  }, 60_000);
});
