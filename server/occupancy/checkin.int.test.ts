import { afterEach, describe, expect, it } from 'vitest';
import { checkinResponseSchema, myDeskResponseSchema } from '../../contract/checkin.ts';
import { settingsSchema } from '../../contract/settings.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

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
    expect(holderOf(desk)).toEqual(['base']);
    const third = free(second + 1);
    expect((await checkin(anna, 'thinclient', `TC-${String(third).padStart(3, '0')}`)).status).toBe(200);
    const me = myDeskResponseSchema.parse((await anna.request('GET', '/me/desk')).body);
    expect(me.sessions.map((session) => [session.deskName, session.method])).toEqual([
      [`D-${String(third).padStart(3, '0')}`, 'thinclient'],
    ]);

    expect((await anna.request('POST', '/checkout')).status).toBe(200);
    expect(holderOf(third)).toEqual(['base']);
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
    await setSettings((values) => ({
      ...values,
      loginMethods: { desk: true, computer: false, thinclient: true, phone: true },
    }));
    const refused = await checkin(ben, 'computer', 'PC-002');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'method_disabled' } });
    expect(myDeskResponseSchema.parse((await ben.request('GET', '/me/desk')).body).loginMethods).toEqual({
      desk: true,
      computer: false,
      thinclient: true,
      phone: true,
    });
    const none = await admin.request('PUT', '/settings', {
      body: {
        ...settingsSchema.parse((await admin.request('GET', '/settings')).body),
        loginMethods: { desk: false, computer: false, thinclient: false, phone: false },
      },
      headers: { 'If-Match': '"1"' },
    });
    expect(none.status).toBe(400);
    expect((await admin.request('PUT', '/settings', { body: {}, headers: { 'If-Match': '"0"' } })).status).toBe(400);
  });

  it('answers in the language the request asks for (Accept-Language), English otherwise', async () => {
    const { as, harness } = await setup();
    const anna = await as('user110');
    const german = await anna.request('POST', '/checkin', {
      body: { method: 'desk', value: 'Nowhere 7' },
      headers: { 'Accept-Language': 'de-DE,de;q=0.9,en;q=0.8' },
    });
    expect(german.status).toBe(404);
    expect(german.body).toMatchObject({
      error: { code: 'unknown_desk', message: 'Es gibt keinen Arbeitsplatz „Nowhere 7“.' },
    });
    const empty = await anna.request('POST', '/checkin', {
      body: { method: 'desk', value: ' ' },
      headers: { 'Accept-Language': 'de' },
    });
    expect(empty.body).toMatchObject({
      error: {
        message: 'Einige Felder fehlen oder sind ungültig.',
        fields: { value: 'Geben Sie den Arbeitsplatz- oder Computernamen ein.' },
      },
    });
    const french = await anna.request('POST', '/checkin', {
      body: { method: 'desk', value: 'Nowhere 7' },
      headers: { 'Accept-Language': 'fr-FR' },
    });
    expect(french.body).toMatchObject({ error: { message: 'There is no desk called "Nowhere 7".' } });
    const signedOut = await fetch(`${harness.service.url}/api/v1/desks`, { headers: { 'Accept-Language': 'de' } });
    expect(await signedOut.json()).toMatchObject({
      error: { code: 'unauthenticated', message: 'Bitte melden Sie sich an.' },
    });
  });

  it('takes over an occupied desk once the person confirmed it (the other person is logged out), or refuses, by policy', async () => {
    const { as, setSettings, holderOf, free, harness } = await setup();
    const desk = free(0);
    const name = `D-${String(desk).padStart(3, '0')}`;
    const [anna, ben, carla] = await Promise.all([as('user110'), as('user111'), as('user112')]);
    await checkin(anna, 'desk', name);
    const anna110 = company.users.find((user) => user.h323 === 'user110')?.dn;
    const asked = await checkin(ben, 'desk', name);
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ error: { code: 'take_over_unconfirmed' }, occupant: { displayName: anna110 } });
    expect(holderOf(desk)).toEqual(['user110']);
    const takeover = checkinResponseSchema.parse((await checkin(ben, 'desk', name, true)).body);
    expect(takeover.tookOverFrom).toBe(company.users.find((user) => user.h323 === 'user110')?.dn);
    expect(holderOf(desk)).toEqual(['user111']);
    expect(myDeskResponseSchema.parse((await anna.request('GET', '/me/desk')).body).sessions).toEqual([]);
    // Anna's session ended as taken over and Ben's began, with its audit event, in the one statement.
    const sessions = await harness.service.db.query<{ user_name: string; end_reason: string | null }>(
      `SELECT s.user_name, s.end_reason FROM desk_sessions s JOIN desks d ON d.id = s.desk_id
       WHERE d.name = $1 ORDER BY s.id`,
      [name],
    );
    expect(sessions).toEqual([
      { user_name: 'user110', end_reason: 'taken_over' },
      { user_name: 'user111', end_reason: null },
    ]);
    const [event] = await harness.service.db.query<{ actor: string; detail: Record<string, unknown> }>(
      `SELECT actor, detail FROM audit_events WHERE action = 'occupancy.checkin' AND target = $1 ORDER BY id DESC LIMIT 1`,
      [name],
    );
    expect(event).toMatchObject({ actor: 'user111', detail: { user: 'user111', tookOverFrom: 'user110' } });
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
    expect([holderOf(one), holderOf(two)]).toEqual([['base'], ['user120']]);
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

describe('a check-in racing a desk deletion', () => {
  it('is served one after the other: never a 500, never a phone left on the person of a deleted desk', async () => {
    const { harness, as, admin, holderOf, free } = await setup();
    const person = await as('user111');
    let next = 0;
    for (let round = 0; round < 12; round += 1) {
      const index = free(next);
      next = index + 1;
      const name = `D-${String(index).padStart(3, '0')}`;
      const listed = (await admin.request('GET', `/desks?q=${name}`)).body as {
        desks: { id: string; version: number }[];
      };
      const desk = listed.desks[0];
      const remove = () =>
        admin.request('DELETE', `/desks/${desk?.id ?? ''}`, { headers: { 'If-Match': `"${desk?.version ?? 0}"` } });
      const enter = () => checkin(person, 'desk', name);
      // Both at once, in either order.
      const [checkedIn, deleted] =
        round % 2 === 0
          ? await Promise.all([enter(), remove()])
          : await Promise.all([remove(), enter()]).then(([removed, entered]) => [entered, removed] as const);
      expect([200, 404, 409]).toContain(checkedIn.status);
      expect([204, 409]).toContain(deleted.status);
      if (deleted.status === 204) {
        expect(holderOf(index)).not.toEqual(['user111']);
        expect(checkedIn.status).not.toBe(200);
      } else {
        expect(checkedIn.status).toBe(200);
        expect(holderOf(index)).toEqual(['user111']);
        expect((await person.request('POST', '/checkout')).status).toBe(200);
      }
    }
    expect((await harness.service.pbx.checkInvariants()).duplicateMacs).toEqual([]);
  });
});
