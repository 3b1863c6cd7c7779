import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { forceLogoutResponseSchema, occupancyResponseSchema } from '../../contract/occupancy.ts';
import type { TestClient } from '../../test/http-client.ts';
import { InstanceBeacon } from '../db/instance-beacon.ts';
import { openPbxAdmin, waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const deskName = (index: number) => `D-${String(index).padStart(3, '0')}`;
const macOf = (index: number) => company.phones[index]?.mac ?? '';

async function boardRow(client: TestClient, index: number) {
  const board = occupancyResponseSchema.parse((await client.request('GET', '/occupancy')).body);
  const row = board.desks.find((desk) => desk.deskName === deskName(index));
  if (!row) throw new Error(`no desk ${deskName(index)} on the board`);
  return row;
}

describe('a base object holds every free desk phone', () => {
  it('check-out hands the phone to the desk’s base object, where it stays registered; check-in takes it back', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    const baseGuid = harness.simulator.holders().get(macOf(desk))?.[0] ?? '';
    expect(holderOf(desk)).toEqual(['base']);
    // One object per desk, named from it, told from people by its group.
    const base = harness.service.pbx.userByGuid(baseGuid);
    expect(base).toMatchObject({ cn: `desk ${deskName(desk)}`, groups: ['hotdesk-base'] });
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) === baseGuid);

    const helpdesk = await as('helpdesk');
    expect(await boardRow(helpdesk, desk)).toMatchObject({ occupant: null, phoneRegistered: true, onCall: false });

    const anna = await as('user101');
    expect((await checkin(anna, 'desk', deskName(desk))).status).toBe(200);
    expect(holderOf(desk)).toEqual(['user101']);
    expect(harness.simulator.user(base?.name ?? '')?.devices).toEqual([]);
    await waitFor(
      () => harness.simulator.registeredTo(macOf(desk)) === company.users.find((u) => u.h323 === 'user101')?.guid,
    );

    expect((await anna.request('POST', '/checkout')).status).toBe(200);
    expect(holderOf(desk)).toEqual(['base']);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) === baseGuid);
    expect((await boardRow(helpdesk, desk)).occupant).toBeNull();
    expect((await harness.service.pbx.checkInvariants()).ok).toBe(true);
  });

  it('a desk whose occupant is deleted on the PBX gets its phone back on its base object', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    expect((await checkin(await as('user135'), 'desk', deskName(desk))).status).toBe(200);
    const pbx = await openPbxAdmin(harness.simulator.url);
    await pbx.request('PbxAdminApi', 'DeleteObject', {
      guid: company.users.find((user) => user.h323 === 'user135')?.guid,
    });
    pbx.close();
    await waitFor(() => holderOf(desk)?.join() === 'base');
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
  });

  it('renaming a desk renames its base object, deleting it deletes it, and switching them off frees the phones', async () => {
    const { harness, admin, free, setSettings, holderOf } = await setup();
    const desk = free(0);
    const row = (await admin.request('GET', `/desks?q=${deskName(desk)}`)).body as {
      desks: { id: string; version: number }[];
    };
    const target = row.desks[0];
    if (!target) throw new Error('desk not found');
    const renamed = await admin.request('PATCH', `/desks/${target.id}`, {
      body: { name: 'Window 1' },
      headers: { 'If-Match': `"${target.version}"` },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const baseGuid = harness.simulator.holders().get(macOf(desk))?.[0] ?? '';
    await waitFor(() => harness.service.pbx.userByGuid(baseGuid)?.cn === 'desk Window 1');
    expect(holderOf(desk)).toEqual(['base']);

    const version = (renamed.body as { version: number }).version;
    expect(
      (await admin.request('DELETE', `/desks/${target.id}`, { headers: { 'If-Match': `"${version}"` } })).status,
    ).toBe(204);
    await waitFor(() => harness.service.pbx.userByGuid(baseGuid) === null);
    expect(holderOf(desk)).toBeUndefined();

    await setSettings((values) => ({ ...values, phones: { ...values.phones, baseObjects: false } }));
    await waitFor(async () => (await harness.service.db.query('SELECT 1 FROM base_objects')).length === 0);
    const bases = harness.service.pbx.listUsers().filter((user) => user.groups.includes('hotdesk-base'));
    expect(bases).toEqual([]);
    expect(
      [...harness.simulator.holders().values()].flat().every((guid) => company.users.some((u) => u.guid === guid)),
    ).toBe(true);
  });
});

