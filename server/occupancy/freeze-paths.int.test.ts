import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceLogoutResponseSchema, occupancyResponseSchema } from '../../contract/occupancy.ts';
import type { TestClient } from '../../test/http-client.ts';
import { waitFor, type Harness } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

/**
 * The emergency freeze is one rule where phones move (occupancy-context.ts `takePhone`), not a check per route.
 * This test finds every place in the service that moves a phone or ends a session, and walks a path through each
 * with a desk whose phone has just called 112: the phone stays where it is, the session stays open.
 */
const MOVERS = /\b(takePhone|closeSession)\(/;

/** `file:function` of every call that moves a phone or ends a session, read from the service's code. */
function movingPlaces(): string[] {
  const root = new URL('../', import.meta.url).pathname;
  const places = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        let current = '';
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          const declared = /^(?:export )?(?:async )?function (\w+)|^ {2}(?:async )?(\w+)\(.*\)[^;]*\{$/.exec(line);
          if (declared) current = declared[1] ?? declared[2] ?? current;
          if (MOVERS.test(line) && !/^export async function (takePhone|closeSession)/.test(line))
            places.add(`${path.slice(root.length)}:${current}`);
        }
      }
    }
  };
  walk(root);
  return [...places].sort();
}

/** Each place, and the paths below that go through it. */
const COVERED: Record<string, string[]> = {
  'occupancy/base-objects.ts:holdFreePhone': ['a frozen free desk gets a new MAC'],
  'occupancy/base-objects.ts:removeBaseObject': ['a frozen free desk is deleted'],
  'occupancy/checkin-flow.ts:checkinAt': [
    'helpdesk checks the person in elsewhere',
    'the person checks in elsewhere with a token',
    'someone checks in at a frozen free desk',
  ],
  'occupancy/checkin-flow.ts:checkout': ['the person checks out', 'the person dials *56'],
  'occupancy/logouts.ts:forceLogout': ['helpdesk forces a logout'],
  'occupancy/logouts.ts:logOutNow': ['helpdesk forces a logout'],
  'occupancy/logouts.ts:completePendingLogouts': [
    'an admin deletes the desk, logging the person out',
    'a replace import leaves the desk out',
  ],
};

