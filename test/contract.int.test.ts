import { HttpHandler, matchRequestUrl } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskBatchResponseSchema, deskListResponseSchema, deskSchema } from '../contract/desks.ts';
import { floorListResponseSchema, zoneListResponseSchema } from '../contract/floors.ts';
import { occupancyResponseSchema } from '../contract/occupancy.ts';
import { pbxCheckReportSchema } from '../contract/pbx-check.ts';
import { siteListResponseSchema } from '../contract/sites.ts';
import { checkinTokenSchema, deskSuggestionsSchema, myDeskResponseSchema } from '../contract/checkin.ts';
import { settingsSchema } from '../contract/settings.ts';
import { z } from '../contract/zod.ts';
import {
  auditListResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
  pbxHealthResponseSchema,
  myAppsChallengeResponseSchema,
  sessionResponseSchema,
} from '../contract/api.ts';
import { emergencyNoticeListSchema } from '../contract/occupancy.ts';
import { createHandlers, createMockApiState } from '../mocks/handlers/index.ts';
import { bookingContractCases } from './contract-bookings.ts';
import { tableContractCases } from './contract-tables.ts';
import { TestClient } from './http-client.ts';
import { startHarness, type Harness } from './service-harness.ts';

/**
 * One request suite, run against the msw handlers (what component tests and the demo see) and against
 * the real service (what production is), so the two cannot drift apart.
 */
interface Target {
  name: string;
  start(): Promise<string>;
  stop(): Promise<void>;
}

const MOCK_ORIGIN = 'http://contract.mock';
const mockServer = setupServer();
/** Every request the msw handlers answered: at the end, each handler must have answered one. */
const reached: { method: string; url: URL }[] = [];
mockServer.events.on('request:match', ({ request }) => {
  reached.push({ method: request.method, url: new URL(request.url) });
});
let mockHandlers: ReturnType<typeof createHandlers> = [];
let harness: Harness | undefined;

const targets: Target[] = [
  {
    name: 'msw handlers',
    start: () => {
      mockHandlers = createHandlers(createMockApiState(), MOCK_ORIGIN);
      mockServer.use(...mockHandlers);
      mockServer.listen({ onUnhandledRequest: 'bypass' });
      return Promise.resolve(MOCK_ORIGIN);
    },
    stop: () => {
      mockServer.resetHandlers();
      mockServer.close();
      return Promise.resolve();
    },
  },
  {
    name: 'the service',
    start: async () => {
      harness = await startHarness();
      return harness.service.url;
    },
    stop: async () => harness?.close(),
  },
];

const errorCode = (body: unknown) => errorResponseSchema.parse(body).error.code;

