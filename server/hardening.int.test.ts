import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../contract/api.ts';
import { importResponseSchema } from '../contract/desks.ts';
import { DEMO_APP, demoCompany } from '../mocks/pbx/demo-company.ts';
import { DocClient } from '../test/doc-client.ts';
import { startHarness, waitFor, type Harness } from '../test/service-harness.ts';
import type { TestClient } from '../test/http-client.ts';

/** Regression tests for the findings of the outside security and fault probe (issue "Hardening"). */
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
    const floor = (await admin.request('POST', '/floors', { body: { name: 'Plan probe' } })).body as {
      id: string;
      version: number;
    };
    expect((await put(floor.id, png(800, 600))).status).toBe(428);
    expect((await put(floor.id, png(800, 600), `"${floor.version + 1}"`)).status).toBe(409);
    expect((await put(floor.id, png(800, 600), `"${floor.version}"`)).status).toBe(200);
  });

  it.each([
    [0xffffffff, 600],
    [2 ** 31 - 1, 2 ** 31 - 1],
    [16_385, 10],
  ])('refuses a PNG that claims %d × %d pixels with 400', async (width, height) => {
    const floor = (await admin.request('POST', '/floors', { body: { name: `Huge ${width}x${height}` } })).body as {
      id: string;
      version: number;
    };
    const answer = await put(floor.id, png(width, height), `"${floor.version}"`);
    expect(answer.status).toBe(400);
  });
});

const importCsv = (client: TestClient, body: string, query: string) =>
  fetch(`${harness.service.url}/api/v1/desks/import?${query}`, {
    method: 'POST',
    headers: { Cookie: client.cookieHeader(), 'X-CSRF-Token': client.csrfToken ?? '', 'Content-Type': 'text/csv' },
    body,
  });

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

describe('only helpdesk and administrators log people out', () => {
  /** A desk at the demo company's first phone, with user003 checked in at it. */
  async function occupiedDesk(name: string, phone: number) {
    const mac = demoCompany().phones[phone]?.mac ?? '';
    const desk = (await admin.request('POST', '/desks', { body: { name, mac, computerNames: [] } })).body as {
      id: string;
      version: number;
    };
    const user = harness.client();
    await user.signIn('user003', 'demo');
    expect((await user.request('POST', '/checkin', { body: { method: 'desk', value: name } })).status).toBe(200);
    return { ...desk, mac };
  }

  it('facility deleting an occupied desk with occupied=logout gets 409 naming who sits there', async () => {
    const desk = await occupiedDesk('Logout probe 1', 3);
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const answer = await facility.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'desk_occupied' }, mayLogOut: false });
    const { error, occupant } = answer.body as { error: { message: string }; occupant: { displayName: string } };
    expect(error.message).toBe(
      `${occupant.displayName} is using this desk’s phone. Helpdesk can log them out; delete the desk after that.`,
    );
    expect(harness.simulator.holders().get(desk.mac)).toBeDefined();

    const deleted = await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
    expect(deleted.status).toBe(204);
    expect(harness.simulator.holders().get(desk.mac)).toBeUndefined();
  });

  it('facility replacing the table with occupied=logout gets 409 and nobody is logged out', async () => {
    const desk = await occupiedDesk('Logout probe 2', 4);
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const keep = '009033aaaa01,Someone else’s desk\n';
    const answer = await importCsv(
      facility,
      `hw_id,name\n${keep}`,
      'mode=replace&dryRun=false&occupied=logout&confirm=remove-all',
    );
    expect(answer.status).toBe(409);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('desk_occupied');
    const [holder] = harness.simulator.holders().get(desk.mac) ?? [];
    const displayName = demoCompany().users.find((user) => user.guid === holder)?.dn;
    expect(body.error.message).toMatch(
      /^.+ \(Logout probe 2\) sits at desks this import removes\. Helpdesk can log them out/,
    );
    expect(body.error.message.startsWith(`${displayName ?? '?'} (`)).toBe(true);
    expect(harness.simulator.holders().get(desk.mac)).toBeDefined();
    expect((await admin.request('GET', `/desks/${desk.id}`)).status).toBe(200);
    await admin.request('DELETE', `/desks/${desk.id}?occupied=logout`, {
      headers: { 'If-Match': `"${desk.version}"` },
    });
  });
});

