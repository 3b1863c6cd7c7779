import { afterEach, describe, expect, it } from 'vitest';
import { emergencyAlertListSchema, emergencyAlertSchema } from '../../contract/occupancy.ts';
import { waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const macOf = (index: number) => company.phones[index]?.mac ?? '';

describe('the emergency alert', () => {
  it('an emergency call raises an alert for helpdesk and admins, with who and where, until one acknowledges it', async () => {
    const { harness, as, free } = await setup();
    const index = free(0);
    const desk = `D-${String(index).padStart(3, '0')}`;
    const anna = await as('user201');
    expect((await checkin(anna, 'desk', desk)).status).toBe(200);
    const helpdesk = await as('helpdesk');
    const admin = await as('admin');
    const open = async (client: typeof helpdesk) =>
      emergencyAlertListSchema.parse((await client.request('GET', '/emergencies')).body).alerts;
    expect(await open(helpdesk)).toEqual([]);
    // Employees and facility see no alerts.
    expect((await anna.request('GET', '/emergencies')).status).toBe(403);
    expect((await (await as('facility')).request('GET', '/emergencies')).status).toBe(403);

    await waitFor(() => harness.simulator.registeredTo(macOf(index)) !== undefined);
    const call = harness.simulator.dial(macOf(index), '112');
    if (typeof call === 'string') throw new Error(call);
    await waitFor(async () => (await open(helpdesk)).length === 1);
    const person = company.users.find((user) => user.h323 === 'user201');
    const [alert] = await open(admin);
    expect(alert).toMatchObject({
      number: '112',
      deskName: desk,
      caller: { name: 'user201', displayName: person?.cn },
      callback: person?.e164,
      acknowledgedBy: null,
    });

    const acknowledged = emergencyAlertSchema.parse(
      (await helpdesk.request('POST', `/emergencies/${alert?.id ?? ''}/acknowledge`)).body,
    );
    expect(acknowledged.acknowledgedBy).toBe('helpdesk');
    expect(await open(admin)).toEqual([]);
    // A second acknowledgement (another console at the same moment) changes nothing and is audited once.
    const again = emergencyAlertSchema.parse(
      (await admin.request('POST', `/emergencies/${alert?.id ?? ''}/acknowledge`)).body,
    );
    expect(again.acknowledgedBy).toBe('helpdesk');
    const audited = await harness.service.db.query(
      `SELECT actor FROM audit_events WHERE action = 'emergency.acknowledge'`,
    );
    expect(audited).toEqual([{ actor: 'helpdesk' }]);
    harness.simulator.hangUp(call.id);
  });
});
