import { afterEach, describe, expect, it } from 'vitest';
import { floorSchema } from '../../contract/floors.ts';
import { desksWithoutLocationSchema, pbxLocationsResponseSchema, siteSchema } from '../../contract/sites.ts';
import { waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

describe('sites', () => {
  it('facility creates, renames and deletes a site; its PBX location must be one of the PBX’s', async () => {
    const { as, harness } = await setup(0);
    const facility = await as('facility');
    const locations = pbxLocationsResponseSchema.parse((await facility.request('GET', '/sites/pbx-locations')).body);
    expect(locations.locations).toEqual(['berlin', 'munich']);

    const unknown = await facility.request('POST', '/sites', { body: { name: 'Paris', pbxLocation: 'paris' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { fields: { pbxLocation: expect.stringContaining('berlin, munich') } },
    });

    const created = await facility.request('POST', '/sites', {
      body: {
        name: 'Munich office',
        address: 'Marienplatz 8, 80331 München',
        pbxLocation: 'munich',
        emergencyNumber: '+498912345',
        alertEmails: ['Security@Example.com', 'security@example.com', 'reception@example.com'],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const site = siteSchema.parse(created.body);
    expect(site).toMatchObject({
      pbxLocation: 'munich',
      emergencyNumber: '+498912345',
      // Told of an emergency call by e-mail: each address once.
      alertEmails: ['security@example.com', 'reception@example.com'],
      version: 1,
    });
    expect((await facility.request('POST', '/sites', { body: { name: 'munich OFFICE' } })).status).toBe(409);

    const helpdesk = await as('helpdesk');
    expect((await helpdesk.request('GET', `/sites/${site.id}`)).body).toEqual(site);
    expect(
      (await helpdesk.request('PATCH', `/sites/${site.id}`, { body: { name: 'x' }, headers: { 'If-Match': '"1"' } }))
        .status,
    ).toBe(403);
    expect((await (await as('user100')).request('GET', '/sites')).status).toBe(403);

    // A PATCH changes only what it names.
    const renamed = await facility.request('PATCH', `/sites/${site.id}`, {
      body: { name: 'München' },
      headers: { 'If-Match': '"1"' },
    });
    expect(siteSchema.parse(renamed.body)).toMatchObject({ name: 'München', pbxLocation: 'munich', version: 2 });
    expect(
      (await facility.request('PATCH', `/sites/${site.id}`, { body: { name: 'y' }, headers: { 'If-Match': '"1"' } }))
        .status,
    ).toBe(409);

    const floor = floorSchema.parse(
      (await facility.request('POST', '/floors', { body: { name: 'EG', building: 'Altbau', siteId: site.id } })).body,
    );
    expect(floor.siteId).toBe(site.id);
    const patched = floorSchema.parse(
      (
        await facility.request('PATCH', `/floors/${floor.id}`, {
          body: { name: 'Erdgeschoss' },
          headers: { 'If-Match': '"1"' },
        })
      ).body,
    );
    expect(patched).toMatchObject({ name: 'Erdgeschoss', building: 'Altbau', siteId: site.id });

    expect((await facility.request('DELETE', `/sites/${site.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(
      204,
    );
    expect(floorSchema.parse((await facility.request('GET', `/floors/${floor.id}`)).body).siteId).toBeNull();
    const [audit] = await harness.service.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'site.%'`,
    );
    expect(audit?.n).toBe(3);
  });

  it('a check-in at a desk of another site moves the person’s PBX location there; check-out gives theirs back', async () => {
    const { as, admin, free, harness, setSettings } = await setup();
    const site = siteSchema.parse(
      (await admin.request('POST', '/sites', { body: { name: 'Munich office', pbxLocation: 'munich' } })).body,
    );
    const floor = floorSchema.parse(
      (await admin.request('POST', '/floors', { body: { name: 'EG', siteId: site.id } })).body,
    );
    const index = free(0);
    const deskName = `D-${String(index).padStart(3, '0')}`;
    const listed = (await admin.request('GET', `/desks?q=${deskName}`)).body as {
      desks: { id: string; version: number }[];
    };
    const desk = listed.desks[0];
    if (!desk) throw new Error('no desk');
    const moved = await admin.request('PATCH', `/desks/${desk.id}`, {
      body: { floorId: floor.id },
      headers: { 'If-Match': `"${desk.version}"` },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // Until the site has an address, the desk has no dispatchable location; the others have no floor at all.
    const report = desksWithoutLocationSchema.parse((await admin.request('GET', '/sites/desks-without-location')).body);
    expect(report.desks.find((row) => row.id === desk.id)).toEqual({
      id: desk.id,
      name: deskName,
      floor: 'EG',
      reason: 'site_without_address',
    });
    expect(report.desks.filter((row) => row.reason === 'no_floor')).toHaveLength(59);
    await admin.request('PATCH', `/sites/${site.id}`, {
      body: { address: 'Marienplatz 8, 80331 München' },
      headers: { 'If-Match': '"1"' },
    });
    expect(
      desksWithoutLocationSchema
        .parse((await admin.request('GET', '/sites/desks-without-location')).body)
        .desks.some((row) => row.id === desk.id),
    ).toBe(false);
    const locOf = async () => (await harness.service.pbx.findUser('user160'))?.loc;
    expect(await locOf()).toBe('berlin');
    // The desk's base object moves to its site's PBX location too: the free phone calls 112 from Munich.
    const baseGuid = harness.simulator.holders().get(company.phones[index]?.mac ?? '')?.[0] ?? '';
    await waitFor(() => harness.service.pbx.userByGuid(baseGuid)?.loc === 'munich');
    // The export names the desk's site (the dispatchable location's first part).
    const exported = await fetch(`${harness.service.url}/api/v1/desks/export`, {
      headers: { Cookie: admin.cookieHeader() },
    });
    const row = (await exported.text()).split('\r\n').find((line) => line.includes(`,${deskName},`));
    expect(row?.endsWith(',EG,,,,0,true,true,Munich office')).toBe(true);

    const person = await as('user160');
    expect((await checkin(person, 'desk', deskName)).status).toBe(200);
    expect(await locOf()).toBe('munich');
    expect((await person.request('POST', '/checkout')).status).toBe(200);
    expect(await locOf()).toBe('berlin');

    // A forced logout gives it back too; with the setting off, nobody moves.
    expect((await checkin(person, 'desk', deskName)).status).toBe(200);
    expect(await locOf()).toBe('munich');
    const helpdesk = await as('helpdesk');
    expect((await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [desk.id] } })).status).toBe(200);
    expect(await locOf()).toBe('berlin');
    await setSettings((values) => ({ ...values, phones: { ...values.phones, locationFollowsDesk: false } }));
    expect((await checkin(person, 'desk', deskName)).status).toBe(200);
    expect(await locOf()).toBe('berlin');
  });
});