describe.each(targets)('API contract: $name', (target) => {
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = await target.start();
  });
  afterAll(() => target.stop());
  const client = () => new TestClient(baseUrl);

  it('GET /health answers the health shape', async () => {
    const answer = await client().request('GET', '/health');
    expect(answer.status).toBe(200);
    expect(healthResponseSchema.parse(answer.body).db).toBe('ok');
  });

  it('GET /session without a session is 401 unauthenticated', async () => {
    const answer = await client().request('GET', '/session');
    expect(answer.status).toBe(401);
    expect(errorCode(answer.body)).toBe('unauthenticated');
  });

  it('POST /session: 400 with fields for a bad body, 401 for a wrong password', async () => {
    const bad = await client().request('POST', '/session', { body: { username: 'admin' } });
    expect(bad.status).toBe(400);
    expect(errorResponseSchema.parse(bad.body).error.fields).toHaveProperty('password');
    const wrong = await client().signIn('admin', 'wrong');
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong.body)).toBe('invalid_credentials');
  });

  it('signs in, reads the session, needs CSRF to sign out, signs out', async () => {
    const browser = client();
    const signedIn = await browser.signIn('admin', 'demo');
    expect(signedIn.status).toBe(200);
    const session = sessionResponseSchema.parse(signedIn.body);
    expect(session.user).toMatchObject({ name: 'admin', roles: ['admin', 'user'] });
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(sessionResponseSchema.parse((await browser.request('GET', '/session')).body)).toEqual(session);
    const noToken = await browser.request('DELETE', '/session', { csrf: false });
    expect(noToken.status).toBe(403);
    expect(errorCode(noToken.body)).toBe('csrf_failed');
    expect((await browser.request('DELETE', '/session')).status).toBe(204);
    expect((await browser.request('GET', '/session')).status).toBe(401);
  });

  it('GET /audit: 403 for facility, what staff did to others for helpdesk, the event list for admin', async () => {
    const facility = client();
    await facility.signIn('facility', 'demo');
    const refused = await facility.request('GET', '/audit');
    expect(refused.status).toBe(403);
    expect(errorCode(refused.body)).toBe('forbidden');
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    const theirs = auditListResponseSchema.parse((await helpdesk.request('GET', '/audit')).body);
    expect(theirs.events.filter((event) => event.action.startsWith('session.'))).toEqual([]);
    const admin = client();
    await admin.signIn('admin', 'demo');
    const log = auditListResponseSchema.parse((await admin.request('GET', '/audit')).body);
    expect(log.events[0]).toMatchObject({ actor: 'admin', action: 'session.sign_in', result: 'ok' });
    // "Who" finds people by the name shown as well as by the user name.
    for (const who of ['admin', 'sabine', 'Krüger']) {
      const found = auditListResponseSchema.parse(
        (await admin.request('GET', `/audit?actor=${encodeURIComponent(who)}`)).body,
      );
      expect(
        found.events.some((event) => event.actor === 'admin'),
        who,
      ).toBe(true);
    }
    const nobody = auditListResponseSchema.parse((await admin.request('GET', '/audit?actor=nobody-at-all')).body);
    expect(nobody.events).toEqual([]);
  });

  it('desks: created with the MAC canonical, unique by name ignoring case, roles enforced', async () => {
    const facility = client();
    await facility.signIn('facility', 'demo');
    const created = await facility.request('POST', '/desks', {
      body: { name: 'K-01', mac: '00-90-33-CC-00-01', computerNames: ['PC-K01'] },
    });
    expect(created.status).toBe(201);
    expect(deskSchema.parse(created.body)).toMatchObject({ name: 'K-01', mac: '009033cc0001', version: 1 });
    const taken = await facility.request('POST', '/desks', { body: { name: 'k-01', mac: '009033cc0002' } });
    expect(taken.status).toBe(409);
    expect(errorResponseSchema.parse(taken.body).error).toMatchObject({
      code: 'desk_name_taken',
      fields: { name: expect.any(String) },
    });
    const invalid = await facility.request('POST', '/desks', {
      body: { name: 'K-02', mac: 'not-a-mac', computerNames: ['BAD/NAME'] },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(errorResponseSchema.parse(invalid.body).error.fields ?? {}).sort()).toEqual([
      'computerNames.0',
      'mac',
    ]);
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    expect((await helpdesk.request('POST', '/desks', { body: { name: 'K-03', mac: '009033cc0003' } })).status).toBe(
      403,
    );
    const found = deskListResponseSchema.parse((await helpdesk.request('GET', '/desks?q=0090.33cc.0001')).body);
    expect(found.desks.map((desk) => desk.name)).toEqual(['K-01']);
    const employee = client();
    await employee.signIn('user001', 'demo');
    expect((await employee.request('GET', '/desks')).status).toBe(403);

    // A row of desks, all or none: a refusal names the desk it is about.
    const row = await facility.request('POST', '/desks/batch', {
      body: {
        desks: [
          { name: 'K-10', mac: '009033cc0010' },
          { name: 'K-01', mac: '009033cc0011' },
        ],
      },
    });
    expect(row.status).toBe(409);
    expect(row.body).toMatchObject({ error: { code: 'desk_name_taken' }, index: 1, desk: 'K-01' });
    const made = await facility.request('POST', '/desks/batch', {
      body: { desks: [{ name: 'K-10', mac: '009033cc0010' }] },
    });
    expect(made.status).toBe(201);
    expect(deskBatchResponseSchema.parse(made.body).desks.map((desk) => desk.name)).toEqual(['K-10']);
    expect((await helpdesk.request('POST', '/desks/batch', { body: { desks: [] } })).status).toBe(403);
  });

  it('desks: changes need If-Match; a stale version is 409 with the current desk', async () => {
    const facility = client();
    await facility.signIn('facility', 'demo');
    const desk = deskSchema.parse(
      (await facility.request('POST', '/desks', { body: { name: 'V-01', mac: '009033dd0101' } })).body,
    );
    expect((await facility.request('PATCH', `/desks/${desk.id}`, { body: { name: 'V-01a' } })).status).toBe(428);
    const changed = await facility.request('PATCH', `/desks/${desk.id}`, {
      body: { name: 'V-01a' },
      headers: { 'If-Match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(deskSchema.parse(changed.body)).toMatchObject({ name: 'V-01a', version: 2 });
    const stale = await facility.request('PATCH', `/desks/${desk.id}`, {
      body: { name: 'V-01b' },
      headers: { 'If-Match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'version_conflict' }, current: { name: 'V-01a', version: 2 } });
    expect((await facility.request('DELETE', `/desks/${desk.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(
      204,
    );
    expect((await facility.request('DELETE', `/desks/${desk.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(
      404,
    );
  });

  it('slows a user down after four failures from one place: 429 with Retry-After', async () => {
    const browser = client();
    for (let i = 0; i < 4; i += 1) expect((await browser.signIn('user299', 'guess')).status).toBe(401);
    const locked = await browser.signIn('user299', 'demo');
    expect(locked.status).toBe(429);
    expect(errorCode(locked.body)).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the employee’s side: my desk, suggestions, an unknown desk is 404, check-out answers the count', async () => {
    const employee = client();
    await employee.signIn('user001', 'demo');
    myDeskResponseSchema.parse((await employee.request('GET', '/me/desk')).body);
    deskSuggestionsSchema.parse((await employee.request('GET', '/me/desk-suggestions?q=zzzz')).body);
    const unknown = await employee.request('POST', '/checkin', { body: { method: 'desk', value: 'No such desk' } });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.body)).toBe('unknown_desk');
    const checkout = await employee.request('POST', '/checkout');
    expect(checkout.status).toBe(200);
    expect(checkout.body).toEqual({ checkedOut: expect.any(Number) });
    expect((await employee.request('GET', '/occupancy')).status).toBe(403);
  });

  it('staff: the occupancy board, zones and settings; only helpdesk and admin log out; only admin writes settings', async () => {
    const facility = client();
    await facility.signIn('facility', 'demo');
    occupancyResponseSchema.parse((await facility.request('GET', '/occupancy')).body);
    zoneListResponseSchema.parse((await facility.request('GET', '/zones')).body);
    const settings = settingsSchema.parse((await facility.request('GET', '/settings')).body);
    const logout = await facility.request('POST', '/occupancy/logout', {
      body: { deskIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(logout.status).toBe(403);
    const write = await facility.request('PUT', '/settings', {
      body: settings,
      headers: { 'If-Match': `"${settings.version}"` },
    });
    expect(write.status).toBe(403);
  });

  it('POST /session/myapps: 400 for a body that is no myApps login, 401 for an unknown challenge', async () => {
    const anonymous = client();
    const bad = await anonymous.request('POST', '/session/myapps', { body: {} });
    expect(bad.status).toBe(400);
    expect(errorCode(bad.body)).toBe('bad_request');
    const login = {
      app: 'hotdesk',
      domain: 'example.com',
      sip: 'user001',
      guid: '',
      dn: 'User',
      digest: 'ab'.repeat(32),
    };
    const unknown = await anonymous.request('POST', '/session/myapps', {
      body: { ...login, challenge: '0123456789abcdef0123456789abcdef' },
    });
    expect(unknown.status).toBe(401);
  });

  it('GET /events: a stream for anyone signed in, 401 otherwise', async () => {
    const employee = client();
    await employee.signIn('user001', 'demo');
    const open = async (headers: Record<string, string>) => {
      const controller = new AbortController();
      const response = await fetch(`${baseUrl}/api/v1/events`, { headers, signal: controller.signal });
      controller.abort();
      return response;
    };
    const stream = await open({ Cookie: employee.cookieHeader() });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // (msw keeps cookies it set and sends them on: a session that does not exist, rather than no header.)
    expect((await open({ Authorization: 'Bearer not-a-session' })).status).toBe(401);
  });

  it('GET /floors and /sites for staff, GET /me/tokens for employees', async () => {
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    floorListResponseSchema.parse((await helpdesk.request('GET', '/floors')).body);
    siteListResponseSchema.parse((await helpdesk.request('GET', '/sites')).body);
    const employee = client();
    await employee.signIn('user001', 'demo');
    const tokens = await employee.request('GET', '/me/tokens');
    expect(tokens.status).toBe(200);
    z.object({ tokens: z.array(checkinTokenSchema) }).parse(tokens.body);
    expect((await employee.request('GET', '/floors')).status).toBe(403);
    expect((await employee.request('GET', '/sites')).status).toBe(403);
  });

  it('POST /session/myapps/challenge gives a fresh challenge for the App object', async () => {
    const answer = await client().request('POST', '/session/myapps/challenge');
    expect(answer.status).toBe(200);
    const first = myAppsChallengeResponseSchema.parse(answer.body);
    const second = myAppsChallengeResponseSchema.parse(
      (await client().request('POST', '/session/myapps/challenge')).body,
    );
    expect(second.challenge).not.toBe(first.challenge);
  });

  it('GET /health/pbx and POST /pbx/check for administrators: every PBX, and the connection check', async () => {
    const admin = client();
    await admin.signIn('admin', 'demo');
    const health = pbxHealthResponseSchema.parse((await admin.request('GET', '/health/pbx')).body);
    expect(health.pbxs.map((pbx) => [pbx.name, pbx.master])).toEqual([
      ['berlin', true],
      ['munich', false],
    ]);
    const check = await admin.request('POST', '/pbx/check', { body: {} });
    expect(check.status).toBe(200);
    expect(pbxCheckReportSchema.parse(check.body)).toMatchObject({
      app: 'hotdesk',
      facts: { pbxs: ['berlin', 'munich'] },
    });
    expect((await admin.request('POST', '/pbx/check', { body: { writeTest: '' } })).status).toBe(400);
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    expect((await helpdesk.request('POST', '/pbx/check', { body: {} })).status).toBe(403);
    expect((await helpdesk.request('GET', '/health/pbx')).status).toBe(403);
  });

  it('GET /occupancy/emergency-notices and POST …/:id/retry for administrators only', async () => {
    const admin = client();
    await admin.signIn('admin', 'demo');
    const list = await admin.request('GET', '/occupancy/emergency-notices');
    expect(list.status).toBe(200);
    expect(emergencyNoticeListSchema.parse(list.body)).toEqual({ notices: [] });
    const unknown = await admin.request('POST', '/occupancy/emergency-notices/999999/retry');
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.body)).toBe('not_found');
    const helpdesk = client();
    await helpdesk.signIn('helpdesk', 'demo');
    expect((await helpdesk.request('GET', '/occupancy/emergency-notices')).status).toBe(403);
    expect((await helpdesk.request('POST', '/occupancy/emergency-notices/1/retry')).status).toBe(403);
  });

  tableContractCases(() => baseUrl);
  bookingContractCases(() => baseUrl);
});

describe('the contract suite', () => {
  it('reaches every endpoint the msw handlers mock, so that no mock goes unchecked against the service', () => {
    const missed = mockHandlers
      .filter((handler): handler is HttpHandler => handler instanceof HttpHandler)
      .filter(({ info }) => typeof info.path === 'string')
      .filter(
        ({ info }) =>
          !reached.some(({ method, url }) => method === info.method && matchRequestUrl(url, String(info.path)).matches),
      )
      .map(({ info }) => `${String(info.method)} ${String(info.path).replace(`${MOCK_ORIGIN}/api/v1`, '')}`);
    expect(missed).toEqual([]);
  });
});
