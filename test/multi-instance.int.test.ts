import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskSchema } from '../contract/desks.ts';
import { floorSchema } from '../contract/floors.ts';
import { occupancyResponseSchema } from '../contract/occupancy.ts';
import { settingsSchema } from '../contract/settings.ts';
import { demoCompany } from '../sim/demo-company.ts';
import type { PbxSimulator } from '../sim/simulator.ts';
import { settleDueBookings } from '../server/bookings/booking-store.ts';
import type { RunningService } from '../server/service.ts';
import { TestClient } from './http-client.ts';
import { startInstances, waitFor, type Instances } from './service-harness.ts';

/**
 * Two service instances on one PostgreSQL schema and one PBX, as behind a load balancer. Only the PostgreSQL run
 * of .ci/run (DATABASE_URL) has them: PGlite is one instance by design (server/db/data-dir-lock.ts).
 */
const company = demoCompany();

describe.runIf(process.env.DATABASE_URL !== undefined)('two instances on one PostgreSQL', () => {
  let simulator: PbxSimulator;
  let running: Instances;
  const instances: RunningService[] = [];

  beforeAll(async () => {
    running = await startInstances(2);
    simulator = running.simulator;
    instances.push(...running.instances);
  });

  afterAll(() => running.close());

  const on = async (index: number, person: string) => {
    const client = new TestClient(instances[index]?.url ?? '');
    expect((await client.signIn(person, 'demo')).status).toBe(200);
    return client;
  };

  it('shows a change made on one instance on the other’s live stream', async () => {
    const helpdesk = await on(1, 'helpdesk');
    const stream = await fetch(`${instances[1]?.url}/api/v1/events`, { headers: { Cookie: helpdesk.cookieHeader() } });
    const reader = stream.body?.getReader();
    if (!reader) throw new Error('no stream');
    let seen = '';
    const reading = (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        seen += new TextDecoder().decode(chunk.value);
      }
    })();
    await waitFor(() => seen.includes('event: ready'));
    const facility = await on(0, 'facility');
    const floor = floorSchema.parse((await facility.request('POST', '/floors', { body: { name: 'Relayed' } })).body);
    await waitFor(() => seen.includes(floor.id));
    expect(seen).toMatch(new RegExp(`"type":"floors","ids":\\["${floor.id}"\\]`));
    await reader.cancel();
    await reading;
  });

  it('lets exactly one of 20 people racing for one desk across both instances have it (refuse policy)', async () => {
    const admin = await on(0, 'admin');
    const { version, ...values } = settingsSchema.parse((await admin.request('GET', '/settings')).body);
    const saved = await admin.request('PUT', '/settings', {
      body: { ...values, policies: { ...values.policies, occupiedDesk: 'refuse' } },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(saved.status).toBe(200);
    const phone = company.phones.find((candidate) => !simulator.holders().has(candidate.mac));
    if (!phone) throw new Error('no free phone');
    const created = await admin.request('POST', '/desks', { body: { name: 'Race', mac: phone.mac } });
    expect(created.status).toBe(201);
    const desk = { deskId: deskSchema.parse(created.body).id, deskName: 'Race' };

    const people = Array.from({ length: 20 }, (_, index) => `user${String(140 + index).padStart(3, '0')}`);
    const clients = await Promise.all(people.map((person, index) => on(index % 2, person)));
    const answers = await Promise.all(
      clients.map((client) => client.request('POST', '/checkin', { body: { method: 'desk', value: desk.deskName } })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = people[answers.findIndex((answer) => answer.status === 200)];
    await waitFor(async () => {
      const after = occupancyResponseSchema.parse((await admin.request('GET', '/occupancy')).body);
      return after.desks.find((candidate) => candidate.deskId === desk.deskId)?.occupant?.name === winner;
    });
    const [{ open } = { open: 0 }] = await (instances[0]?.db.query<{ open: number }>(
      'SELECT count(*)::int AS open FROM desk_sessions WHERE desk_id = $1::uuid AND ended_at IS NULL',
      [desk.deskId],
    ) ?? Promise.resolve([]));
    expect(open).toBe(1);
    // And the PBX saw one move: nobody else's check-in got as far as the phone, nothing had to be repaired.
    const audited = await (instances[1]?.db.query<{ action: string; result: string }>(
      `SELECT action, result FROM audit_events WHERE target = 'Race' AND action LIKE 'occupancy.%' ORDER BY id`,
    ) ?? Promise.resolve([]));
    expect(audited).toEqual([{ action: 'occupancy.checkin', result: 'ok' }]);
  });

  it('lets 250 people booking 50 desks twice each across both instances double-book nothing, every refusal a 409', async () => {
    const admin = await on(0, 'admin');
    const desks: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      const mac = `0090331b${String(index).padStart(4, '0')}`;
      const created = await admin.request('POST', '/desks', { body: { name: `Book-${index}`, mac } });
      expect(created.status).toBe(201);
      desks.push(deskSchema.parse(created.body).id);
    }
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000);
    const body = (deskId: string) => ({
      deskId,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    const people = Array.from({ length: 250 }, (_, index) => `user${String(index + 1).padStart(3, '0')}`);
    const clients = await Promise.all(people.map((person, index) => on(index % 2, person)));
    const answers = await Promise.all(
      clients.flatMap((client, index) =>
        [index % 50, (index * 7 + 3) % 50].map((desk) =>
          client.request('POST', '/bookings', { body: body(desks[desk] ?? '') }),
        ),
      ),
    );
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    const rows = await (instances[0]?.db.query<{ desk_id: string; user_name: string }>(
      `SELECT desk_id::text AS desk_id, user_name FROM bookings WHERE state = 'booked' AND desk_id = ANY($1::uuid[])`,
      [desks],
    ) ?? Promise.resolve([]));
    expect(rows).toHaveLength(answers.filter((answer) => answer.status === 201).length);
    expect(new Set(rows.map((row) => row.desk_id)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.user_name)).size).toBe(rows.length);
    // Every desk went to somebody: 500 attempts on 50 desks leave none free.
    expect(rows).toHaveLength(50);
  });

  it('settles each booking whose window closed exactly once when both instances settle at the same moment', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('two instances');
    const desks = await first.db.query<{ id: string }>(`SELECT id::text AS id FROM desks ORDER BY name LIMIT 20`);
    await first.db.query(`INSERT INTO booking_people (user_name) VALUES ('user299') ON CONFLICT DO NOTHING`);
    const past = Date.now() - 3 * 86_400_000;
    for (const [index, desk] of desks.entries()) {
      const at = new Date(past + index * 3_600_000);
      await first.db.query(
        `INSERT INTO bookings (desk_id, desk_key, person_id, user_name, display_name, starts_at, ends_at, confirm_from,
           confirm_until, booked_by)
         SELECT d.id, d.booking_key, p.id, 'user299', 'Greta Wolf', $2, $3, $2, $3, 'user299'
         FROM desks d, booking_people p WHERE d.id = $1::uuid AND p.user_name = 'user299'`,
        [desk.id, at, new Date(at.getTime() + 1_800_000)],
      );
    }
    const now = new Date();
    const [a, b] = await Promise.all([settleDueBookings(first.db, now), settleDueBookings(second.db, now)]);
    // The instances' own rounds may settle some first: whoever does, each booking is settled (and audited) once.
    expect(a.length + b.length).toBeLessThanOrEqual(desks.length);
    const states = await first.db.query<{ state: string }>(`SELECT state FROM bookings WHERE user_name = 'user299'`);
    expect(states.map((row) => row.state)).toEqual(desks.map(() => 'released'));
    const [{ count } = { count: 0 }] = await first.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_events WHERE action = 'booking.release' AND detail->>'user' = 'user299'`,
    );
    expect(count).toBe(desks.length);
  });

  it('counts failed sign-ins on every instance together', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await new TestClient(instances[0]?.url ?? '').signIn('user170', 'not the password');
      expect(wrong.status).toBe(401);
    }
    const elsewhere = await new TestClient(instances[1]?.url ?? '').signIn('user170', 'demo');
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('has exactly one of them do the background work, and the other take over within seconds when it dies', async () => {
    await waitFor(() => instances.filter((service) => service.leads()).length === 1);
    const leader = instances.find((service) => service.leads());
    const other = instances.find((service) => !service.leads());
    if (!leader || !other) throw new Error('not exactly one leader');
    // A lost connection (the network, a restarted PostgreSQL): PostgreSQL drops the lock, and within moments
    // exactly one instance leads again (the same one or the other).
    const [cut] = await leader.db.query<{ done: boolean }>(
      `SELECT pg_terminate_backend(l.pid) AS done
         FROM pg_locks l, (SELECT hashtextextended($1, 0) AS key) h
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.classid::bigint = ((h.key >> 32) & 4294967295) AND l.objid::bigint = (h.key & 4294967295)`,
      [`${running.data.searchPath ?? 'public'}:leader`],
    );
    expect(cut?.done).toBe(true);
    await waitFor(() => instances.filter((service) => service.leads()).length === 1);
    // The leading instance goes away: its connections end, and the other takes over.
    const leading = instances.find((service) => service.leads());
    const staying = instances.find((service) => !service.leads());
    if (!leading || !staying) throw new Error('not exactly one leader');
    // Two desks whose phones will be used while nobody leads: one calls 112, one gets a keypad login.
    const facility = await on(instances.indexOf(staying), 'facility');
    const [emergencyPhone, keypadPhone] = company.phones.filter(
      (candidate) => candidate.online && !simulator.holders().has(candidate.mac),
    );
    for (const [name, phone] of [
      ['Failover 112', emergencyPhone],
      ['Failover keypad', keypadPhone],
    ] as const)
      expect((await facility.request('POST', '/desks', { body: { name, mac: phone?.mac ?? '' } })).status).toBe(201);
    const dora = await on(instances.indexOf(staying), 'user171');
    expect((await dora.request('PUT', '/me/phone-pin', { body: { pin: '7391' } })).status).toBe(204);
    const extension = company.users.find((user) => user.h323 === 'user171')?.e164 ?? '';
    // The base objects hold both phones (the leader's work), then the leader dies.
    await waitFor(() =>
      [emergencyPhone, keypadPhone].every((phone) => simulator.registeredTo(phone?.mac ?? '') !== undefined),
    );
    instances.splice(instances.indexOf(leading), 1);
    await leading.close();
    // In the gap before the other takes over: an emergency call and a keypad login.
    const emergency = simulator.dial(emergencyPhone?.mac ?? '', '112');
    expect(typeof emergency).not.toBe('string');
    expect(typeof simulator.dial(keypadPhone?.mac ?? '', `*55*${extension}*7391`)).not.toBe('string');
    await waitFor(() => staying.leads());
    // Both noticed: the emergency frozen and audited, the keypad login done.
    await waitFor(
      async () =>
        (await staying.db.query(`SELECT 1 FROM emergency_calls WHERE desk_name = 'Failover 112'`)).length === 1,
    );
    await waitFor(
      () =>
        simulator.holders().get(keypadPhone?.mac ?? '')?.[0] === company.users.find((u) => u.h323 === 'user171')?.guid,
    );
    if (typeof emergency === 'object') simulator.hangUp(emergency.id);
  });
});
