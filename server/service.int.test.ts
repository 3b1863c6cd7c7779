import { afterEach, describe, expect, it } from 'vitest';
import {
  auditListResponseSchema,
  healthResponseSchema,
  pbxHealthResponseSchema,
  sessionResponseSchema,
} from '../contract/api.ts';
import { LOCAL_ADMIN_PASSWORD, startHarness, waitFor, type Harness } from '../test/service-harness.ts';
import { recordAudit } from './audit/audit.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

describe('sign-in against the PBX', () => {
  it.each([
    ['admin', 'Sabine Krüger', ['admin', 'user']],
    ['helpdesk', 'Jonas Becker', ['helpdesk', 'user']],
    ['facility', 'Aylin Demir', ['facility', 'user']],
    ['user001', undefined, ['user']],
  ])('signs in %s with the roles of their PBX groups', async (username, displayName, roles) => {
    const { client } = await start();
    const browser = client();
    const answer = await browser.signIn(username, 'demo');
    expect(answer.status).toBe(200);
    const session = sessionResponseSchema.parse(answer.body);
    expect(session.user.name).toBe(username);
    expect(session.user.roles).toEqual(roles);
    if (displayName !== undefined) expect(session.user.displayName).toBe(displayName);
    expect((await browser.request('GET', '/session')).body).toEqual(session);
  });

  it('refuses a wrong password with 401 and a clear message, and sets no cookie', async () => {
    const { client } = await start();
    const browser = client();
    const answer = await browser.signIn('user001', 'not-demo');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      error: { code: 'invalid_credentials', message: 'The user name or password is not correct.' },
    });
    expect(browser.hasCookie).toBe(false);
    expect((await browser.request('GET', '/session')).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, Secure only behind HTTPS', async () => {
    const { client } = await start({ env: { TRUST_PROXY: 'true' } });
    const plain = await client().signIn('user001', 'demo');
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await client().request('POST', '/session', {
      body: { username: 'user001', password: 'demo' },
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('slows down guessing from one place without locking the account (behind one trusted proxy)', async () => {
    const { client } = await start({ env: { TRUST_PROXY: '1' } });
    const from = (address: string, claimed = '') => ({ 'X-Forwarded-For': `${claimed}${address}` });
    const signIn = (password: string, headers: Record<string, string>) =>
      client().request('POST', '/session', { body: { username: 'admin', password }, headers });
    for (let i = 0; i < 3; i += 1) expect((await signIn('guess', from('203.0.113.9'))).status).toBe(401);
    const slowed = await signIn('guess', from('203.0.113.9'));
    expect(slowed.status).toBe(401);
    const waiting = await signIn('demo', from('203.0.113.9'));
    expect(waiting.status).toBe(429);
    expect((waiting.body as { error: { code: string } }).error.code).toBe('too_many_attempts');
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // What the client itself claims (left of the proxy's entry) changes nothing.
    expect((await signIn('demo', from('203.0.113.9', '198.51.100.1, '))).status).toBe(429);
    // The right person elsewhere signs in at once: no account lockout.
    expect((await signIn('demo', from('10.1.2.3'))).status).toBe(200);
  });

  it('slows one address across user names', async () => {
    const { client } = await start({
      service: {
        throttleLimits: {
          perUserAndAddress: { free: 50, baseDelayMs: 60_000, maxDelayMs: 60_000 },
          perAddress: { free: 4, baseDelayMs: 60_000, maxDelayMs: 60_000 },
          windowMs: 60_000,
        },
      },
    });
    const browser = client();
    for (let i = 0; i < 5; i += 1) await browser.signIn(`user0${10 + i}`, 'guess');
    expect((await browser.signIn('user020', 'demo')).status).toBe(429);
  });
});

describe('sessions', () => {
  it('signs out: the cookie no longer works', async () => {
    const { client } = await start();
    const browser = client();
    await browser.signIn('helpdesk', 'demo');
    expect((await browser.request('DELETE', '/session')).status).toBe(204);
    expect((await browser.request('GET', '/session')).status).toBe(401);
  });

  it('needs the CSRF token for state-changing requests, and refuses other origins', async () => {
    const { client } = await start();
    const browser = client();
    await browser.signIn('helpdesk', 'demo');
    const missing = await browser.request('DELETE', '/session', { csrf: false });
    expect(missing.status).toBe(403);
    expect((missing.body as { error: { code: string } }).error.code).toBe('csrf_failed');
    const wrong = await browser.request('DELETE', '/session', { csrf: false, headers: { 'X-CSRF-Token': 'forged' } });
    expect(wrong.status).toBe(403);
    const foreign = await browser.request('DELETE', '/session', { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await browser.request('GET', '/session')).status).toBe(200);
  });

  it('survives a service restart', async () => {
    const h = await start();
    const browser = h.client();
    await browser.signIn('facility', 'demo');
    await h.restart();
    const after = await browser.at(h.service.url).request('GET', '/session');
    expect(after.status).toBe(200);
    expect(sessionResponseSchema.parse(after.body).user.name).toBe('facility');
  });

  it('expires after the idle time and after the absolute lifetime', async () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const { client } = await start({
      env: { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2' },
      service: { now: () => now },
    });
    const idle = client();
    await idle.signIn('user001', 'demo');
    now += 29 * 60_000;
    expect((await idle.request('GET', '/session')).status).toBe(200);
    now += 29 * 60_000;
    expect((await idle.request('GET', '/session')).status).toBe(200);
    now += 31 * 60_000;
    expect((await idle.request('GET', '/session')).status).toBe(401);

    const busy = client();
    await busy.signIn('user002', 'demo');
    for (let i = 0; i < 5; i += 1) {
      now += 25 * 60_000;
      expect((await busy.request('GET', '/session')).status).toBe(i < 4 ? 200 : 401);
    }
  });

  it('stores neither passwords nor session tokens in clear', async () => {
    const h = await start();
    const browser = h.client();
    const answer = await browser.signIn('admin-local', LOCAL_ADMIN_PASSWORD);
    expect(answer.status).toBe(200);
    const cookieToken = (answer.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
    const dump = JSON.stringify([
      await h.service.db.query('SELECT * FROM console_sessions'),
      await h.service.db.query('SELECT * FROM local_accounts'),
      await h.service.db.query('SELECT * FROM audit_events'),
    ]);
    expect(cookieToken.length).toBeGreaterThan(20);
    expect(dump).not.toContain(cookieToken);
    expect(dump).not.toContain(LOCAL_ADMIN_PASSWORD);
    expect(dump).toContain('scrypt$');
  });
});

describe('when the PBX is down', () => {
  it('reports it in health, refuses PBX sign-in with 503, lets admin-local in, and recovers', async () => {
    const h = await start();
    const browser = h.client();
    expect(healthResponseSchema.parse((await browser.request('GET', '/health')).body)).toEqual({
      status: 'ok',
      db: 'ok',
      pbx: 'connected',
      pbxs: [
        { name: 'berlin', master: true, state: 'connected' },
        { name: 'munich', master: false, state: 'connected' },
      ],
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      // On PostgreSQL an instance leads once its PBX works (a moment after the start).
      leader: expect.any(Boolean),
    });
    await h.simulator.stop();
    await waitFor(
      async () => ((await browser.request('GET', '/health')).body as { pbx: string }).pbx === 'disconnected',
    );
    expect((await browser.request('GET', '/health')).body).toMatchObject({ status: 'degraded', db: 'ok' });

    const pbxUser = await browser.signIn('user001', 'demo');
    expect(pbxUser.status).toBe(503);
    expect((pbxUser.body as { error: { code: string; message: string } }).error).toEqual({
      code: 'pbx_unavailable',
      message: 'The PBX cannot be reached, so PBX sign-in is not possible right now.',
    });
    const local = await browser.signIn('admin-local', LOCAL_ADMIN_PASSWORD);
    expect(local.status).toBe(200);
    expect(sessionResponseSchema.parse(local.body).user.roles).toEqual(['admin']);

    await h.simulator.start();
    await waitFor(async () => ((await browser.request('GET', '/health')).body as { pbx: string }).pbx === 'connected');
    expect((await h.client().signIn('user001', 'demo')).status).toBe(200);
  });

  it('removes the break-glass admin when HOTDESK_ADMIN_PASSWORD is unset', async () => {
    const h = await start();
    await h.restart({ HOTDESK_ADMIN_PASSWORD: undefined });
    expect((await h.client().signIn('admin-local', LOCAL_ADMIN_PASSWORD)).status).toBe(401);
  });
});

describe('roles and responses', () => {
  it('enforces roles on the audit log: 401 signed out, 403 for facility, what staff did to others for helpdesk, everything for admins', async () => {
    const { client, service } = await start();
    expect((await client().request('GET', '/audit')).status).toBe(401);
    const facility = client();
    await facility.signIn('facility', 'demo');
    const refused = await facility.request('GET', '/audit');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: 'forbidden', message: 'Your role does not allow this.' } });
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    const entries: [actor: string, action: string, target: string, detail: Record<string, string>][] = [
      ['helpdesk', 'occupancy.force_logout', 'B1-0.07', { user: 'user007' }],
      ['helpdesk', 'occupancy.checkin', 'B1-0.08', { user: 'user008', method: 'console' }],
      ['user009', 'occupancy.checkin', 'B1-0.09', { user: 'user009', method: 'desk' }],
      ['service', 'occupancy.force_logout', 'B1-0.10', { user: 'user010', reason: 'auto_daily' }],
    ];
    for (const [actor, action, target, detail] of entries)
      await recordAudit(service.db, { actor, action, target, result: 'ok', detail });
    // Helpdesk reviews its own work: logouts and check-ins made for others, not sign-ins or self check-ins.
    const theirs = auditListResponseSchema.parse((await helpdesk.request('GET', '/audit')).body);
    expect(theirs.events.map((event) => [event.actor, event.action, event.target])).toEqual([
      ['helpdesk', 'occupancy.checkin', 'B1-0.08'],
      ['helpdesk', 'occupancy.force_logout', 'B1-0.07'],
    ]);
    const admin = client();
    await admin.signIn('admin', 'demo');
    const log = auditListResponseSchema.parse((await admin.request('GET', '/audit?action=session')).body);
    expect(log.events.map((event) => [event.actor, event.action, event.result])).toEqual([
      ['admin', 'session.sign_in', 'ok'],
      ['helpdesk', 'session.sign_in', 'ok'],
      ['facility', 'session.sign_in', 'ok'],
    ]);
    // Everything else too (aggregate-only mode, the default, leaves out user009's own check-in).
    const all = auditListResponseSchema.parse((await admin.request('GET', '/audit?action=occupancy')).body);
    expect(all.events.map((event) => event.target)).toEqual(['B1-0.10', 'B1-0.08', 'B1-0.07']);
  });

  it('filters the audit log by who, what, target and time range', async () => {
    const { client } = await start();
    const admin = client();
    await admin.signIn('admin', 'demo');
    const facility = client();
    await facility.signIn('facility', 'demo');
    const created = await facility.request('POST', '/desks', {
      body: { name: 'Audit probe', mac: '00:90:33:fe:00:01' },
    });
    expect(created.status).toBe(201);
    await facility.request('POST', '/floors', { body: { name: 'Audit floor' } });
    const page = async (query: string) =>
      auditListResponseSchema
        .parse((await admin.request('GET', `/audit?${query}`)).body)
        .events.map((event) => [event.actor, event.action, event.target]);
    expect(await page('actor=FACIL')).toEqual([
      ['facility', 'floor.create', 'Audit floor'],
      ['facility', 'desk.create', 'Audit probe'],
      ['facility', 'session.sign_in', null],
    ]);
    expect(await page('action=desk,session.sign_out')).toEqual([['facility', 'desk.create', 'Audit probe']]);
    expect(await page('action=desk&target=probe')).toEqual([['facility', 'desk.create', 'Audit probe']]);
    expect(await page('target=nothing-like-this')).toEqual([]);
    const named = auditListResponseSchema.parse((await admin.request('GET', '/audit?action=desk')).body).events[0];
    expect(named).toMatchObject({ actor: 'facility', actorName: 'Aylin Demir' });
    const now = Date.now();
    expect(await page(`from=${encodeURIComponent(new Date(now + 60_000).toISOString())}`)).toEqual([]);
    expect(await page(`to=${encodeURIComponent(new Date(now - 3_600_000).toISOString())}`)).toEqual([]);
    expect(await page(`from=${encodeURIComponent(new Date(now - 3_600_000).toISOString())}`)).toEqual(
      await page('limit=100'),
    );
    expect((await admin.request('GET', '/audit?action=DROP TABLE')).status).toBe(400);
    expect((await admin.request('GET', '/audit?from=yesterday')).status).toBe(400);
  });

  it('shows administrators the PBX connection and the invariants; nobody else', async () => {
    const { client } = await start();
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    expect((await helpdesk.request('GET', '/health/pbx')).status).toBe(403);
    const admin = client();
    await admin.signIn('admin', 'demo');
    const answer = await admin.request('GET', '/health/pbx');
    expect(answer.status).toBe(200);
    expect(pbxHealthResponseSchema.parse(answer.body)).toMatchObject({
      state: 'connected',
      lastError: null,
      replicaLoaded: true,
      users: 304,
      invariants: { ok: true, duplicateMacs: [], sessionMismatches: [], pendingMoves: 0 },
    });
  });

  it('pages the audit log newest first', async () => {
    const { client } = await start();
    const admin = client();
    for (let i = 0; i < 3; i += 1) await client().signIn(`user00${i + 1}`, 'demo');
    await admin.signIn('admin', 'demo');
    const first = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=2')).body);
    expect(first.events.map((event) => event.actor)).toEqual(['admin', 'user003']);
    const second = auditListResponseSchema.parse(
      (await admin.request('GET', `/audit?limit=2&before=${first.nextCursor ?? ''}`)).body,
    );
    expect(second.events.map((event) => event.actor)).toEqual(['user002', 'user001']);
    expect(second.nextCursor).toBeNull();
  });

  it('sends the security headers on every answer, errors and unknown paths included', async () => {
    const { client } = await start();
    const browser = client();
    for (const path of ['/health', '/session', '/no-such-endpoint']) {
      const answer = await browser.request('GET', path);
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      // Only the myApps client (here the simulator's launcher) may frame the console.
      expect(csp).toMatch(/frame-ancestors http:\/\/127\.0\.0\.1:\d+ http:\/\/localhost:\d+(;|$)/);
      expect(csp).not.toContain('unsafe-inline');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
      expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      // X-Frame-Options cannot name the myApps client; HSTS is the TLS proxy's.
      expect(answer.headers.get('x-frame-options')).toBeNull();
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
    const unknown = await browser.request('GET', '/no-such-endpoint');
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers malformed sign-in bodies with 400 and the fields at fault', async () => {
    const { client } = await start();
    const answer = await client().request('POST', '/session', { body: { username: '' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'bad_request', fields: { username: 'Enter your user name.', password: expect.any(String) } },
    });
  });
});
