import { afterEach, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../../contract/api.ts';
import { checkinResponseSchema, myDeskResponseSchema } from '../../contract/checkin.ts';
import { peopleResponseSchema, occupancyResponseSchema } from '../../contract/occupancy.ts';
import type { TestClient } from '../../test/http-client.ts';
import { waitFor } from '../../test/service-harness.ts';
import { closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const deskName = (index: number) => `D-${String(index).padStart(3, '0')}`;
const macOf = (index: number) => company.phones[index]?.mac ?? '';
const person = (name: string) => {
  const user = company.users.find((candidate) => candidate.h323 === name);
  if (!user) throw new Error(`no ${name} in the demo company`);
  return user;
};

async function withPin(client: TestClient, pin: string) {
  expect((await client.request('PUT', '/me/phone-pin', { body: { pin } })).status).toBe(204);
}

async function keypadAudit(admin: TestClient) {
  const log = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=100')).body);
  return log.events.filter((event) => event.action.startsWith('occupancy.keypad'));
}

describe('checking in on the desk phone’s keypad', () => {
  it('the login code with extension and PIN moves the phone from the base object to the person; the logout code gives it back', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    const anna = person('user201');
    const client = await as('user201');
    await withPin(client, '4711');
    const mine = myDeskResponseSchema.parse((await client.request('GET', '/me/desk')).body);
    expect(mine.keypad).toEqual({ extension: anna.e164, pinSet: true, loginCode: '*55', logoutCode: '*56' });
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);

    expect(harness.simulator.dial(macOf(desk), `*55*${anna.e164}*4711`)).toMatchObject({ outgoing: true });
    await waitFor(() => holderOf(desk)?.join() === 'user201');
    // The code call is ended by the service, not left ringing.
    await waitFor(() => harness.simulator.callsOn(macOf(desk)).length === 0);
    const helpdesk = await as('helpdesk');
    const row = async () =>
      occupancyResponseSchema
        .parse((await helpdesk.request('GET', '/occupancy')).body)
        .desks.find((candidate) => candidate.deskName === deskName(desk));
    // The session is written just after the phone moved.
    await waitFor(async () => (await row())?.method === 'phone');
    expect(await row()).toMatchObject({ occupant: { name: 'user201' }, method: 'phone' });
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) === anna.guid);

    harness.simulator.dial(macOf(desk), '*56');
    await waitFor(() => holderOf(desk)?.join() === 'base');
    // The check-out happens on the call's event: its journaled move closes a moment after the PBX shows it.
    await waitFor(async () => (await harness.service.pbx.checkInvariants()).ok);
    await waitFor(
      async () => myDeskResponseSchema.parse((await client.request('GET', '/me/desk')).body).sessions.length === 0,
    );
  });

  it('a wrong PIN changes nothing and is audited; after five, even the right PIN is refused', async () => {
    const { harness, as, admin, free, holderOf } = await setup();
    const desk = free(0);
    const ben = person('user202');
    await withPin(await as('user202'), '2468');
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      harness.simulator.dial(macOf(desk), `*55*${ben.e164}*0000`);
      await waitFor(async () => (await keypadAudit(admin)).length === attempt);
      expect(holderOf(desk)).toEqual(['base']);
    }
    harness.simulator.dial(macOf(desk), `*55*${ben.e164}*2468`);
    await waitFor(async () => (await keypadAudit(admin)).length === 6);
    const [sixth] = await keypadAudit(admin);
    expect(sixth).toMatchObject({ result: 'refused', detail: { extension: ben.e164, reason: 'locked' } });
    expect(holderOf(desk)).toEqual(['base']);
    expect((await keypadAudit(admin)).slice(1).map((event) => event.detail.reason)).toEqual(
      Array.from({ length: 5 }, () => 'wrong_pin'),
    );
  });

  it('switched off as a login method, the keypad checks nobody in, and the call is still ended', async () => {
    const { harness, as, admin, free, holderOf, setSettings } = await setup();
    const desk = free(0);
    const cara = person('user203');
    await withPin(await as('user203'), '1357');
    await setSettings((values) => ({ ...values, loginMethods: { ...values.loginMethods, phone: false } }));
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    harness.simulator.dial(macOf(desk), `*55*${cara.e164}*1357`);
    await waitFor(async () => (await keypadAudit(admin)).length === 1);
    expect((await keypadAudit(admin))[0]).toMatchObject({ detail: { reason: 'method_disabled' } });
    await waitFor(() => harness.simulator.callsOn(macOf(desk)).length === 0);
    expect(holderOf(desk)).toEqual(['base']);
  });

  it('a PIN is four to eight digits, never shown, and can be removed', async () => {
    const { as } = await setup(2);
    const client = await as('user204');
    expect((await client.request('PUT', '/me/phone-pin', { body: { pin: '12' } })).status).toBe(400);
    expect((await client.request('PUT', '/me/phone-pin', { body: { pin: '12ab' } })).status).toBe(400);
    // Too easy to guess: one digit, a run either way, the person's own extension.
    const extension = person('user204').e164;
    for (const pin of ['1111', '12345678', '9876', extension]) {
      const answer = await client.request('PUT', '/me/phone-pin', { body: { pin } });
      expect(answer.status, pin).toBe(400);
      expect(answer.body).toMatchObject({ error: { fields: { pin: expect.any(String) } } });
    }
    await withPin(client, '13572468');
    const desk = myDeskResponseSchema.parse((await client.request('GET', '/me/desk')).body);
    expect(JSON.stringify(desk)).not.toContain('13572468');
    expect((await client.request('DELETE', '/me/phone-pin')).status).toBe(204);
    expect(myDeskResponseSchema.parse((await client.request('GET', '/me/desk')).body).keypad.pinSet).toBe(false);
    expect((await client.request('DELETE', '/me/phone-pin')).status).toBe(404);
  });
});

