import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { deskListResponseSchema, importResponseSchema } from '../../contract/desks.ts';
import { occupancyResponseSchema } from '../../contract/occupancy.ts';
import { demoCompany } from '../../sim/demo-company.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, type Harness } from '../../test/service-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/csv/${name}`, import.meta.url));
const company = demoCompany();

async function setup() {
  h = await startHarness();
  const harness = h;
  const as = async (user: string) => {
    const client = harness.client();
    await client.signIn(user, 'demo');
    return client;
  };
  const facility = await as('facility');
  const upload = async (client: TestClient, body: Uint8Array | string, query: string, language = 'en') => {
    const response = await fetch(`${harness.service.url}/api/v1/desks/import?${query}`, {
      method: 'POST',
      headers: {
        Cookie: client.cookieHeader(),
        'X-CSRF-Token': client.csrfToken ?? '',
        'Content-Type': 'text/csv',
        'Accept-Language': language,
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const desks = async () =>
    deskListResponseSchema.parse((await facility.request('GET', '/desks?limit=5000')).body).desks;
  return { harness, as, facility, upload, desks };
}

describe('importing the desk table', () => {
  it('imports the seed product’s file: dry run first, then applied in one go, audited with the file’s hash', async () => {
    const { facility, upload, desks, harness } = await setup();
    const dry = await upload(facility, fixture('seed-product.csv'), 'mode=replace&dryRun=true');
    expect(dry.status).toBe(200);
    expect(importResponseSchema.parse(dry.body)).toMatchObject({
      summary: { added: 3, changed: 0, removed: 0, unchanged: 0 },
      applied: false,
      errors: [],
    });
    expect(await desks()).toEqual([]);
    const applied = importResponseSchema.parse(
      (await upload(facility, fixture('seed-product.csv'), 'mode=replace&dryRun=false')).body,
    );
    expect(applied.applied).toBe(true);
    expect((await desks()).map((desk) => [desk.name, desk.mac, desk.computerNames])).toEqual([
      ['Desk 1', '009033123401', ['PC-DESK-01']],
      ['Desk 2', '009033123402', []],
      ['Desk 3', '009033123403', ['TC-DESK-03']],
    ]);
    const [audit] = await harness.service.db.query<{ detail: { sha256: string; added: number } }>(
      `SELECT detail FROM audit_events WHERE action = 'desks.import'`,
    );
    expect(audit?.detail).toMatchObject({ added: 3, sha256: applied.file.sha256 });
  });

  it('refuses a file with errors (422) and changes nothing', async () => {
    const { facility, upload, desks } = await setup();
    await upload(facility, fixture('seed-product.csv'), 'mode=replace&dryRun=false');
    const refused = await upload(facility, fixture('errors-everywhere.csv'), 'mode=replace&dryRun=false');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'import_invalid' }, errorCount: 7 });
    expect((await desks()).map((desk) => desk.name)).toEqual(['Desk 1', 'Desk 2', 'Desk 3']);
  });

  it('merges by MAC: desks not in the file stay, and may not collide with the file', async () => {
    const { facility, upload, desks } = await setup();
    await upload(facility, fixture('seed-product.csv'), 'mode=replace&dryRun=false');
    const merge = 'hw_id,name,computername\n00:90:33:12:34:02,Desk 2 renamed,PC-NEW-2\n009033123499,Desk 9,\n';
    const result = importResponseSchema.parse((await upload(facility, merge, 'mode=merge&dryRun=false')).body);
    expect(result.summary).toEqual({ added: 1, changed: 1, removed: 0, unchanged: 0 });
    expect((await desks()).map((desk) => desk.name)).toEqual(['Desk 1', 'Desk 2 renamed', 'Desk 3', 'Desk 9']);
    // Walk-in only from the file (bookable no), added and changed; a file without the column leaves it.
    const walkIn = 'hw_id,name,bookable\n009033123499,Desk 9,no\n00:90:33:12:34:02,Desk 2 renamed,no\n';
    expect(
      importResponseSchema.parse((await upload(facility, walkIn, 'mode=merge&dryRun=false')).body).summary,
    ).toEqual({ added: 0, changed: 2, removed: 0, unchanged: 0 });
    await upload(facility, 'hw_id,name\n009033123499,Desk 9\n', 'mode=merge&dryRun=false');
    expect((await desks()).filter((desk) => !desk.bookable).map((desk) => desk.name)).toEqual([
      'Desk 2 renamed',
      'Desk 9',
    ]);
    const collide = await upload(
      facility,
      'hw_id,name,computername\n009033123498,desk 1,TC-DESK-03\n',
      'mode=merge&dryRun=true',
    );
    expect(importResponseSchema.parse(collide.body).errors.map((error) => [error.row, error.code])).toEqual([
      [2, 'name_taken'],
      [2, 'computer_name_taken'],
    ]);
  });

  it('names the file’s problems and its refusal in the request’s language', async () => {
    const { facility, upload } = await setup();
    const file = 'hw_id,name,notes\n009033123401,Desk 1,\n009033123401,,\n';
    const german = await upload(facility, file, 'mode=merge&dryRun=false', 'de-DE,de;q=0.9');
    expect(german.status).toBe(422);
    expect(german.body).toMatchObject({
      error: { code: 'import_invalid', message: 'Die Datei hat 2 Fehler; nichts wurde geändert.' },
      warnings: [{ message: 'Die Spalte "notes" wird nicht verwendet und ignoriert.' }],
      errors: [
        { row: 3, message: 'Das Telefon 00:90:33:12:34:01 steht auch in Zeile 2.' },
        { row: 3, message: 'Der Arbeitsplatzname fehlt.' },
      ],
    });
    const english = await upload(facility, file, 'mode=merge&dryRun=true');
    expect(importResponseSchema.parse(english.body).errors[0]?.message).toBe(
      'The phone 00:90:33:12:34:01 is also in row 2.',
    );
  });

  it('needs a confirmation to remove every desk, and a choice for desks someone sits at', async () => {
    const { facility, upload, desks, harness, as } = await setup();
    const occupied = company.phones[0]?.mac ?? '';
    await upload(facility, `hw_id,name\n${occupied},Taken desk\n009033777701,Free desk\n`, 'mode=replace&dryRun=false');
    const removeAll = await upload(facility, fixture('header-only.csv'), 'mode=replace&dryRun=false');
    expect(removeAll.status).toBe(409);
    expect(removeAll.body).toMatchObject({ error: { code: 'confirm_remove_all' }, needs: { confirmRemoveAll: true } });
    const withoutChoice = await upload(
      facility,
      fixture('header-only.csv'),
      'mode=replace&dryRun=false&confirm=remove-all',
    );
    expect(withoutChoice.status).toBe(409);
    expect(withoutChoice.body).toMatchObject({
      error: { code: 'occupied_desks' },
      needs: { occupiedRemoved: [{ deskName: 'Taken desk' }], occupiedRemovedCount: 1, mayLogOut: false },
    });
    expect(await desks()).toHaveLength(2);
    const done = await upload(
      await as('admin'),
      fixture('header-only.csv'),
      'mode=replace&dryRun=false&confirm=remove-all&occupied=logout',
    );
    expect(done.status).toBe(200);
    expect(await desks()).toEqual([]);
    expect(harness.simulator.holders().get(occupied)).toBeUndefined();
  });

  it('exports a re-importable file (BOM, defused formulas): export then import changes nothing', async () => {
    const { facility, upload, as } = await setup();
    await upload(
      facility,
      'hw_id,name,computername,x,y\n009033000001,=SUM(A1),PC-1|TC-1,0.5,0.25\n009033000002,"Desk, 2",,,\n',
      'mode=replace&dryRun=false',
    );
    const helpdesk = await as('helpdesk');
    const response = await fetch(`${h?.service.url ?? ''}/api/v1/desks/export`, {
      headers: { Cookie: helpdesk.cookieHeader() },
    });
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="desks-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain(`'=SUM(A1)`);
    const again = importResponseSchema.parse((await upload(facility, bytes, 'mode=replace&dryRun=false')).body);
    expect(again.summary).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });

    // For German Excel: semicolons and decimal commas, and it reads back unchanged as well.
    const german = await fetch(`${h?.service.url ?? ''}/api/v1/desks/export?separator=semicolon`, {
      headers: { Cookie: helpdesk.cookieHeader() },
    });
    const semicolons = new TextDecoder().decode(await german.arrayBuffer());
    expect(semicolons.split('\r\n')[0]).toMatch(/^hw_id;name;computername;/);
    expect(semicolons).toContain(';0,5;0,25;');
    const back = importResponseSchema.parse((await upload(facility, semicolons, 'mode=replace&dryRun=true')).body);
    expect(back.summary).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
  });

  it('is for facility and admin only, and refuses files over 50 MB', async () => {
    const { as, upload, facility } = await setup();
    expect((await upload(await as('helpdesk'), fixture('seed-product.csv'), 'mode=replace')).status).toBe(403);
    expect((await upload(facility, 'x'.repeat(50 * 1024 * 1024 + 10), 'mode=replace')).status).toBe(413);
    expect((await upload(facility, fixture('seed-product.csv'), 'mode=sideways')).status).toBe(400);
  });
});

