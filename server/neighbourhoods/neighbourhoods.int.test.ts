import { afterEach, describe, expect, it } from 'vitest';
import { availabilitySchema } from '../../contract/bookings.ts';
import { deskListResponseSchema, deskSchema } from '../../contract/desks.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import { neighbourhoodListSchema, neighbourhoodSchema } from '../../contract/neighbourhoods.ts';
import { addDays, localMoment } from '../../contract/office-hours.ts';
import { openPbxAdmin, waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Tomorrow in Berlin at `hour`:00, as an instant. */
function tomorrowAt(hour: number): number {
  const [year = 0, month = 1, day = 1] = addDays(localMoment(new Date(), 'Europe/Berlin').day, 1)
    .split('-')
    .map(Number);
  return zonedTimeToUtc('Europe/Berlin', year, month, day, hour, 0).getTime();
}

async function world() {
  const context = await setup(60);
  const desks = deskListResponseSchema.parse((await context.admin.request('GET', '/desks')).body).desks;
  const desk = (index: number) => desks.find((one) => one.name === `D-${String(index).padStart(3, '0')}`);
  return { ...context, desk };
}

describe('neighbourhoods', () => {
  it('keeps desks for a PBX group: members book and check in, others are told whose and when they may', async () => {
    const { as, desk, free, harness } = await world();
    const facility = await as('facility');
    const index = free(0);
    const sales = desk(index);
    const made = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Sales', pbxGroup: 'sales', othersFrom: null, deskIds: [sales?.id] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const neighbourhood = neighbourhoodSchema.parse(made.body);
    expect(neighbourhood).toMatchObject({ name: 'Sales', pbxGroup: 'sales', desks: [{ name: sales?.name }] });
    // A desk is in one neighbourhood at most.
    const twice = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Marketing', pbxGroup: 'marketing', othersFrom: null, deskIds: [sales?.id] },
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'neighbourhood_overlap' } });

    // user020 is not in sales: the desk is listed as reserved, booking and checking in are refused with why.
    const outsider = await as('user020');
    const start = tomorrowAt(9);
    const range = `from=${iso(start)}&to=${iso(start + 4 * HOUR)}&q=${sales?.name ?? ''}`;
    const seen = availabilitySchema.parse((await outsider.request('GET', `/bookings/availability?${range}`)).body);
    expect(seen.desks[0]).toMatchObject({ status: 'reserved', neighbourhood: { name: 'Sales', member: false } });
    const booking = await outsider.request('POST', '/bookings', {
      body: { deskId: sales?.id, start: iso(start), end: iso(start + 4 * HOUR) },
    });
    expect(booking.status).toBe(409);
    expect(booking.body).toMatchObject({
      error: { message: 'This desk is in the Sales neighbourhood, for members of sales only.' },
    });
    const walkIn = await checkin(outsider, 'desk', sales?.name ?? '');
    expect(walkIn.status).toBe(409);
    expect(walkIn.body).toMatchObject({ error: { code: 'desk_neighbourhood' } });

    // Made a member on the PBX: the replica says so at once, and the desk is theirs to book and to sit at.
    const admin = await openPbxAdmin(harness.simulator.url);
    const user = company.users.find((candidate) => candidate.h323 === 'user020');
    await admin.request('PbxAdminApi', 'UpdateObject', { guid: user?.guid, grp: [{ name: 'Sales', mode: 'active' }] });
    admin.close();
    await waitFor(async () => {
      const again = availabilitySchema.parse((await outsider.request('GET', `/bookings/availability?${range}`)).body);
      return again.desks[0]?.status === 'free' && again.desks[0].neighbourhood?.member === true;
    });
    expect(
      (
        await outsider.request('POST', '/bookings', {
          body: { deskId: sales?.id, start: iso(start), end: iso(start + 4 * HOUR) },
        })
      ).status,
    ).toBe(201);
    expect((await checkin(outsider, 'desk', sales?.name ?? '')).status).toBe(200);
  });

  it('opens a neighbourhood to everyone from its hour on that day; staff book for anyone', async () => {
    const { as, desk, free } = await world();
    const facility = await as('facility');
    const sales = desk(free(0));
    const made = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Sales', pbxGroup: 'sales', othersFrom: '10:00', deskIds: [sales?.id] },
    });
    const neighbourhood = neighbourhoodSchema.parse(made.body);
    const outsider = await as('user021');
    const start = tomorrowAt(11);
    const refused = await outsider.request('POST', '/bookings', {
      body: { deskId: sales?.id, start: iso(start), end: iso(start + HOUR) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { message: expect.stringContaining('everyone from 10:00 on that day') },
    });
    // Helpdesk books it for them all the same.
    const helpdesk = await as('helpdesk');
    expect(
      (
        await helpdesk.request('POST', '/bookings', {
          body: { deskId: sales?.id, start: iso(start), end: iso(start + HOUR), user: 'user021' },
        })
      ).status,
    ).toBe(201);
    // Members only now: changed with the version read, listed, then removed (audited each time).
    // Desks can be named as people type them (any case); an unknown name is refused at the field.
    const unknown = await facility.request('PUT', `/neighbourhoods/${neighbourhood.id}`, {
      body: { name: 'Sales', pbxGroup: 'sales', othersFrom: null, deskNames: ['No-such-desk'] },
      headers: { 'If-Match': `"${neighbourhood.version}"` },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { fields: { deskNames: 'Unknown: No-such-desk.' } } });
    const changed = await facility.request('PUT', `/neighbourhoods/${neighbourhood.id}`, {
      body: { name: 'Sales', pbxGroup: 'sales', othersFrom: null, deskNames: [sales?.name.toLowerCase()] },
      headers: { 'If-Match': `"${neighbourhood.version}"` },
    });
    expect(changed.status).toBe(200);
    expect(neighbourhoodSchema.parse(changed.body).desks).toEqual([{ id: sales?.id, name: sales?.name }]);
    const stale = await facility.request('PUT', `/neighbourhoods/${neighbourhood.id}`, {
      body: { name: 'Sales', pbxGroup: 'sales', othersFrom: null, deskIds: [sales?.id] },
      headers: { 'If-Match': `"${neighbourhood.version}"` },
    });
    expect(stale.status).toBe(409);
    const list = neighbourhoodListSchema.parse((await facility.request('GET', '/neighbourhoods')).body);
    expect(list.neighbourhoods.map((one) => [one.name, one.othersFrom])).toEqual([['Sales', null]]);
    expect(list.groups).toContain('hotdesk-admin');
    expect((await facility.request('DELETE', `/neighbourhoods/${neighbourhood.id}`)).status).toBe(204);
    expect((await outsider.request('GET', '/neighbourhoods')).status).toBe(403);
  });

  it('a walk-in desk is never booked ahead, and says so', async () => {
    const { as, admin, desk, free } = await world();
    const walkIn = desk(free(0));
    const patched = await admin.request('PATCH', `/desks/${walkIn?.id ?? ''}`, {
      body: { bookable: false },
      headers: { 'If-Match': `"${walkIn?.version ?? 0}"` },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(deskSchema.parse(patched.body).bookable).toBe(false);
    const employee = await as('user022');
    const start = tomorrowAt(9);
    const range = `from=${iso(start)}&to=${iso(start + HOUR)}&q=${walkIn?.name ?? ''}`;
    const seen = availabilitySchema.parse((await employee.request('GET', `/bookings/availability?${range}`)).body);
    expect(seen.desks[0]?.status).toBe('walk_in');
    const refused = await employee.request('POST', '/bookings', {
      body: { deskId: walkIn?.id, start: iso(start), end: iso(start + HOUR) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: expect.stringContaining('for walk-ins only') } });
    // Walking in is what it is for.
    expect((await checkin(employee, 'desk', walkIn?.name ?? '')).status).toBe(200);
  });
});