describe('the emergency freeze holds on every path that moves a phone or ends a session', () => {
  it('knows every such place in the code (a new one needs a path here)', () => {
    expect(movingPlaces()).toEqual(Object.keys(COVERED).sort());
  });

  let harness: Harness;
  let helpdesk: TestClient;
  let admin: TestClient;
  let person: TestClient;
  let tokenHeaders: Record<string, string>;
  let frozen = 0;
  let frozenFree = 0;
  let holderOf: (index: number) => string[] | undefined;
  const deskName = (index: number) => `D-${String(index).padStart(3, '0')}`;
  const macOf = (index: number) => company.phones[index]?.mac ?? '';
  const deskOf = async (index: number) => {
    const listed = (await admin.request('GET', `/desks?q=${deskName(index)}`)).body as {
      desks: { id: string; version: number; name: string }[];
    };
    const desk = listed.desks.find((candidate) => candidate.name === deskName(index));
    if (!desk) throw new Error(`no ${deskName(index)}`);
    return desk;
  };
  const refusedAsFrozen = (answer: { status: number; body: unknown }) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'desk_frozen', message: expect.stringContaining('112') } });
  };

  beforeAll(async () => {
    const world = await setup();
    harness = world.harness;
    holderOf = world.holderOf;
    helpdesk = await world.as('helpdesk');
    admin = world.admin;
    person = await world.as('user140');
    const token = (await person.request('POST', '/me/tokens', { body: { label: 'script' } })).body as { token: string };
    tokenHeaders = { Authorization: `Bearer ${token.token}` };
    frozen = world.free(0);
    frozenFree = world.free(frozen + 1);
    expect((await checkin(person, 'desk', deskName(frozen))).status).toBe(200);
    // Both desks' phones call 112 (the person's, and a free desk's base object), and hang up: the freeze outlasts the call.
    for (const index of [frozen, frozenFree]) {
      await waitFor(() => harness.simulator.registeredTo(macOf(index)) !== undefined);
      const call = harness.simulator.dial(macOf(index), '112');
      if (typeof call === 'string') throw new Error(call);
      await waitFor(
        async () =>
          (await harness.service.db.query(`SELECT 1 FROM emergency_calls WHERE mac = $1`, [macOf(index)])).length === 1,
      );
      harness.simulator.hangUp(call.id);
    }
  });
  afterAll(closeHarness);

  const stays = async () => {
    expect(holderOf(frozen)).toEqual(['user140']);
    expect(holderOf(frozenFree)).toEqual(['base']);
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    expect(board.desks.find((desk) => desk.deskName === deskName(frozen))?.occupant?.name).toBe('user140');
  };

  it('helpdesk checks the person in elsewhere', async () => {
    const elsewhere = await deskOf(frozenFree + 1);
    refusedAsFrozen(
      await helpdesk.request('POST', '/occupancy/checkin', { body: { deskId: elsewhere.id, user: 'user140' } }),
    );
    await stays();
  });

  it('the person checks in elsewhere with a token', async () => {
    refusedAsFrozen(
      await harness.client().request('POST', '/checkin', {
        body: { method: 'desk', value: deskName(frozenFree + 2) },
        headers: tokenHeaders,
      }),
    );
    await stays();
  });

  it('someone checks in at a frozen free desk', async () => {
    const other = harness.client();
    await other.signIn('user141', 'demo');
    refusedAsFrozen(await checkin(other, 'desk', deskName(frozenFree)));
    await stays();
  });

  it('the person checks out', async () => {
    refusedAsFrozen(await person.request('POST', '/checkout'));
    await stays();
  });

  it('the person dials *56', async () => {
    const audits = async () =>
      harness.service.db.query(
        `SELECT 1 FROM audit_events WHERE action = 'occupancy.keypad_logout' AND result = 'refused'`,
      );
    expect(typeof harness.simulator.dial(macOf(frozen), '*56')).not.toBe('string');
    await waitFor(async () => (await audits()).length === 1);
    await stays();
  });

  it('helpdesk forces a logout', async () => {
    const desk = await deskOf(frozen);
    const answer = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [desk.id], evenDuringCall: true } }))
        .body,
    );
    expect(answer.results[0]).toMatchObject({ status: 'frozen' });
    await stays();
  });

  it('an admin deletes the desk, logging the person out', async () => {
    const desk = await deskOf(frozen);
    refusedAsFrozen(
      await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
        headers: { 'If-Match': `"${desk.version}"` },
      }),
    );
    await stays();
  });

  it('a frozen free desk is deleted', async () => {
    const desk = await deskOf(frozenFree);
    refusedAsFrozen(
      await admin.request('DELETE', `/desks/${desk.id}`, { headers: { 'If-Match': `"${desk.version}"` } }),
    );
    await stays();
  });

  it('a frozen free desk gets a new MAC', async () => {
    const desk = await deskOf(frozenFree);
    refusedAsFrozen(
      await admin.request('PATCH', `/desks/${desk.id}`, {
        body: { mac: '009033ffffee' },
        headers: { 'If-Match': `"${desk.version}"` },
      }),
    );
    await stays();
  });

  it('a replace import leaves the desk out', async () => {
    const others = company.phones
      .slice(0, 60)
      .map((phone, index) => ({ phone, index }))
      .filter(({ index }) => index !== frozen);
    const file = [
      'hw_id,name,computername',
      ...others.map(({ phone, index }) => `${phone.mac},${deskName(index)},`),
    ].join('\n');
    const answer = await admin.upload(
      'POST',
      '/desks/import?mode=replace&dryRun=false&occupied=logout',
      file,
      'text/csv',
    );
    refusedAsFrozen({ status: answer.status, body: await answer.json() });
    await stays();
  });
});
