import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../contract/api.ts';
import { importResponseSchema } from '../contract/desks.ts';
import { startHarness, type Harness } from '../test/service-harness.ts';
import type { TestClient } from '../test/http-client.ts';

/** Regression tests for the outside probe's findings (issue "Hardening"): hostile and malformed input. */
let harness: Harness;
let admin: TestClient;
beforeAll(async () => {
  harness = await startHarness();
  admin = harness.client();
  await admin.signIn('admin', 'demo');
});
afterAll(() => harness.close());

describe('the audit log', () => {
  it('lists newest first by time, then id, and pages through every event exactly once', async () => {
    const db = harness.service.db;
    // 120 events, many in the same instant, ids past 99 (where a text sort puts 99 before 100).
    const at = new Date('2026-01-01T10:00:00Z');
    for (let index = 0; index < 120; index += 1) {
      await db.query(`INSERT INTO audit_events (at, actor, action, result) VALUES ($1, 'probe', 'probe.event', 'ok')`, [
        new Date(at.getTime() + Math.floor(index / 7) * 1000),
      ]);
    }
    const all = await db.query<{ id: string }>('SELECT id::text AS id FROM audit_events');
    const seen: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const answer = await admin.request('GET', `/audit?limit=7${cursor === null ? '' : `&before=${cursor}`}`);
      expect(answer.status).toBe(200);
      const body = auditListResponseSchema.parse(answer.body);
      seen.push(...body.events);
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen.map((event) => event.id).sort()).toEqual(all.map((row) => row.id).sort());
    const order = (event: { id: string; at: string }) => [Date.parse(event.at), Number(event.id)] as const;
    for (let index = 1; index < seen.length; index += 1) {
      const [previousAt, previousId] = order(seen[index - 1] ?? { id: '0', at: '' });
      const [thisAt, thisId] = order(seen[index] ?? { id: '0', at: '' });
      expect(previousAt > thisAt || (previousAt === thisAt && previousId > thisId)).toBe(true);
    }
  });

  it('answers a cursor beyond any id with 400, not 500', async () => {
    const answer = await admin.request('GET', '/audit?before=99999999999999999999999');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { fields: { before: expect.any(String) } } });
  });
});