describe('removing desks and logging people out is one operation', () => {
  it('a replace import that fails in the database logs nobody out', async () => {
    const mac = demoCompany().phones[5]?.mac ?? '';
    await admin.request('POST', '/desks', { body: { name: 'Atomic probe', mac, computerNames: [] } });
    const user = harness.client();
    await user.signIn('user005', 'demo');
    expect((await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Atomic probe' } })).status).toBe(
      200,
    );
    const holder = harness.simulator.holders().get(mac);
    const db = harness.service.db;
    // The crash, as the database sees it: the transaction that removes the desks does not commit.
    await db.exec(
      `CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$ LANGUAGE plpgsql`,
    );
    await db.exec(`CREATE TRIGGER refuse_delete BEFORE DELETE ON desks FOR EACH ROW EXECUTE FUNCTION refuse_delete()`);
    try {
      const answer = await importCsv(
        admin,
        'hw_id,name\n009033bbbb01,Replacement\n',
        'mode=replace&dryRun=false&occupied=logout&confirm=remove-all',
      );
      expect(answer.status).toBe(500);
    } finally {
      await db.exec('DROP TRIGGER refuse_delete ON desks');
      await db.exec('DROP FUNCTION refuse_delete');
    }
    expect(harness.simulator.holders().get(mac)).toEqual(holder);
    expect(await db.query('SELECT 1 FROM pending_logouts')).toEqual([]);
  });

  it('logouts written down with a removal that committed are done after a restart', async () => {
    const mac = demoCompany().phones[6]?.mac ?? '';
    const desk = (await admin.request('POST', '/desks', { body: { name: 'Crash probe', mac, computerNames: [] } }))
      .body as { id: string };
    const user = harness.client();
    await user.signIn('user006', 'demo');
    await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Crash probe' } });
    const [guid] = harness.simulator.holders().get(mac) ?? [];
    // What a kill -9 right after the commit leaves: the desk gone, the logout written down, the phone still held.
    await harness.service.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO pending_logouts (mac, user_guid, user_name, desk_name, actor, reason) VALUES ($1, $2, 'user006', 'Crash probe', 'admin', 'desk_deleted')`,
        [mac, guid],
      );
      await tx.query('DELETE FROM desks WHERE id = $1::uuid', [desk.id]);
    });
    await harness.restart();
    await waitFor(() => harness.simulator.holders().get(mac) === undefined);
    await waitFor(async () => (await harness.service.db.query('SELECT 1 FROM pending_logouts')).length === 0);
    const [audit] = await harness.service.db.query<{ actor: string; target: string }>(
      `SELECT actor, target FROM audit_events WHERE action = 'occupancy.force_logout' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor: 'admin', target: 'Crash probe' });
  });
});

/** An event stream of `client`'s session; `ended` resolves once the service closes it. */
async function openStream(client: TestClient) {
  const response = await fetch(`${harness.service.url}/api/v1/events`, { headers: { Cookie: client.cookieHeader() } });
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no stream');
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain('event: ready');
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  return { ended, cancel: () => reader.cancel() };
}

/** True when `ended` settles within `ms` (the heartbeat is 25 s, so a check on it would not make it). */
const within = (ended: Promise<boolean>, ms = 3000) =>
  Promise.race([ended, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('event streams end with their session', () => {
  it('on sign-out, at once', async () => {
    const helpdesk = harness.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const stream = await openStream(helpdesk);
    expect((await helpdesk.request('DELETE', '/session')).status).toBe(204);
    expect(await within(stream.ended)).toBe(true);
  });

  it('when the person’s roles change on the PBX', async () => {
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const stream = await openStream(facility);
    const pbxAdmin = await DocClient.open(harness.simulator.url);
    expect((await pbxAdmin.loginAs({ app: DEMO_APP.name }, DEMO_APP.password)).ok).toBe(true);
    const person = harness.simulator.user('facility');
    await pbxAdmin.call({ api: 'PbxAdminApi', mt: 'UpdateObject', guid: person?.guid, grp: [] });
    pbxAdmin.close();
    expect(await within(stream.ended)).toBe(true);
    expect((await facility.request('GET', '/session')).status).toBe(401);
  });

  it('at most 8 streams per session: a ninth ends the oldest', async () => {
    const helpdesk = harness.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const streams = [];
    for (let index = 0; index < 9; index += 1) streams.push(await openStream(helpdesk));
    expect(await within(streams[0]?.ended ?? Promise.resolve(false))).toBe(true);
    expect(await within(streams[8]?.ended ?? Promise.resolve(true), 200)).toBe(false);
    await Promise.all(streams.map((stream) => stream.cancel()));
  });

  it('at most 10 sessions per person: signing in again ends the oldest', async () => {
    const clients = [];
    for (let index = 0; index < 11; index += 1) {
      const client = harness.client();
      await client.signIn('user007', 'demo');
      clients.push(client);
    }
    expect((await clients[0]?.request('GET', '/session'))?.status).toBe(401);
    for (const client of clients.slice(1)) expect((await client.request('GET', '/session')).status).toBe(200);
  });
});

describe('a hung PBX', () => {
  it('is noticed within seconds (health degraded, pbx unresponsive); a check-in meanwhile is 503 with a sentence', async () => {
    const mac = demoCompany().phones[8]?.mac ?? '';
    // A client of its own: an earlier test restarted the service on another port.
    const admin = harness.client();
    await admin.signIn('admin', 'demo');
    await admin.request('POST', '/desks', { body: { name: 'Hung probe', mac, computerNames: [] } });
    const user = harness.client();
    await user.signIn('user008', 'demo');
    harness.simulator.setFaults({ paused: true });
    try {
      await waitFor(async () => {
        const health = await fetch(`${harness.service.url}/api/v1/health`);
        return ((await health.json()) as { pbx: string }).pbx === 'unresponsive';
      }, 10_000);
      const health = await fetch(`${harness.service.url}/api/v1/health`);
      expect(await health.json()).toEqual({ status: 'degraded', db: 'ok', pbx: 'unresponsive' });
      const checkin = await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Hung probe' } });
      expect(checkin.status).toBe(503);
      expect(checkin.body).toMatchObject({ error: { code: 'pbx_unavailable', message: expect.stringMatching(/PBX/) } });
    } finally {
      harness.simulator.setFaults({ paused: false });
    }
    await waitFor(() => harness.service.pbx.status().state === 'connected', 10_000);
    expect((await user.request('POST', '/checkin', { body: { method: 'desk', value: 'Hung probe' } })).status).toBe(
      200,
    );
  });
});