describe('desks whose phones someone already has', () => {
  it('give that person a session at once, on import and on creating one desk', async () => {
    const { facility, upload } = await setup();
    const held = company.phones
      .map((phone) => ({
        phone,
        holder: company.users.find((user) => user.devices.some((device) => device.hw === phone.mac)),
      }))
      .filter((entry) => entry.holder !== undefined && !entry.holder.h323.startsWith('desk'));
    const [first, second] = held;
    if (!first?.holder || !second?.holder) throw new Error('the demo company has no phone in a device list');
    const file = `hw_id,name,computername\n${first.phone.mac},Held 1,\n`;
    expect((await upload(facility, file, 'mode=merge&dryRun=false')).status).toBe(200);
    const occupancy = async () =>
      occupancyResponseSchema.parse((await facility.request('GET', '/occupancy')).body).desks;
    // No PBX change happened: the import itself recorded who sits there.
    expect((await occupancy()).find((desk) => desk.deskName === 'Held 1')).toMatchObject({
      occupant: { name: first.holder.h323 },
      method: 'pbx',
    });
    expect((await facility.request('POST', '/desks', { body: { name: 'Held 2', mac: second.phone.mac } })).status).toBe(
      201,
    );
    expect((await occupancy()).find((desk) => desk.deskName === 'Held 2')).toMatchObject({
      occupant: { name: second.holder.h323 },
      method: 'pbx',
    });
  });
});