describe('input errors are 400 with the field named, never 500', () => {
  it.each([
    ['POST', '/session', { username: 'ad\u0000min', password: 'demo' }, 'username'],
    ['POST', '/floors', { name: 'Floor\u0000 1' }, 'name'],
    ['POST', '/checkin', { method: 'desk', value: 'B1\u0000' }, 'value'],
    ['POST', '/me/tokens', { label: 'Logon\u0000' }, 'label'],
    ['POST', '/floors', { name: 'Floor big', sortOrder: 2147483648 }, 'sortOrder'],
  ])('%s %s with a NUL character or an integer beyond its column', async (method, path, body, field) => {
    const answer = await admin.request(method, path, { body });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'bad_request', fields: { [field]: expect.any(String) } } });
  });

  it.each(['/desks?q=a%00b', '/desks?cursor=%00', '/occupancy/people?q=%00'])('GET %s', async (path) => {
    const answer = await admin.request('GET', path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.status).not.toBe(500);
  });

  it('a NUL in the device text of the settings', async () => {
    const current = (await admin.request('GET', '/settings')).body as { version: number; device: object };
    const { version, ...values } = current as { version: number } & Record<string, unknown>;
    const answer = await admin.request('PUT', '/settings', {
      body: { ...values, device: { ...(values.device as object), text: 'Hot\u0000desk' } },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { fields: { 'device.text': expect.any(String) } } });
  });

  it('JSON nested thousands of levels deep, on the anonymous sign-in and on any route', async () => {
    const deep = `${'['.repeat(8000)}${']'.repeat(8000)}`;
    for (const [client, path] of [
      [harness.client(), '/session'],
      [admin, '/floors'],
    ] as const) {
      const answer = await fetch(`${harness.service.url}/api/v1${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(client === admin ? { Cookie: admin.cookieHeader(), 'X-CSRF-Token': admin.csrfToken ?? '' } : {}),
        },
        body: `{"username":${deep},"name":${deep}}`,
      });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringMatching(/nests deeper/) },
      });
    }
  });

  it('an Origin that is no origin', async () => {
    const answer = await admin.request('POST', '/floors', { body: { name: 'X' }, headers: { Origin: 'garbage' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { fields: { Origin: expect.any(String) } } });
  });

  it('an If-Match beyond any version', async () => {
    const floor = (await admin.request('POST', '/floors', { body: { name: 'Version probe' } })).body as { id: string };
    const answer = await admin.request('PATCH', `/floors/${floor.id}`, {
      body: { name: 'Renamed' },
      headers: { 'If-Match': '"99999999999999999999"' },
    });
    expect(answer.status).toBe(400);
  });
});

describe('one rule for every human-readable name', () => {
  it.each([
    ['/floors', { name: 'desk\u202Egnp.exe' }, 'name'],
    ['/floors', { name: 'Floor\u0007' }, 'name'],
    ['/floors', { name: 'x'.repeat(65) }, 'name'],
    ['/floors', { name: 'Ground', building: 'HQ\u2066' }, 'building'],
    ['/me/tokens', { label: 'Logon \u202Escript' }, 'label'],
  ])('POST %s refuses %j', async (path, body, field) => {
    const answer = await admin.request('POST', path, { body });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { fields: { [field]: expect.any(String) } } });
  });

  it('an import that would create floors and zones checks their names too', async () => {
    const csv = `hw_id,name,computername,floor\r\n00:90:33:ab:cd:01,Import-1,,${'F'.repeat(10_000)}\r\n00:90:33:ab:cd:02,Import-2,,Evil\u202Efloor\r\n`;
    const response = await fetch(
      `${harness.service.url}/api/v1/desks/import?mode=merge&dryRun=false&createFloors=true`,
      {
        method: 'POST',
        headers: { Cookie: admin.cookieHeader(), 'X-CSRF-Token': admin.csrfToken ?? '', 'Content-Type': 'text/csv' },
        body: csv,
      },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { row: number; column: string; code: string }[] };
    expect(body.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [2, 'floor', 'invalid_name'],
      [3, 'floor', 'invalid_name'],
    ]);
    const floors = (await admin.request('GET', '/floors')).body as { floors: { name: string }[] };
    expect(floors.floors.some((floor) => floor.name.length > 64 || floor.name.includes('\u202E'))).toBe(false);
  });
});

describe('floor plans', () => {
  const png = (width: number, height: number) => {
    const bytes = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
    bytes.writeUInt32BE(13, 8);
    bytes.write('IHDR', 12, 'ascii');
    bytes.writeUInt32BE(width, 16);
    bytes.writeUInt32BE(height, 20);
    return bytes;
  };
  const realPlan = readFileSync(new URL('../test/fixtures/plans/plan.png', import.meta.url));
  /** A WebP that is only a header: VP8X claims 4000 × 3000 pixels, no image data follows. */
  const headerOnlyWebp = () => {
    const bytes = Buffer.alloc(30);
    bytes.write('RIFF', 0, 'ascii');
    bytes.writeUInt32LE(22, 4);
    bytes.write('WEBPVP8X', 8, 'ascii');
    bytes.writeUInt32LE(10, 16);
    bytes.writeUIntLE(4000 - 1, 24, 3);
    bytes.writeUIntLE(3000 - 1, 27, 3);
    return bytes;
  };
  const newFloor = async (name: string) =>
    (await admin.request('POST', '/floors', { body: { name } })).body as { id: string; version: number };
  const put = async (floorId: string, bytes: Buffer, ifMatch?: string) =>
    fetch(`${harness.service.url}/api/v1/floors/${floorId}/plan`, {
      method: 'PUT',
      headers: {
        Cookie: admin.cookieHeader(),
        'X-CSRF-Token': admin.csrfToken ?? '',
        'Content-Type': 'application/octet-stream',
        ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }),
      },
      body: new Uint8Array(bytes),
    });

  it('needs If-Match with the floor version: missing 428, stale 409, current 200', async () => {
    const floor = await newFloor('Plan probe');
    expect((await put(floor.id, realPlan)).status).toBe(428);
    expect((await put(floor.id, realPlan, `"${floor.version + 1}"`)).status).toBe(409);
    const stored = await put(floor.id, realPlan, `"${floor.version}"`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ plan: { mime: 'image/png', width: 640, height: 400 } });
  });

  it('refuses an image that is only a header (nothing to draw) with 415, and keeps no plan', async () => {
    const floor = await newFloor('Header only');
    for (const bytes of [headerOnlyWebp(), png(800, 600)]) {
      const answer = await put(floor.id, bytes, `"${floor.version}"`);
      expect(answer.status).toBe(415);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/damaged or incomplete/);
    }
    const after = (await admin.request('GET', `/floors/${floor.id}`)).body as { version: number; plan: unknown };
    expect(after).toMatchObject({ version: floor.version, plan: null });
  });

  it('refuses a small file that claims 12000 × 12000 pixels (a decompression bomb) with 400', async () => {
    const floor = await newFloor('Bomb');
    const answer = await put(floor.id, png(12_000, 12_000), `"${floor.version}"`);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/megapixels/);
  });

  it.each([
    [0xffffffff, 600],
    [2 ** 31 - 1, 2 ** 31 - 1],
    [16_385, 10],
  ])('refuses a PNG that claims %d × %d pixels with 400', async (width, height) => {
    const floor = await newFloor(`Huge ${width}x${height}`);
    const answer = await put(floor.id, png(width, height), `"${floor.version}"`);
    expect(answer.status).toBe(400);
  });
});

const importCsv = (client: TestClient, body: string, query: string) =>
  client.upload('POST', `/desks/import?${query}`, body, 'text/csv');

describe('a hostile desk file', () => {
  it('with a million unknown header columns: one error, a small answer', async () => {
    const answer = await importCsv(admin, `hw_id,name,${'a,'.repeat(1_000_000)}a\n`, 'mode=merge&dryRun=true');
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text.length).toBeLessThan(10_000);
    const body = importResponseSchema.parse(JSON.parse(text));
    expect(body.errors.map((error) => error.code)).toEqual(['too_many_columns']);
    expect(body.warnings).toEqual([]);
  });

  it('with many unknown columns: one warning naming a few and counting the rest', async () => {
    const unknown = Array.from({ length: 200 }, (_, index) => `extra${index}`);
    const answer = await importCsv(admin, `hw_id,name,${unknown.join(',')}\n`, 'mode=merge&dryRun=true');
    const body = importResponseSchema.parse(await answer.json());
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]?.message).toMatch(/"extra0", "extra1", "extra2", "extra3", "extra4" and 195 more/);
  });

  it('with a huge cell and thousands of bad rows: values cut short, lists capped with counts', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => `not-a-mac-${index},Desk ${index}`);
    const csv = `hw_id,name\n${'f'.repeat(5_000_000)},Huge\n${rows.join('\n')}\n`;
    const answer = await importCsv(admin, csv, 'mode=merge&dryRun=true');
    const text = await answer.text();
    expect(text.length).toBeLessThan(1_000_000);
    const body = importResponseSchema.parse(JSON.parse(text));
    expect(body.errorCount).toBe(3001);
    expect(body.errors).toHaveLength(1000);
    expect(body.errors[0]?.value?.length).toBeLessThanOrEqual(100);
    expect(body.errors[0]?.message.length).toBeLessThan(200);
  });
});
