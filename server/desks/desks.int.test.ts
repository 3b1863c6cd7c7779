import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../../contract/api.ts';
import { deskListResponseSchema, deskSchema, type Desk } from '../../contract/desks.ts';
import { floorSchema, zoneListResponseSchema } from '../../contract/floors.ts';
import { demoCompany } from '../../sim/demo-company.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, waitFor, type Harness } from '../../test/service-harness.ts';

let h: Harness;
let facility: TestClient;
let helpdesk: TestClient;
let employee: TestClient;
const company = demoCompany();

beforeAll(async () => {
  h = await startHarness();
  facility = h.client();
  helpdesk = h.client();
  employee = h.client();
  await facility.signIn('facility', 'demo');
  await helpdesk.signIn('helpdesk', 'demo');
  await employee.signIn('user001', 'demo');
});
afterAll(() => h.close());

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/plans/${name}`, import.meta.url));

async function createDesk(body: Record<string, unknown>): Promise<Desk> {
  const answer = await facility.request('POST', '/desks', { body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return deskSchema.parse(answer.body);
}

async function putPlan(floorId: string, bytes: Buffer, version?: number) {
  const current =
    version ?? ((await facility.request('GET', `/floors/${floorId}`)).body as { version: number }).version;
  const response = await fetch(`${h.service.url}/api/v1/floors/${floorId}/plan`, {
    method: 'PUT',
    headers: {
      Cookie: facility.cookieHeader(),
      'X-CSRF-Token': facility.csrfToken ?? '',
      'Content-Type': 'application/octet-stream',
      'If-Match': `"${current}"`,
    },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('desks', () => {
  it('creates a desk with the MAC stored canonical, in any notation', async () => {
    const desk = await createDesk({ name: 'A-01', mac: '00-90-33-AA-00-01', computerNames: ['PC-A01'] });
    expect(desk).toMatchObject({
      name: 'A-01',
      mac: '009033aa0001',
      computerNames: ['PC-A01'],
      enabled: true,
      version: 1,
    });
  });

  it('refuses a taken name (ignoring case), MAC (any notation) or computer name, naming the other desk', async () => {
    await createDesk({ name: 'B-01', mac: '009033bb0001', computerNames: ['PC-B01', 'TC-B01'] });
    const sameName = await facility.request('POST', '/desks', { body: { name: 'b-01', mac: '009033bb0002' } });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({
      error: { code: 'desk_name_taken', fields: { name: 'The desk name "B-01" is already used.' } },
    });
    const sameMac = await facility.request('POST', '/desks', { body: { name: 'B-02', mac: '0090.33BB.0001' } });
    expect(sameMac.body).toMatchObject({
      error: { code: 'mac_taken', fields: { mac: 'This phone is already at desk "B-01".' } },
    });
    const sameComputer = await facility.request('POST', '/desks', {
      body: { name: 'B-03', mac: '009033bb0003', computerNames: ['tc-b01'] },
    });
    expect(sameComputer.body).toMatchObject({
      error: {
        code: 'computer_name_taken',
        fields: { computerNames: 'The computer name "TC-B01" is already at desk "B-01".' },
      },
    });
    // In German, when the browser asks for it: the field errors too, as the desk form shows them.
    const german = await facility.request('POST', '/desks', {
      body: { name: 'b-01', mac: '0090.33BB.0001', computerNames: ['tc-b01'] },
      headers: { 'Accept-Language': 'de-DE,de;q=0.9' },
    });
    expect(german.body).toMatchObject({
      error: {
        message: 'Der Arbeitsplatzname „B-01“ ist schon vergeben.',
        fields: {
          name: 'Der Arbeitsplatzname „B-01“ ist schon vergeben.',
          mac: 'Dieses Telefon steht schon am Arbeitsplatz „B-01“.',
          computerNames: 'Der Computername „TC-B01“ gehört schon zum Arbeitsplatz „B-01“.',
        },
      },
    });
  });

  it('validates names, MACs and NetBIOS computer names field by field', async () => {
    const answer = await facility.request('POST', '/desks', {
      body: { name: ' ', mac: '00:90:33', computerNames: ['OK-NAME', 'THIS-NAME-IS-TOO-LONG', 'BAD/NAME', 'ok-name'] },
    });
    expect(answer.status).toBe(400);
    const fields = (answer.body as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual([
      'computerNames.1',
      'computerNames.2',
      'computerNames.3',
      'mac',
      'name',
    ]);
  });

  it('needs If-Match to change or delete, refuses a stale version with the current desk, and audits the change', async () => {
    const desk = await createDesk({ name: 'C-01', mac: '009033cc0001' });
    expect((await facility.request('PATCH', `/desks/${desk.id}`, { body: { name: 'C-01a' } })).status).toBe(428);
    const updated = await facility.request('PATCH', `/desks/${desk.id}`, {
      body: { name: 'C-01a' },
      headers: { 'If-Match': '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await facility.request('PATCH', `/desks/${desk.id}`, {
      body: { name: 'C-01b' },
      headers: { 'If-Match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'version_conflict' }, current: { name: 'C-01a', version: 2 } });
    const admin = h.client();
    await admin.signIn('admin', 'demo');
    const audit = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=50')).body);
    const entry = audit.events.find((event) => event.action === 'desk.update' && event.target === 'C-01a');
    expect(entry).toMatchObject({ actor: 'facility', detail: { before: { name: 'C-01' }, after: { name: 'C-01a' } } });
  });

  it('creates a row of desks all or none, naming the desk a refusal is about', async () => {
    const taken = await createDesk({ name: 'Row-taken', mac: '00:90:33:ef:00:09' });
    const row = (macs: string[]) =>
      macs.map((mac, index) => ({ name: `Row-${String(index + 1).padStart(2, '0')}`, mac }));
    const refused = await facility.request('POST', '/desks/batch', {
      body: { desks: row(['00:90:33:ef:00:01', taken.mac, '00:90:33:ef:00:03']) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'mac_taken' }, index: 1, desk: 'Row-02' });
    // None of the row was created, not even the one before the refused desk.
    const none = deskListResponseSchema.parse((await facility.request('GET', '/desks?q=Row-0')).body).desks;
    expect(none).toEqual([]);

    const made = await facility.request('POST', '/desks/batch', {
      body: { desks: row(['00:90:33:ef:00:01', '00:90:33:ef:00:02', '00:90:33:ef:00:03']) },
    });
    expect(made.status).toBe(201);
    const desks = (made.body as { desks: Desk[] }).desks;
    expect(desks.map((desk) => desk.name)).toEqual(['Row-01', 'Row-02', 'Row-03']);
    const admin = h.client();
    await admin.signIn('admin', 'demo');
    const audit = auditListResponseSchema.parse(
      (await admin.request('GET', '/audit?action=desk.create&target=Row-0')).body,
    );
    expect(audit.events.map((event) => event.target).sort()).toEqual(['Row-01', 'Row-02', 'Row-03']);
    // A name twice in one row is refused like a name already used.
    const twice = await facility.request('POST', '/desks/batch', {
      body: {
        desks: [
          { name: 'Row-twice', mac: '00:90:33:ef:00:11' },
          { name: 'row-TWICE', mac: '00:90:33:ef:00:12' },
        ],
      },
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'desk_name_taken' }, index: 1 });
    expect(
      (await helpdesk.request('POST', '/desks/batch', { body: { desks: row(['00:90:33:ef:00:21']) } })).status,
    ).toBe(403);
  });

  it('lets helpdesk read but not change; employees get 403', async () => {
    expect((await helpdesk.request('GET', '/desks')).status).toBe(200);
    expect((await helpdesk.request('POST', '/desks', { body: { name: 'X', mac: '009033dd0001' } })).status).toBe(403);
    expect((await employee.request('GET', '/desks')).status).toBe(403);
    expect((await h.client().request('GET', '/desks')).status).toBe(401);
  });

  it('searches by name, computer name and MAC in any notation, and pages with a cursor', async () => {
    for (let index = 0; index < 30; index += 1) {
      await createDesk({
        name: `P-${String(index).padStart(2, '0')}`,
        mac: `009033ee00${String(index).padStart(2, '0')}`,
        computerNames: [`PC-P${index}`],
      });
    }
    const search = async (q: string) =>
      deskListResponseSchema
        .parse((await helpdesk.request('GET', `/desks?q=${encodeURIComponent(q)}`)).body)
        .desks.map((d) => d.name);
    expect(await search('p-07')).toEqual(['P-07']);
    expect(await search('pc-p12')).toEqual(['P-12']);
    expect(await search('EE:00:21')).toEqual(['P-21']);
    expect(await search('0090.33ee.0022')).toEqual(['P-22']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `/desks?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = deskListResponseSchema.parse((await helpdesk.request('GET', query)).body);
      seen.push(...page.desks.map((desk) => desk.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((name) => name.startsWith('P-'))).toHaveLength(30);
  });

  it('deletes an occupied desk only with an explicit choice, logging the person out on the PBX', async () => {
    const occupiedMac = company.phones[0]?.mac ?? '';
    const holder = h.simulator.holders().get(occupiedMac)?.[0];
    expect(holder).toBeDefined();
    const desk = await createDesk({ name: 'OCC-1', mac: occupiedMac });
    const refused = await facility.request('DELETE', `/desks/${desk.id}`, { headers: { 'If-Match': '1' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'desk_occupied' }, occupant: { name: expect.any(String) } });
    expect(h.simulator.holders().get(occupiedMac)).toEqual([holder]);
    const notFacility = await facility.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': '1' },
    });
    expect(notFacility.status).toBe(409);
    expect(notFacility.body).toMatchObject({ error: { code: 'desk_occupied' }, mayLogOut: false });
    expect(h.simulator.holders().get(occupiedMac)).toEqual([holder]);
    const admin = h.client();
    await admin.signIn('admin', 'demo');
    const deleted = await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': '1' },
    });
    expect(deleted.status).toBe(204);
    // Done on the PBX after the deletion's commit (and tried again should the PBX not take it at once).
    await waitFor(() => h.simulator.holders().get(occupiedMac) === undefined);
    expect((await helpdesk.request('GET', `/desks/${desk.id}`)).status).toBe(404);
  });

  it('logs the person out later when the PBX refuses it at the deletion, without waiting for another change', async () => {
    const occupiedMac = company.phones[1]?.mac ?? '';
    const holder = h.simulator.holders().get(occupiedMac)?.[0] ?? '';
    expect(holder).not.toBe('');
    const desk = await createDesk({ name: 'OCC-2', mac: occupiedMac });
    const admin = h.client();
    await admin.signIn('admin', 'demo');
    h.simulator.setFaults({ refuseUpdatesTo: [holder] });
    try {
      const deleted = await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
        headers: { 'If-Match': '1' },
      });
      expect(deleted.status).toBe(204);
      expect(h.simulator.holders().get(occupiedMac)).toEqual([holder]);
    } finally {
      h.simulator.setFaults({ refuseUpdatesTo: [] });
    }
    await waitFor(() => h.simulator.holders().get(occupiedMac) === undefined);
  });
});