describe('the keypad cannot be turned into a weapon', () => {
  it('wrong PINs at one phone lock only that phone out for that extension: the owner at another phone gets in', async () => {
    const { harness, as, admin, free, holderOf } = await setup();
    const attackerPhone = free(0);
    const ownerPhone = free(attackerPhone + 1);
    const victim = person('user205');
    await withPin(await as('user205'), '8642');
    await waitFor(() =>
      [attackerPhone, ownerPhone].every((desk) => harness.simulator.registeredTo(macOf(desk)) !== undefined),
    );
    // Eight guesses at once from one phone: no more than five are tried, the rest refused as locked.
    for (let attempt = 0; attempt < 8; attempt += 1)
      harness.simulator.dial(macOf(attackerPhone), `*55*${victim.e164}*1357`);
    await waitFor(async () => (await keypadAudit(admin)).length === 8);
    const reasons = (await keypadAudit(admin)).map((event) => event.detail.reason);
    expect(reasons.filter((reason) => reason === 'wrong_pin')).toHaveLength(5);
    expect(reasons.filter((reason) => reason === 'locked')).toHaveLength(3);
    // The owner, at another phone, with the right PIN: in.
    harness.simulator.dial(macOf(ownerPhone), `*55*${victim.e164}*8642`);
    await waitFor(() => holderOf(ownerPhone)?.join() === 'user205');
    expect(holderOf(attackerPhone)).toEqual(['base']);
  });

  it('a phone trying many extensions is slowed down', async () => {
    const { harness, admin, free } = await setup();
    const phone = free(0);
    await waitFor(() => harness.simulator.registeredTo(macOf(phone)) !== undefined);
    const extensions = ['user206', 'user207', 'user208', 'user209'].map((name) => person(name).e164);
    for (const [index, extension] of extensions.entries()) {
      harness.simulator.dial(macOf(phone), `*55*${extension}*2580`);
      await waitFor(async () => (await keypadAudit(admin)).length === index + 1);
    }
    const [fourth] = await keypadAudit(admin);
    expect(fourth).toMatchObject({ detail: { extension: extensions[3], reason: 'locked' } });
  });
});

describe('helpdesk checks someone in', () => {
  it('finds the person however they type the name, checks them in at a desk (method console), audited with who did it', async () => {
    const { harness, as, admin, free, holderOf } = await setup();
    const desk = free(0);
    const helpdesk = await as('helpdesk');
    const dora = person('user205');
    const [first, last] = dora.cn.split(' ');
    const query = `${(last ?? '').toLowerCase()} ${(first ?? '').normalize('NFD').replace(/\p{Diacritic}/gu, '')}`;
    const found = peopleResponseSchema.parse(
      (await helpdesk.request('GET', `/people?q=${encodeURIComponent(query)}`)).body,
    );
    expect(found.people.map((candidate) => candidate.name)).toContain('user205');
    const byExtension = peopleResponseSchema.parse((await helpdesk.request('GET', `/people?q=${dora.e164}`)).body);
    expect(byExtension.people[0]).toMatchObject({ name: 'user205', extension: dora.e164 });

    const { body } = await helpdesk.request('GET', `/desks?q=${deskName(desk)}`);
    const deskId = (body as { desks: { id: string }[] }).desks[0]?.id ?? '';
    const answer = await helpdesk.request('POST', '/occupancy/checkin', { body: { deskId, user: 'user205' } });
    expect(answer.status).toBe(200);
    expect(checkinResponseSchema.parse(answer.body).session).toMatchObject({
      deskName: deskName(desk),
      method: 'console',
    });
    expect(holderOf(desk)).toEqual(['user205']);
    const log = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=20')).body);
    expect(log.events.find((event) => event.action === 'occupancy.checkin')).toMatchObject({
      actor: 'helpdesk',
      target: deskName(desk),
      detail: { user: 'user205', method: 'console' },
    });

    const facility = await as('facility');
    expect((await facility.request('POST', '/occupancy/checkin', { body: { deskId, user: 'user206' } })).status).toBe(
      403,
    );
    expect((await facility.request('GET', '/people?q=anna')).status).toBe(403);
    const unknown = await helpdesk.request('POST', '/occupancy/checkin', { body: { deskId, user: 'nobody-here' } });
    expect(unknown.status).toBe(404);
    expect(harness.service.pbx.holderOf(macOf(desk))?.name).toBe('user205');
  });
});
