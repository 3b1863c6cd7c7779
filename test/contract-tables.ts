import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { errorResponseSchema } from '../contract/api.ts';
import { deskSchema, importResponseSchema, labelsAddressResponseSchema } from '../contract/desks.ts';
import { floorSchema, layoutSaveResponseSchema, zoneListResponseSchema } from '../contract/floors.ts';
import { liveEventSchema } from '../contract/events.ts';
import { utilisationResponseSchema } from '../contract/analytics.ts';
import { peopleResponseSchema } from '../contract/occupancy.ts';
import { createdTokenSchema, myDeskResponseSchema } from '../contract/checkin.ts';
import { desksWithoutLocationSchema, pbxLocationsResponseSchema, siteSchema } from '../contract/sites.ts';

import { TestClient } from './http-client.ts';

/**
 * The contract cases of the tables (floors with plans and zones, sites, the desk file, labels, analytics), the
 * employee's tokens and PIN, checking someone in, and the live events: called inside the contract suite's `describe.each`, so that they run against the msw
 * handlers and the service alike.
 */
const planPng = new Uint8Array(readFileSync(new URL('./fixtures/plans/plan.png', import.meta.url)));
const errorCode = (body: unknown) => errorResponseSchema.parse(body).error.code;

export function tableContractCases(baseUrl: () => string): void {
  const signedIn = async (name: string) => {
    const client = new TestClient(baseUrl());
    await client.signIn(name, 'demo');
    return client;
  };

  it('floors: created, read, changed with If-Match, a plan checked by content, zones by layout, deleted', async () => {
    const facility = await signedIn('facility');
    const created = await facility.request('POST', '/floors', { body: { name: 'Contract floor' } });
    expect(created.status).toBe(201);
    const floor = floorSchema.parse(created.body);
    expect(floorSchema.parse((await facility.request('GET', `/floors/${floor.id}`)).body).name).toBe('Contract floor');
    const renamed = await facility.request('PATCH', `/floors/${floor.id}`, {
      body: { name: 'Contract floor 2' },
      headers: { 'If-Match': `"${floor.version}"` },
    });
    expect(floorSchema.parse(renamed.body)).toMatchObject({ name: 'Contract floor 2', version: floor.version + 1 });

    const notAnImage = await facility.upload('PUT', `/floors/${floor.id}/plan`, '<svg/>', 'image/png', {
      'If-Match': `"${floor.version + 1}"`,
    });
    expect(notAnImage.status).toBe(415);
    const planned = await facility.upload('PUT', `/floors/${floor.id}/plan`, planPng, 'image/png', {
      'If-Match': `"${floor.version + 1}"`,
    });
    expect(planned.status).toBe(200);
    const withPlan = floorSchema.parse(await planned.json());
    expect(withPlan.plan).toMatchObject({ mime: 'image/png', size: planPng.byteLength });
    const image = await fetch(`${baseUrl()}/api/v1/floors/${floor.id}/plan`, {
      headers: { Cookie: facility.cookieHeader() },
    });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(planPng);

    const desk = deskSchema.parse(
      (await facility.request('POST', '/desks', { body: { name: 'Z-01', mac: '009033ee0001' } })).body,
    );
    const square = [
      { x: 0.1, y: 0.1 },
      { x: 0.5, y: 0.1 },
      { x: 0.5, y: 0.5 },
      { x: 0.1, y: 0.5 },
    ];
    const saved = await facility.request('POST', `/floors/${floor.id}/layout`, {
      body: {
        desks: [{ id: desk.id, version: desk.version, x: 0.3, y: 0.3, rotation: 90, onFloor: true }],
        zones: [{ name: 'North', color: '#3b82f6', polygon: square }],
      },
    });
    expect(saved.status).toBe(200);
    const layout = layoutSaveResponseSchema.parse(saved.body);
    expect(layout.zones).toHaveLength(1);
    expect(layout.desks[0]).toMatchObject({ floorId: floor.id, x: 0.3, rotation: 90, zoneId: layout.zones[0]?.id });
    const stale = await facility.request('POST', `/floors/${floor.id}/layout`, {
      body: { desks: [{ id: desk.id, version: desk.version, x: 0.2, y: 0.2, rotation: 0, onFloor: true }], zones: [] },
    });
    expect(stale.status).toBe(409);
    expect(errorCode(stale.body)).toBe('layout_conflict');
    const zones = zoneListResponseSchema.parse((await facility.request('GET', `/floors/${floor.id}/zones`)).body);
    expect(zones.zones.map((zone) => zone.name)).toEqual(['North']);

    expect(
      (await facility.request('DELETE', `/floors/${floor.id}`, { headers: { 'If-Match': `"${withPlan.version}"` } }))
        .status,
    ).toBe(204);
    expect((await facility.request('GET', `/floors/${floor.id}`)).status).toBe(404);
    const unplaced = deskSchema.parse((await facility.request('GET', `/desks/${desk.id}`)).body);
    expect(unplaced).toMatchObject({ floorId: null, x: null, zoneId: null });
  });

  it('sites: the PBX’s locations, a location checked against them, If-Match, the report, roles', async () => {
    const facility = await signedIn('facility');
    const { locations } = pbxLocationsResponseSchema.parse(
      (await facility.request('GET', '/sites/pbx-locations')).body,
    );
    expect(locations).toContain('berlin');
    const unknown = await facility.request('POST', '/sites', { body: { name: 'Nowhere', pbxLocation: 'atlantis' } });
    expect(unknown.status).toBe(400);
    expect(errorResponseSchema.parse(unknown.body).error.fields).toHaveProperty('pbxLocation');
    const created = await facility.request('POST', '/sites', {
      body: { name: 'Contract site', address: 'Hauptstraße 1, 10827 Berlin', pbxLocation: 'berlin' },
    });
    expect(created.status).toBe(201);
    const site = siteSchema.parse(created.body);
    expect(siteSchema.parse((await facility.request('GET', `/sites/${site.id}`)).body)).toEqual(site);
    const taken = await facility.request('POST', '/sites', { body: { name: 'contract SITE' } });
    expect(taken.status).toBe(409);
    const changed = await facility.request('PATCH', `/sites/${site.id}`, {
      body: { emergencyNumber: '+4930112' },
      headers: { 'If-Match': `"${site.version}"` },
    });
    expect(siteSchema.parse(changed.body)).toMatchObject({ address: site.address, emergencyNumber: '+4930112' });
    desksWithoutLocationSchema.parse((await facility.request('GET', '/sites/desks-without-location')).body);
    const helpdesk = await signedIn('helpdesk');
    expect((await helpdesk.request('GET', '/sites/desks-without-location')).status).toBe(403);
    expect((await helpdesk.request('DELETE', `/sites/${site.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(
      403,
    );
    expect((await facility.request('DELETE', `/sites/${site.id}`, { headers: { 'If-Match': '"1"' } })).status).toBe(
      409,
    );
    expect((await facility.request('DELETE', `/sites/${site.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(
      204,
    );
    expect((await facility.request('GET', `/sites/${site.id}`)).status).toBe(404);
  });

  it('the desk file: export and template as CSV, a dry run, an apply, a file with errors refused', async () => {
    const facility = await signedIn('facility');
    for (const path of ['/desks/export', '/desks/template']) {
      const file = await fetch(`${baseUrl()}/api/v1${path}`, { headers: { Cookie: facility.cookieHeader() } });
      expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
      expect((await file.text()).replace(/^\uFEFF/, '')).toMatch(/^hw_id,name,computername,/);
    }
    const csv = 'hw_id,name,computername\n00:90:33:ff:00:01,CSV-01,PC-CSV-01\n';
    const dryRun = await facility.upload('POST', '/desks/import?mode=merge', csv, 'text/csv');
    expect(dryRun.status).toBe(200);
    const plan = importResponseSchema.parse(await dryRun.json());
    expect(plan).toMatchObject({ applied: false, summary: { added: 1, removed: 0 }, errorCount: 0 });
    expect(plan.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const applied = await facility.upload('POST', '/desks/import?mode=merge&dryRun=false', csv, 'text/csv');
    expect(importResponseSchema.parse(await applied.json())).toMatchObject({ applied: true, summary: { added: 1 } });
    const found = await facility.request('GET', '/desks?q=CSV-01');
    expect(found.body).toMatchObject({
      desks: [{ name: 'CSV-01', mac: '009033ff0001', computerNames: ['PC-CSV-01'] }],
    });
    const broken = await facility.upload(
      'POST',
      '/desks/import?mode=merge&dryRun=false',
      'hw_id,name\nnot-a-mac,CSV-02\n',
      'text/csv',
    );
    expect(broken.status).toBe(422);
    expect(errorCode(await broken.json())).toBe('import_invalid');
    const helpdesk = await signedIn('helpdesk');
    expect((await helpdesk.upload('POST', '/desks/import?mode=merge', csv, 'text/csv')).status).toBe(403);
  });

  it('desk labels: a PDF for staff, 403 for employees', async () => {
    const helpdesk = await signedIn('helpdesk');
    const labels = await fetch(`${baseUrl()}/api/v1/desks/labels.pdf`, {
      headers: { Cookie: helpdesk.cookieHeader() },
    });
    expect(labels.status).toBe(200);
    expect(labels.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await labels.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    const employee = await signedIn('user001');
    expect((await employee.request('GET', '/desks/labels.pdf')).status).toBe(403);
    // Where the codes lead, before anyone prints.
    expect(labelsAddressResponseSchema.parse((await helpdesk.request('GET', '/desks/labels-address')).body)).toEqual({
      address: expect.stringMatching(/^https?:\/\//),
      configured: expect.any(Boolean),
    });
    expect((await employee.request('GET', '/desks/labels-address')).status).toBe(403);
  });

  it('analytics: utilisation and its CSV for facility, 400 for a range too long, 403 for employees', async () => {
    const facility = await signedIn('facility');
    const answer = await facility.request('GET', '/analytics/utilisation?from=2026-11-02&to=2026-11-08&groupBy=site');
    expect(answer.status).toBe(200);
    const { rows } = utilisationResponseSchema.parse(answer.body);
    expect(rows.length % 7).toBe(0);
    expect(rows[0]).toMatchObject({ start: '2026-11-01T23:00:00.000Z', end: '2026-11-02T23:00:00.000Z' });
    const csv = await fetch(`${baseUrl()}/api/v1/analytics/utilisation.csv?from=2026-11-02&to=2026-11-02`, {
      headers: { Cookie: facility.cookieHeader() },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).replace(/^\uFEFF/, '')).toMatch(/^group,start,end,desks,occupied_hours,/);
    const long = await facility.request('GET', '/analytics/utilisation?from=2026-01-01&to=2026-03-01&interval=hour');
    expect(long.status).toBe(400);
    const employee = await signedIn('user001');
    expect((await employee.request('GET', '/analytics/utilisation?from=2026-11-02&to=2026-11-02')).status).toBe(403);
  });

  it('tokens: created once with the secret, listed without it, revoked once', async () => {
    const employee = await signedIn('user001');
    const created = await employee.request('POST', '/me/tokens', { body: { label: 'Thin client' } });
    expect(created.status).toBe(201);
    const token = createdTokenSchema.parse(created.body);
    expect(token.token).toMatch(/^hdt_/);
    expect((await employee.request('GET', '/me/tokens')).body).toEqual({
      tokens: [
        {
          id: token.id,
          label: 'Thin client',
          createdAt: token.createdAt,
          lastUsedAt: null,
          expiresAt: token.expiresAt,
        },
      ],
    });
    expect((await employee.request('DELETE', `/me/tokens/${token.id}`)).status).toBe(204);
    expect((await employee.request('DELETE', `/me/tokens/${token.id}`)).status).toBe(404);
  });

  it('the keypad PIN: set (4–8 digits), never shown, removed once', async () => {
    const employee = await signedIn('user001');
    expect((await employee.request('PUT', '/me/phone-pin', { body: { pin: '12' } })).status).toBe(400);
    expect((await employee.request('PUT', '/me/phone-pin', { body: { pin: '4711' } })).status).toBe(204);
    const desk = myDeskResponseSchema.parse((await employee.request('GET', '/me/desk')).body);
    expect(desk.keypad).toMatchObject({ pinSet: true, loginCode: '*55', logoutCode: '*56' });
    expect(JSON.stringify(desk)).not.toContain('4711');
    expect((await employee.request('DELETE', '/me/phone-pin')).status).toBe(204);
    expect((await employee.request('DELETE', '/me/phone-pin')).status).toBe(404);
  });

  it('checking someone in: the person picker and the check-in for helpdesk, 403 for facility', async () => {
    const helpdesk = await signedIn('helpdesk');
    const found = peopleResponseSchema.parse((await helpdesk.request('GET', '/people?q=USER001')).body);
    expect(found.people.map((person) => person.name)).toContain('user001');
    const unknown = await helpdesk.request('POST', '/occupancy/checkin', {
      body: { deskId: '00000000-0000-4000-8000-000000000000', user: 'user001' },
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.body)).toBe('unknown_desk');
    const facility = await signedIn('facility');
    expect((await facility.request('GET', '/people?q=user001')).status).toBe(403);
    expect(
      (await facility.request('POST', '/occupancy/checkin', { body: { deskId: 'x', user: 'user001' } })).status,
    ).toBe(403);
  });

  it('live events: the stream announces itself, then names each change', async () => {
    const facility = await signedIn('facility');
    const controller = new AbortController();
    const stream = await fetch(`${baseUrl()}/api/v1/events`, {
      headers: { Cookie: facility.cookieHeader(), Accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = stream.body?.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text) && reader) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
    };
    await readUntil(/event: ready/);
    const desk = deskSchema.parse(
      (await facility.request('POST', '/desks', { body: { name: 'E-01', mac: '009033ee0101' } })).body,
    );
    await readUntil(new RegExp(`"type":"desks","ids":\\["${desk.id}"\\]`));
    controller.abort();
    const changes = [...text.matchAll(/event: change\ndata: (.*)\n/g)].map(([, data = 'null']) =>
      liveEventSchema.parse(JSON.parse(data)),
    );
    // The service may announce other changes meanwhile (a phone moving to its desk's base object).
    expect(changes).toContainEqual({ type: 'desks', ids: [desk.id] });
  });
}