describe('a call is never cut off by a logout', () => {
  it('defers a forced logout during a call until it ends; evenDuringCall logs out at once and ends the call', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    const person = await as('user130');
    expect((await checkin(person, 'desk', deskName(desk))).status).toBe(200);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    const helpdesk = await as('helpdesk');
    const deskId = (await boardRow(helpdesk, desk)).deskId;

    const call = harness.simulator.dial(macOf(desk), '0301234567');
    if (typeof call === 'string') throw new Error(call);
    await waitFor(async () => (await boardRow(helpdesk, desk)).onCall);
    const deferred = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [deskId] } })).body,
    );
    expect(deferred.results).toEqual([{ deskId, status: 'deferred', message: expect.stringContaining('on a call') }]);
    expect(holderOf(desk)).toEqual(['user130']);
    expect(harness.simulator.callsOn(macOf(desk))).toHaveLength(1);
    expect(await boardRow(helpdesk, desk)).toMatchObject({ logoutDeferred: true, onCall: true });

    harness.simulator.hangUp(call.id);
    await waitFor(() => holderOf(desk)?.join() === 'base');
    expect(await boardRow(helpdesk, desk)).toMatchObject({ occupant: null, logoutDeferred: false });

    expect((await checkin(person, 'desk', deskName(desk))).status).toBe(200);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    expect(typeof harness.simulator.dial(macOf(desk), '0301234567')).not.toBe('string');
    await waitFor(async () => (await boardRow(helpdesk, desk)).onCall);
    const now = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [deskId], evenDuringCall: true } })).body,
    );
    expect(now.results).toEqual([{ deskId, status: 'logged_out' }]);
    expect(holderOf(desk)).toEqual(['base']);
    await waitFor(() => harness.simulator.callsOn(macOf(desk)).length === 0);
  });

  it('a desk edit never cuts a call: deleting the desk or giving it another phone waits for the call’s end (409)', async () => {
    const { harness, as, admin, free, holderOf } = await setup();
    const desk = free(0);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    // A free desk's phone (on its base object) on an ordinary call.
    const call = harness.simulator.dial(macOf(desk), '0301234567');
    if (typeof call === 'string') throw new Error(call);
    await waitFor(async () => (await boardRow(await as('helpdesk'), desk)).onCall === true);
    const listed = (await admin.request('GET', `/desks?q=${deskName(desk)}`)).body as {
      desks: { id: string; version: number }[];
    };
    const row = listed.desks[0];
    const headers = { 'If-Match': `"${row?.version ?? 0}"` };
    const removed = await admin.request('DELETE', `/desks/${row?.id ?? ''}`, { headers });
    expect(removed.status).toBe(409);
    expect(removed.body).toMatchObject({
      error: { code: 'desk_on_call', message: expect.stringContaining('on a call') },
    });
    const moved = await admin.request('PATCH', `/desks/${row?.id ?? ''}`, { body: { mac: '009033ffeedd' }, headers });
    expect(moved.body).toMatchObject({ error: { code: 'desk_on_call' } });
    expect(holderOf(desk)).toEqual(['base']);
    expect(harness.simulator.callsOn(macOf(desk))).toHaveLength(1);
    harness.simulator.hangUp(call.id);
    await waitFor(async () => (await admin.request('DELETE', `/desks/${row?.id ?? ''}`, { headers })).status === 204);
  });

  it('refuses a takeover while the desk’s phone is on a call', async () => {
    const { harness, as, free } = await setup();
    const desk = free(0);
    expect((await checkin(await as('user131'), 'desk', deskName(desk))).status).toBe(200);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    expect(typeof harness.simulator.dial(macOf(desk), '200')).not.toBe('string');
    await waitFor(() => harness.service.occupancy.list().then((board) => board.desks.some((row) => row.onCall)));
    const other = await checkin(await as('user132'), 'desk', deskName(desk));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'desk_on_call' } });
  });
});

