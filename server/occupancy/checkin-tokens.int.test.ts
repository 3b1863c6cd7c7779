import { afterEach, describe, expect, it } from 'vitest';
import { occupancyResponseSchema } from '../../contract/occupancy.ts';
import { createdTokenSchema } from '../../contract/checkin.ts';
import type { TestClient } from '../../test/http-client.ts';
import { openPbxAdmin, waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

describe('check-in tokens for logon scripts', () => {
  it('accepts exactly what the PowerShell and batch scripts of docs/checking-in.md send, only on /checkin', async () => {
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

  it('never takes over a desk someone sits at (a script cannot ask), whatever the policy; the console asks', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    const sitting = await as('user150');
    expect((await checkin(sitting, 'desk', `D-${String(desk).padStart(3, '0')}`)).status).toBe(200);
    const eva = await as('user151');
    const { token } = (await eva.request('POST', '/me/tokens', { body: { label: 'Logon script' } })).body as {
      token: string;
    };
    const scripted = await fetch(`${harness.service.url}/api/v1/checkin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'computer', value: `PC-${String(desk).padStart(3, '0')}` }),
    });
    expect(scripted.status).toBe(409);
    const body = (await scripted.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('desk_occupied');
    expect(body.error.message).toMatch(/logon script does not take a desk over/);
    expect(holderOf(desk)).toEqual(['user150']);
    // The same person in the console is asked, and takes it over when they confirm.
    const asked = await checkin(eva, 'computer', `PC-${String(desk).padStart(3, '0')}`);
    expect(asked.body).toMatchObject({ error: { code: 'take_over_unconfirmed' } });
    expect((await checkin(eva, 'computer', `PC-${String(desk).padStart(3, '0')}`, true)).status).toBe(200);
    expect(holderOf(desk)).toEqual(['user151']);
  });
});

describe('occupancy', () => {
  it('shows a change made directly on the PBX, live, as such', async () => {
    const { harness, as, free } = await setup();
    const helpdesk = await as('helpdesk');
    const desk = free(0);
    const other = await openPbxAdmin(harness.simulator.url);
    const user = company.users.find((candidate) => candidate.h323 === 'user150');
    // As a PBX administrator would: off the desk's base object, onto the person.
    await other.request('PbxAdminApi', 'UpdateObject', {
      guid: harness.simulator.holders().get(company.phones[desk]?.mac ?? '')?.[0],
      devices: [],
    });
    await other.request('PbxAdminApi', 'UpdateObject', {
      guid: user?.guid,
      devices: [...(user?.devices ?? []), { hw: company.phones[desk]?.mac, text: 'set by hand' }],
    });
    await waitFor(async () => {
      const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
      const row = board.desks.find((candidate) => candidate.mac === company.phones[desk]?.mac);
      return row?.occupant?.name === 'user150' && row.method === 'pbx' && row.since !== null;
    });
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
    expect(desks.map((desk) => holderOf(desk))).toEqual([['base'], ['base']]);
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
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0, bookingEnds: 0 });
    const occupied = (await harness.service.occupancy.list()).desks.filter((row) => row.occupant).length;
    expect(occupied).toBeGreaterThan(1);
    now = Date.parse('2026-11-22T18:00:30Z');
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: occupied, overdue: 0, bookingEnds: 0 });
    expect(holderOf(desk)).toEqual(['base']);
    expect((await harness.service.occupancy.list()).desks.filter((row) => row.occupant)).toEqual([]);
    await checkin(await as('user171'), 'desk', `D-${String(desk).padStart(3, '0')}`);
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0, bookingEnds: 0 });
    await harness.restart();
    expect(await harness.service.occupancy.runAutoLogout()).toEqual({ daily: 0, overdue: 0, bookingEnds: 0 });
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
    expect(holderOf(desk)).toEqual(['base']);
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
      // A free desk's phone is on its base object, which the board shows as nobody.
      const person = company.users.find((user) => user.guid === holders[0]);
      expect(row.occupant?.guid ?? null).toBe(person?.guid ?? null);
      expect(holders).toHaveLength(1);
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
    const takeover = await Promise.all(racers.map((racer) => checkin(racer, 'desk', name, true)));
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
  });
});

describe('check-in tokens expire', () => {
  it('after the lifetime the administrator set: the console shows when, an expired token checks nobody in', async () => {
    const { harness, as, setSettings } = await setup(2);
    await setSettings((values) => ({ ...values, tokens: { lifetimeDays: 30 } }));
    const person = await as('user190');
    const created = createdTokenSchema.parse(
      (await person.request('POST', '/me/tokens', { body: { label: 'Logon script' } })).body,
    );
    const days = (Date.parse(created.expiresAt ?? '') - Date.parse(created.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const script = harness.client();
    const bearer = { headers: { Authorization: `Bearer ${created.token}` } };
    expect(
      (await script.request('POST', '/checkin', { ...bearer, body: { method: 'desk', value: 'D-000' } })).status,
    ).not.toBe(401);
    await harness.service.db.query(`UPDATE checkin_tokens SET expires_at = now() - interval '1 minute'`);
    const refused = await script.request('POST', '/checkin', { ...bearer, body: { method: 'desk', value: 'D-001' } });
    expect(refused.status).toBe(401);
    expect((await person.request('GET', '/me/tokens')).body).toEqual({ tokens: [] });
  });
});