describe('floors, plans and layout', () => {
  it('stores plans recognised by content, refuses other files (415) and files over 10 MB (413)', async () => {
    const floor = floorSchema.parse(
      (await facility.request('POST', '/floors', { body: { name: 'Plan test', building: 'HQ' } })).body,
    );
    for (const [name, mime] of [
      ['plan.png', 'image/png'],
      ['plan.jpg', 'image/jpeg'],
      ['plan.webp', 'image/webp'],
      ['png-named.jpg', 'image/png'],
    ]) {
      const answer = await putPlan(floor.id, fixture(name ?? ''));
      expect(answer.status).toBe(200);
      expect(floorSchema.parse(answer.body).plan).toMatchObject({ mime, width: 640, height: 400 });
    }
    expect((await putPlan(floor.id, fixture('not-a-plan.svg'))).status).toBe(415);
    expect((await putPlan(floor.id, fixture('not-a-plan.gif'))).status).toBe(415);
    const huge = Buffer.concat([fixture('plan.png'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await putPlan(floor.id, huge);
    expect(tooBig.status).toBe(413);
    const image = await fetch(`${h.service.url}/api/v1/floors/${floor.id}/plan`, {
      headers: { Cookie: helpdesk.cookieHeader() },
    });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer()).equals(fixture('png-named.jpg'))).toBe(true);
  });

  it('saves a layout all or nothing; a stale desk comes back as a conflict; zones follow positions', async () => {
    const floor = floorSchema.parse(
      (await facility.request('POST', '/floors', { body: { name: 'Layout test' } })).body,
    );
    await putPlan(floor.id, fixture('plan.png'));
    const desks = await Promise.all(
      ['L-1', 'L-2', 'L-3'].map((name, index) => createDesk({ name, mac: `009033ff000${index}` })),
    );
    const place = (desk: Desk, x: number, y: number) => ({
      id: desk.id,
      version: desk.version,
      x,
      y,
      rotation: 0,
      onFloor: true,
    });
    const [one, two, three] = desks as [Desk, Desk, Desk];
    const saved = await facility.request('POST', `/floors/${floor.id}/layout`, {
      body: {
        desks: [place(one, 0.2, 0.2), place(two, 0.7, 0.7), place(three, 0.8, 0.2)],
        zones: [
          {
            name: 'Quiet',
            color: '#22c55e',
            polygon: [
              { x: 0.5, y: 0.5 },
              { x: 1, y: 0.5 },
              { x: 1, y: 1 },
              { x: 0.5, y: 1 },
            ],
          },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const zones = zoneListResponseSchema.parse((await helpdesk.request('GET', `/floors/${floor.id}/zones`)).body).zones;
    expect(zones.map((zone) => zone.name)).toEqual(['Quiet']);
    const all = zoneListResponseSchema.parse((await helpdesk.request('GET', '/zones')).body).zones;
    expect(all.find((zone) => zone.name === 'Quiet')?.floorId).toBe(floor.id);
    expect((await employee.request('GET', '/zones')).status).toBe(403);
    const after = deskListResponseSchema.parse(
      (await helpdesk.request('GET', `/desks?floorId=${floor.id}`)).body,
    ).desks;
    expect(after.map((desk) => [desk.name, desk.x, desk.y, desk.zoneId])).toEqual([
      ['L-1', 0.2, 0.2, null],
      ['L-2', 0.7, 0.7, zones[0]?.id],
      ['L-3', 0.8, 0.2, null],
    ]);

    // A second editor still holds version 1 of L-1: nothing of their save is written.
    const stale = await facility.request('POST', `/floors/${floor.id}/layout`, {
      body: { desks: [place(one, 0.3, 0.3), { ...place(three, 0.9, 0.9), version: 2 }], zones: [] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: 'layout_conflict' },
      conflicts: { desks: [{ name: 'L-1', x: 0.2, version: 2 }] },
    });
    const unchanged = deskSchema.parse((await helpdesk.request('GET', `/desks/${three.id}`)).body);
    expect([unchanged.x, unchanged.y]).toEqual([0.8, 0.2]);

    // Replacing the plan keeps the (relative) positions.
    await putPlan(floor.id, fixture('plan.webp'));
    const kept = deskSchema.parse((await helpdesk.request('GET', `/desks/${two.id}`)).body);
    expect([kept.x, kept.y, kept.floorId]).toEqual([0.7, 0.7, floor.id]);
  });

  it('announces changes on the event stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.service.url}/api/v1/events`, {
      headers: { Cookie: helpdesk.cookieHeader() },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    let text = '';
    const created = await createDesk({ name: 'EV-1', mac: '009033ab0101' });
    await waitFor(async () => {
      const chunk = await reader?.read();
      text += new TextDecoder().decode(chunk?.value);
      return text.includes(created.id);
    });
    expect(text).toContain(`"type":"desks"`);
    controller.abort();
  });
});