describe('an emergency call freezes the desk and tells security', () => {
  let hooks: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (hooks ? hooks.close(() => resolve()) : resolve())));

  it('freezes the desk for the callback window, calls the webhook, and refuses logout and takeover meanwhile', async () => {
    const received: unknown[] = [];
    hooks = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks?.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/emergency`;
    const { harness, as, admin, free, holderOf, setSettings } = await setup();
    await setSettings((values) => ({ ...values, phones: { ...values.phones, webhookUrl: hookUrl } }));
    const desk = free(0);
    const person = await as('user140');
    expect((await checkin(person, 'desk', deskName(desk))).status).toBe(200);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);

    const call = harness.simulator.dial(macOf(desk), '112');
    if (typeof call === 'string') throw new Error(call);
    await waitFor(() => received.length === 1);
    const displayName = company.users.find((user) => user.h323 === 'user140')?.dn;
    expect(received[0]).toMatchObject({ desk: deskName(desk), person: displayName, number: '112' });
    harness.simulator.hangUp(call.id);

    const helpdesk = await as('helpdesk');
    const row = await boardRow(helpdesk, desk);
    expect(row.emergency).toMatchObject({ number: '112' });
    expect(Date.parse(row.emergency?.until ?? '') - Date.parse(row.emergency?.at ?? '')).toBe(30 * 60_000);
    const logout = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [row.deskId], evenDuringCall: true } }))
        .body,
    );
    expect(logout.results[0]).toMatchObject({ status: 'frozen', message: expect.stringContaining('112') });
    const takeover = await checkin(await as('user141'), 'desk', deskName(desk));
    expect(takeover.body).toMatchObject({ error: { code: 'desk_frozen' } });
    expect(holderOf(desk)).toEqual(['user140']);
    const [audit] = await harness.service.db.query<{ target: string }>(
      `SELECT target FROM audit_events WHERE action = 'emergency.call'`,
    );
    expect(audit?.target).toBe(deskName(desk));

    // A free desk's phone calls 112 from its base object: the desk is frozen, nobody is named, and the
    // notice carries the dispatchable location of a desk whose floor has a site.
    const other = free(desk + 1);
    const site = (
      await admin.request('POST', '/sites', {
        body: { name: 'Munich office', address: 'Marienplatz 8, 80331 München', pbxLocation: 'munich' },
      })
    ).body as { id: string };
    const floor = (await admin.request('POST', '/floors', { body: { name: '2nd floor', siteId: site.id } })).body as {
      id: string;
    };
    const listed = (await admin.request('GET', `/desks?q=${deskName(other)}`)).body as {
      desks: { id: string; version: number }[];
    };
    const otherDesk = listed.desks[0];
    await admin.request('PATCH', `/desks/${otherDesk?.id ?? ''}`, {
      body: { floorId: floor.id },
      headers: { 'If-Match': `"${otherDesk?.version ?? 0}"` },
    });
    await waitFor(() => harness.simulator.registeredTo(macOf(other)) !== undefined);
    expect(typeof harness.simulator.dial(macOf(other), '112')).not.toBe('string');
    await waitFor(() => received.length === 2);
    expect(received[1]).toMatchObject({
      desk: deskName(other),
      site: 'Munich office',
      address: `Marienplatz 8, 80331 München, 2nd floor, Desk ${deskName(other)}`,
      person: null,
      number: '112',
    });
  });
});

describe('a crash in the middle', () => {
  it('leaves no phone on two objects and none on nobody, after a check-out or a check-in cut off by the PBX', async () => {
    const { harness, as, free, holderOf } = await setup();
    const first = free(0);
    const second = free(first + 1);
    const person = await as('user150');
    expect((await checkin(person, 'desk', deskName(first))).status).toBe(200);
    // The first write of the check-out (off the person) is applied, then the connection drops before the second.
    harness.simulator.setFaults({ dropAfterUpdate: 1 });
    const cut = await person.request('POST', '/checkout');
    expect(cut.status).toBe(503);
    // The person reads what did not happen and what to do, not the adapter's words.
    expect(cut.body).toMatchObject({
      error: { code: 'pbx_unavailable', message: expect.stringMatching(/phone system \(PBX\).*tell helpdesk/is) },
    });
    harness.simulator.setFaults({ dropAfterUpdate: 0 });
    await harness.restart();
    await waitFor(async () => (await harness.service.pbx.checkInvariants()).ok, 10_000);
    expect(holderOf(first)).toHaveLength(1);

    const again = await as('user151');
    harness.simulator.setFaults({ dropAfterUpdate: 1 });
    expect((await checkin(again, 'desk', deskName(second))).status).toBe(503);
    harness.simulator.setFaults({ dropAfterUpdate: 0 });
    await harness.restart();
    await waitFor(async () => (await harness.service.pbx.checkInvariants()).ok, 10_000);
    // The restart alone puts every desk's phone on exactly one object: a person or the desk's base object.
    await waitFor(() =>
      Array.from({ length: 60 }, (_, index) => holderOf(index)?.length).every((count) => count === 1),
    );
    // The invariant check agrees: each phone on its session's person or its desk's base object.
    await waitFor(
      async () => (await harness.service.pbx.checkInvariants(await harness.service.occupancy.expectedHolders())).ok,
    );
  });

  it('a logout waiting for a call survives a dropped PBX connection and a restart, and happens when the call ends', async () => {
    const { harness, as, free, holderOf } = await setup();
    const desk = free(0);
    expect((await checkin(await as('user152'), 'desk', deskName(desk))).status).toBe(200);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
    const call = harness.simulator.dial(macOf(desk), '0301234567');
    if (typeof call === 'string') throw new Error(call);
    const helpdesk = await as('helpdesk');
    await waitFor(async () => (await boardRow(helpdesk, desk)).onCall);
    const deskId = (await boardRow(helpdesk, desk)).deskId;
    const answer = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [deskId] } })).body,
    );
    expect(answer.results[0]?.status).toBe('deferred');
    // The PBX connection drops: while the list of running calls reloads, the call is not taken as ended.
    harness.simulator.dropAllConnections();
    await waitFor(() => harness.service.pbx.status().state !== 'connected');
    await waitFor(() => harness.service.pbx.status().callsWatched);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(holderOf(desk)).toEqual(['user152']);
    await harness.restart();
    // After the restart the PBX tells the service about the running call again: still waiting.
    await waitFor(() => harness.service.pbx.status().callsWatched);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(holderOf(desk)).toEqual(['user152']);
    harness.simulator.hangUp(call.id);
    await waitFor(() => holderOf(desk)?.join() === 'base');
  });
});

describe('moves another instance left open', () => {
  // Only PostgreSQL has other instances; alone on PGlite every open move is the instance's own.
  it.runIf(process.env.DATABASE_URL !== undefined)(
    'are repaired at once when their instance is gone, and once too old to be under way, never while it lives',
    async () => {
      const { harness, holderOf } = await setup();
      const db = harness.service.db;
      const taken = company.phones.findIndex(
        (_phone, index) => index < 60 && (holderOf(index) ?? []).some((name) => name !== 'base'),
      );
      const holder = company.users.find((user) => user.h323 === holderOf(taken)?.[0]);
      const target = company.users.find((user) => user.h323 === 'user180');
      if (!holder || !target) throw new Error('no holder');
      const entry = holder.devices.find((device) => device.hw === macOf(taken)) ?? { hw: macOf(taken) };
      // Another instance, alive as its beacon says, is moving the phone from its holder to user180: it has
      // taken the phone off the holder, and is about to give it to user180.
      const [{ schema } = { schema: 'public' }] = await db.query<{ schema: string }>(
        'SELECT current_schema() AS schema',
      );
      const other = new InstanceBeacon(process.env.DATABASE_URL ?? '', `${schema}:instance:another-instance`);
      await other.start();
      const interrupt = async (startedSecondsAgo: number) => {
        const pbx = await openPbxAdmin(harness.simulator.url);
        await pbx.request('PbxAdminApi', 'UpdateObject', {
          guid: holder.guid,
          devices: holder.devices.filter((device) => device.hw !== macOf(taken)),
        });
        pbx.close();
        await waitFor(() => holderOf(taken) === undefined);
        await db.query(
          `INSERT INTO pbx_moves (mac, from_guid, to_guid, from_device, owner, started_at)
           VALUES ($1, $2, $3, $4, 'another-instance', now() - make_interval(secs => $5))`,
          [macOf(taken).toLowerCase(), holder.guid, target.guid, JSON.stringify(entry), startedSecondsAgo],
        );
      };
      const repaired = async () => {
        expect(await harness.service.pbx.repairAbandonedMoves()).toBe(0);
        expect(holderOf(taken)).toEqual([holder.h323]);
        expect(harness.simulator.user(holder.h323)?.devices).toContainEqual(entry);
      };
      try {
        await interrupt(1);
        expect(await harness.service.pbx.repairAbandonedMoves()).toBe(0);
        // Under way in a live instance: not touched.
        expect(holderOf(taken)).toBeUndefined();
        // That instance dies (its connection, and with it its beacon, goes): its move is repaired at once.
        await other.stop();
        await repaired();
        // A move of a live instance that is too old to be under way is repaired too.
        const again = new InstanceBeacon(process.env.DATABASE_URL ?? '', `${schema}:instance:another-instance`);
        await again.start();
        try {
          await interrupt(120);
          await repaired();
        } finally {
          await again.stop();
        }
        expect(await db.query(`SELECT outcome FROM pbx_moves WHERE owner = 'another-instance'`)).toEqual([
          { outcome: 'undone' },
          { outcome: 'undone' },
        ]);
      } finally {
        await other.stop();
      }
    },
  );
});
