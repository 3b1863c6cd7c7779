import { afterEach, describe, expect, it } from 'vitest';
import { CHECKIN_HISTORY_ACTIONS } from '../../contract/analytics.ts';
import { auditListResponseSchema } from '../../contract/api.ts';
import { openPbxAdmin, waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const macOf = (index: number) => company.phones[index]?.mac ?? '';
const number = (index: number) => String(index).padStart(3, '0');

/**
 * Works-council mode (aggregate-only): the audit log never lists one person's own check-ins and check-outs, by
 * whichever way they were made (issue 31: those by token or keypad were listed, the actor being "user140 (token)").
 * Staff actions on someone's behalf stay: they are the staff's accountability.
 */
describe('aggregate-only mode and the audit log', () => {
  it('leaves out a person’s own check-ins and check-outs by every method, and keeps helpdesk’s', async () => {
    const { harness, as, admin, free, holderOf, setSettings } = await setup();
    await setSettings((values) => ({
      ...values,
      loginMethods: { desk: true, computer: true, thinclient: true, phone: true },
      privacy: { ...values.privacy, aggregateOnly: true },
    }));
    const eva = await as('user140');
    const person = company.users.find((user) => user.h323 === 'user140');
    if (!person) throw new Error('no user140');
    const db = harness.service.db;
    /** Events about user140 the log has, and those the API lists. */
    const stored = async () =>
      (
        await db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM audit_events WHERE action = ANY($1::text[])
           AND (actor LIKE 'user140%' OR detail->>'user' = 'user140' OR detail->>'after' = 'user140')`,
          [[...CHECKIN_HISTORY_ACTIONS]],
        )
      )[0]?.n ?? '0';
    const listed = async () =>
      auditListResponseSchema
        .parse((await admin.request('GET', '/audit?limit=200')).body)
        .events.filter((event) => event.action.startsWith('occupancy.') && JSON.stringify(event).includes('user140'));
    const steps: [string, () => Promise<void>][] = [
      ['by desk name', async () => void expect((await checkin(eva, 'desk', `D-${number(free(0))}`)).status).toBe(200)],
      [
        'by computer name',
        async () => void expect((await checkin(eva, 'computer', `PC-${number(free(0))}`)).status).toBe(200),
      ],
      [
        'by thin-client name',
        async () => void expect((await checkin(eva, 'thinclient', `TC-${number(free(0))}`)).status).toBe(200),
      ],
      ['checking out', async () => void expect((await eva.request('POST', '/checkout')).status).toBe(200)],
      [
        'with a logon script’s token',
        async () => {
          const { token } = (await eva.request('POST', '/me/tokens', { body: { label: 'Logon' } })).body as {
            token: string;
          };
          const answer = await fetch(`${harness.service.url}/api/v1/checkin`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ method: 'computer', value: `PC-${number(free(0))}` }),
          });
          expect(answer.status).toBe(200);
        },
      ],
      [
        'on the phone’s keypad, in and out',
        async () => {
          expect((await eva.request('PUT', '/me/phone-pin', { body: { pin: '4826' } })).status).toBe(204);
          const desk = free(0);
          await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);
          harness.simulator.dial(macOf(desk), `*55*${person.e164}*4826`);
          await waitFor(() => holderOf(desk)?.join() === 'user140');
          await waitFor(() => harness.simulator.callsOn(macOf(desk)).length === 0);
          await waitFor(() => harness.simulator.registeredTo(macOf(desk)) === person.guid);
          harness.simulator.dial(macOf(desk), '*56');
          await waitFor(() => holderOf(desk)?.join() === 'base');
        },
      ],
      [
        'on the PBX (an administrator moved a desk phone into the person’s device list)',
        async () => {
          const desk = free(0);
          const mac = macOf(desk).toLowerCase();
          const base = harness.service.pbx.userByGuid(harness.simulator.holders().get(macOf(desk))?.[0] ?? '');
          if (!base) throw new Error('no base object');
          const pbx = await openPbxAdmin(harness.simulator.url);
          await pbx.request('PbxAdminApi', 'UpdateObject', {
            guid: base.guid,
            devices: base.devices.filter((device) => device.hw.toLowerCase() !== mac),
          });
          await pbx.request('PbxAdminApi', 'UpdateObject', {
            guid: person.guid,
            devices: [...(harness.simulator.user('user140')?.devices ?? []), { hw: mac, text: 'Desk', app: 'phone' }],
          });
          pbx.close();
        },
      ],
    ];
    for (const [method, step] of steps) {
      const before = await stored();
      await step();
      // The service wrote it down (the history is kept, only not shown)…
      await waitFor(async () => (await stored()) !== before);
      // …and the log does not list it.
      expect(JSON.stringify(await listed()), method).toBe('[]');
    }

    // Helpdesk checking someone in is the helpdesk's action: listed.
    const helpdesk = await as('helpdesk');
    const board = (await helpdesk.request('GET', '/occupancy')).body as {
      desks: { deskId: string; deskName: string; occupant: unknown }[];
    };
    const freeDesk = board.desks.find((desk) => desk.deskName === `D-${number(free(0))}`);
    const onBehalf = await helpdesk.request('POST', '/occupancy/checkin', {
      body: { deskId: freeDesk?.deskId ?? '', user: 'user141' },
    });
    expect(onBehalf.status).toBe(200);
    const log = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=200')).body);
    expect(log.events.some((event) => event.actor === 'helpdesk' && event.action === 'occupancy.checkin')).toBe(true);
  });
});
