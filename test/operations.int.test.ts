import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema } from '../contract/settings.ts';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Db } from '../server/db/db.ts';
import { logTo } from '../server/lib/log.ts';
import { InnovaphonePbx } from '../server/pbx/innovaphone.ts';
import { announcePbxStatus } from '../server/pbx-status.ts';
import { EventBus } from '../server/lib/events.ts';
import { DocClient } from './doc-client.ts';
import type { TestClient } from './http-client.ts';
import { startHarness, waitFor, type Harness } from './service-harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const company = demoCompany();

/** An installation of an older release: its schema (migrations up to `version`), a desk and a long-ended session. */
const olderRelease = (version: number, settings?: Record<string, unknown>) => async (db: Db) => {
  await migrate(db, { until: version });
  const [desk] = await db.query<{ id: string }>(
    `INSERT INTO desks (name, mac) VALUES ('Old desk', $1) RETURNING id::text AS id`,
    [company.phones[120]?.mac ?? ''],
  );
  await db.query(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
     VALUES ($1::uuid, $2, 'g', 'user042', 'User 42', 'desk', 'user042', now() - interval '200 days', now() - interval '199 days', 'checked_out')`,
    [desk?.id, company.phones[120]?.mac ?? ''],
  );
  if (settings) await db.query('INSERT INTO settings (id, value) VALUES (1, $1)', [JSON.stringify(settings)]);
};

describe('upgrades and downgrades', () => {
  it('an upgrade from a release before base objects, keypad and retention keeps its data and its behaviour', async () => {
    harness = await startHarness({
      before: olderRelease(8, {
        loginMethods: { desk: true, computer: false, thinclient: true },
        device: { text: 'Desk phone', app: 'phone' },
      }),
    });
    const admin = harness.client();
    await admin.signIn('admin', 'demo');
    const settings = settingsSchema.parse((await admin.request('GET', '/settings')).body);
    // What the installation had stays; what would delete data or write to the PBX stays off, and is listed.
    expect(settings.loginMethods).toEqual({ desk: true, computer: false, thinclient: true, phone: false });
    expect(settings.device.text).toBe('Desk phone');
    expect(settings.phones).toMatchObject({ baseObjects: false, locationFollowsDesk: false });
    expect(settings.privacy).toEqual({ aggregateOnly: false, retentionDays: null });
    expect(settings.upgradeNotes).toEqual([
      'phones.baseObjects',
      'phones.locationFollowsDesk',
      'loginMethods.phone',
      'privacy.aggregateOnly',
      'privacy.retentionDays',
    ]);
    // The history care ran (the old day is rolled up) and deleted nothing.
    const db = harness.service.db;
    await waitFor(async () => (await db.query('SELECT 1 FROM usage_days LIMIT 1')).length > 0);
    expect(await db.query("SELECT 1 FROM desk_sessions WHERE user_name = 'user042'")).toHaveLength(1);
    // Saving the settings answers the notes; the values saved are the administrator's.
    const saved = await admin.request('PUT', '/settings', {
      body: { ...settings, version: undefined, upgradeNotes: undefined },
      headers: { 'If-Match': `"${settings.version}"` },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(settingsSchema.parse(saved.body)).toMatchObject({ upgradeNotes: [], phones: { baseObjects: false } });
  });

  it('an upgrade from the previous release keeps the settings and data it had, and a new installation gets the new defaults', async () => {
    harness = await startHarness({ before: olderRelease(14) });
    const admin = harness.client();
    await admin.signIn('admin', 'demo');
    const settings = settingsSchema.parse((await admin.request('GET', '/settings')).body);
    expect(settings.upgradeNotes).toEqual([]);
    expect(settings.phones.baseObjects).toBe(true);
    await harness.close();
    harness = await startHarness();
    const fresh = harness.client();
    await fresh.signIn('admin', 'demo');
    expect(settingsSchema.parse((await fresh.request('GET', '/settings')).body)).toMatchObject({
      upgradeNotes: [],
      privacy: { aggregateOnly: true, retentionDays: 90 },
    });
  });

  it('refuses a database a newer version migrated, naming its migrations', async () => {
    harness = await startHarness();
    await harness.service.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (998, '998_bookings.sql'), (999, '999_mail.sql')",
    );
    const restarted = harness.restart();
    await expect(restarted).rejects.toThrow(
      /upgraded by a newer Hotdesk: it has migrations 998_bookings\.sql, 999_mail\.sql, this version knows up to \d{3}_/,
    );
    await harness.simulator.stop();
    harness = null;
  });
});

describe('shutting down (SIGTERM)', () => {
  it('answers every check-in it accepted before it stops (or carries out none), ends the streams with a reconnect, then accepts no more', async () => {
    harness = await startHarness({ service: { drainMs: 10_000 } });
    const h = harness;
    const facility = h.client();
    await facility.signIn('facility', 'demo');
    const phones = company.phones.filter((phone) => phone.online && !h.simulator.holders().has(phone.mac)).slice(0, 24);
    for (const [index, phone] of phones.entries())
      expect(
        (
          await facility.request('POST', '/desks', {
            body: { name: `Drain ${index}`, mac: phone.mac, computerNames: [] },
          })
        ).status,
      ).toBe(201);
    const stream = await fetch(`${h.service.url}/api/v1/events`, { headers: { Cookie: facility.cookieHeader() } });
    const reader = stream.body?.getReader();
    const people = await Promise.all(
      phones.map(async (_, index) => {
        const client = h.client();
        const name = `user${String(200 + index).padStart(3, '0')}`;
        await client.signIn(name, 'demo');
        return { client, name };
      }),
    );
    // The PBX answers slowly: the check-ins are still under way when the stop comes.
    h.simulator.setFaults({ latencyMs: 300 });
    const received = h.simulator.received;
    const outcomes = people.map(({ client }, index) =>
      client.request('POST', '/checkin', { body: { method: 'desk', value: `Drain ${index}` } }).then(
        (answer) => answer.status,
        () => 'not answered' as const,
      ),
    );
    await waitFor(() => h.simulator.received >= received + 3);
    const closing = h.service.close();
    const statuses = await Promise.all(outcomes);
    let text = '';
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/event: reconnect\ndata: \{\}\nretry: 250/);
    await closing;
    // Answered 200: the phone is the person's. Not answered: nothing was done.
    for (const [index, status] of statuses.entries()) {
      const holder = h.simulator.holders().get(phones[index]?.mac ?? '')?.[0];
      const person = h.simulator.user(people[index]?.name ?? '')?.guid;
      if (status === 200) expect(holder).toBe(person);
      else expect(holder, `${String(status)}`).not.toBe(person);
    }
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    await expect(fetch(`${h.service.url}/api/v1/health/live`)).rejects.toThrow();
    await h.simulator.stop();
    harness = null;
  });

  it('is not ready while it drains, while the PBX is away, and says why', async () => {
    harness = await startHarness();
    const ready = async () => {
      const answer = await fetch(`${harness?.service.url ?? ''}/api/v1/health/ready`);
      return { status: answer.status, body: (await answer.json()) as { ready: boolean; reasons: string[] } };
    };
    expect(await ready()).toEqual({ status: 200, body: { ready: true, reasons: [] } });
    expect(await (await fetch(`${harness.service.url}/api/v1/health/live`)).json()).toMatchObject({ status: 'live' });
    await harness.simulator.stop();
    await waitFor(async () => (await ready()).status === 503);
    expect((await ready()).body.reasons).toEqual([expect.stringMatching(/^the PBX is (reconnecting|disconnected)$/)]);
    await harness.simulator.start();
    await waitFor(async () => (await ready()).status === 200);
  });
});

describe('telling the operator what is happening', () => {
  it('logs each request with its id, never a password or a cookie, and the PBX refusing the App object at every retry', async () => {
    const lines: string[] = [];
    logTo({ write: (line: string) => void lines.push(line) });
    try {
      harness = await startHarness();
      const client = harness.client();
      const given = await fetch(`${harness.service.url}/api/v1/health`, { headers: { 'X-Request-Id': 'lb-4711' } });
      expect(given.headers.get('x-request-id')).toBe('lb-4711');
      const made = await fetch(`${harness.service.url}/api/v1/session`, {
        headers: { 'X-Request-Id': 'bad id; forged=1' },
      });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect((await client.signIn('user001', 'Wr0ng-S3cret!')).status).toBe(401);
      expect((await client.signIn('user001', 'demo')).status).toBe(200);
      await client.request('GET', '/me/desk');
      const requests = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.msg === 'request');
      expect(requests).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: '/api/v1/session',
          status: 401,
          reqId: expect.any(String),
          ms: expect.any(Number),
        }),
      );
      expect(requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/me/desk', status: 200 }));
      const everything = lines.join('');
      expect(everything).not.toContain('Wr0ng-S3cret!');
      expect(everything).not.toContain(client.cookieHeader().split('=')[1] ?? 'no cookie');

      // An instance with a wrong App object password says so at every retry.
      const wrong = new InnovaphonePbx({
        url: harness.simulator.url,
        app: 'hotdesk',
        password: 'not-the-password',
        reconnectInitialMs: 20,
        reconnectMaxMs: 50,
      });
      const stopLog = announcePbxStatus(wrong, new EventBus());
      wrong.start();
      await waitFor(() => lines.filter((line) => line.includes("refused the App object's login")).length >= 3);
      stopLog();
      await wrong.stop();
      expect(lines.find((line) => line.includes("refused the App object's login"))).toContain('"level":"error"');
    } finally {
      logTo(process.stdout, 'warn');
    }
  });

  it('serves Prometheus metrics with METRICS_TOKEN: check-ins by method and outcome, PBX state per PBX, leader, version', async () => {
    harness = await startHarness({ env: { METRICS_TOKEN: 'metrics-token-for-the-test' } });
    const h = harness;
    expect((await fetch(`${h.service.url}/metrics`)).status).toBe(404);
    const facility = h.client();
    await facility.signIn('facility', 'demo');
    const phone = company.phones.find((candidate) => candidate.online && !h.simulator.holders().has(candidate.mac));
    await facility.request('POST', '/desks', { body: { name: 'Metered', mac: phone?.mac ?? '', computerNames: [] } });
    const person = h.client();
    await person.signIn('user060', 'demo');
    expect((await person.request('POST', '/checkin', { body: { method: 'desk', value: 'Metered' } })).status).toBe(200);
    expect((await person.request('POST', '/checkin', { body: { method: 'desk', value: 'Nowhere' } })).status).toBe(404);
    const answer = await fetch(`${h.service.url}/metrics`, {
      headers: { Authorization: 'Bearer metrics-token-for-the-test' },
    });
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await answer.text();
    expect(text).toMatch(/^hotdesk_checkins_total\{method="desk",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^hotdesk_checkins_total\{method="desk",outcome="unknown_desk"\} 1$/m);
    expect(text).toMatch(/^hotdesk_checkin_duration_seconds_count\{method="desk"\} 2$/m);
    expect(text).toMatch(/^hotdesk_pbx_state\{pbx="berlin",master="true",state="connected"\} 1$/m);
    expect(text).toMatch(/^hotdesk_pbx_state\{pbx="munich",master="false",state="connected"\} 1$/m);
    expect(text).toMatch(/^hotdesk_leader 1$/m);
    expect(text).toMatch(/^hotdesk_pbx_moves_pending 0$/m);
    expect(text).toMatch(/^hotdesk_build_info\{version="\d+\.\d+\.\d+[^"]*"\} 1$/m);
    expect(text).toMatch(/^hotdesk_http_requests_total\{method="POST",status="200"\} \d+$/m);
  });
});

describe('the console in production', () => {
  it('does not serve its source maps unless asked for', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'hotdesk-static-'));
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'index.html'), '<div id="root"></div>');
    await writeFile(join(staticDir, 'assets', 'app-1a2b.js'), 'console.log(1)\n//# sourceMappingURL=app-1a2b.js.map');
    await writeFile(join(staticDir, 'assets', 'app-1a2b.js.map'), '{"version":3}');
    try {
      harness = await startHarness({ env: { STATIC_DIR: staticDir, NODE_ENV: 'production' } });
      expect((await fetch(`${harness.service.url}/assets/app-1a2b.js`)).status).toBe(200);
      expect((await fetch(`${harness.service.url}/assets/app-1a2b.js.map`)).status).toBe(404);
      await harness.restart({ SOURCE_MAPS: 'true' });
      expect((await fetch(`${harness.service.url}/assets/app-1a2b.js.map`)).status).toBe(200);
    } finally {
      await rm(staticDir, { recursive: true, force: true });
    }
  });
});

describe('behind a reverse proxy', () => {
  it('signs in through a proxy that rewrites Host (nginx without proxy_set_header Host) when PUBLIC_URL names the console', async () => {
    harness = await startHarness({ env: { PUBLIC_URL: 'https://hotdesk.example.com' } });
    // As the browser sends it through such a proxy: Origin is the public address, Host the service's own.
    const signIn = (origin: string) =>
      fetch(`${harness?.service.url ?? ''}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ username: 'user001', password: 'demo' }),
      });
    expect((await signIn('https://hotdesk.example.com')).status).toBe(200);
    expect((await signIn('https://evil.example')).status).toBe(403);
  });
});

describe('PBX changes made while the service was down', () => {
  it('end the sessions of a person deleted and of one whose role was taken away, once the user table is in', async () => {
    harness = await startHarness();
    const h = harness;
    const helpdesk = h.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const gone = h.client();
    await gone.signIn('user090', 'demo');
    const stays = h.client();
    await stays.signIn('user091', 'demo');
    await h.service.close();
    // Meanwhile on the PBX: helpdesk leaves its group, user090 is deleted.
    const admin = await DocClient.open(h.simulator.url);
    await admin.loginAs({ app: DEMO_APP.name }, DEMO_APP.password);
    const helpdeskGuid = h.simulator.user('helpdesk')?.guid;
    await admin.call({ api: 'PbxAdminApi', mt: 'UpdateObject', guid: helpdeskGuid, grp: [] });
    await admin.call({ api: 'PbxAdminApi', mt: 'DeleteObject', guid: h.simulator.user('user090')?.guid });
    admin.close();
    await h.restart();
    const status = async (client: TestClient) => (await client.at(h.service.url).request('GET', '/session')).status;
    await waitFor(async () => (await status(gone)) === 401 && (await status(helpdesk)) === 401);
    expect(await status(stays)).toBe(200);
  });
});
