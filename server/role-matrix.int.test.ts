import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteAccess } from '../contract/api-routes.ts';
import { CSRF_HEADER } from '../contract/api.ts';
import { bearerFor } from '../test/myapps-login.ts';
import { LOCAL_ADMIN_PASSWORD, startHarness, type Harness } from '../test/service-harness.ts';
import { LOCAL_ADMIN } from './auth/sign-in.ts';

/**
 * Every endpoint × every kind of caller, in one table: who gets through (neither 401 nor 403), who is
 * told to sign in (401), who is refused (403). The service's own route list is the checklist: an
 * endpoint added without a row here fails the first test.
 */
type Principal =
  | 'anonymous'
  | 'employee'
  | 'facility'
  | 'helpdesk'
  | 'security'
  | 'admin'
  | 'admin-local'
  | 'check-in token'
  | 'myApps bearer';

const PRINCIPALS: Principal[] = [
  'anonymous',
  'employee',
  'facility',
  'helpdesk',
  'security',
  'admin',
  'admin-local',
  'check-in token',
  'myApps bearer',
];

/** Who may call an endpoint. Sessions carry roles; the check-in token opens POST /checkin only. */
const ACCESS = {
  public: [
    'anonymous',
    'employee',
    'facility',
    'helpdesk',
    'security',
    'admin',
    'admin-local',
    'check-in token',
    'myApps bearer',
  ],
  session: ['employee', 'facility', 'helpdesk', 'security', 'admin', 'admin-local', 'myApps bearer'],
  /** PBX users (the demo's staff are PBX users too); the local administrator is not one. */
  employee: ['employee', 'facility', 'helpdesk', 'security', 'admin', 'myApps bearer'],
  checkin: ['employee', 'facility', 'helpdesk', 'security', 'admin', 'check-in token', 'myApps bearer'],
  staff: ['facility', 'helpdesk', 'admin', 'admin-local'],
  bookings: ['employee', 'facility', 'helpdesk', 'security', 'admin', 'admin-local', 'myApps bearer'],
  editors: ['facility', 'admin', 'admin-local'],
  logout: ['helpdesk', 'admin', 'admin-local'],
  /** The emergency alert: helpdesk, administrators and the security desk. */
  alerts: ['helpdesk', 'security', 'admin', 'admin-local'],
  admin: ['admin', 'admin-local'],
} satisfies Record<string, Principal[]>;

const NO_ID = '00000000-0000-4000-8000-000000000000';

interface Row {
  method: string;
  /** The route pattern, as the service registers it. */
  route: string;
  /** The path called (ids that exist nowhere: reaching the handler is what counts). */
  path?: string;
  body?: unknown;
  access: keyof typeof ACCESS;
}

const ROWS: Row[] = [
  { method: 'GET', route: '/health', access: 'public' },
  { method: 'GET', route: '/health/live', access: 'public' },
  { method: 'GET', route: '/health/ready', access: 'public' },
  { method: 'GET', route: '/health/pbx', access: 'admin' },
  { method: 'POST', route: '/pbx/check', body: {}, access: 'admin' },
  { method: 'GET', route: '/openapi.json', access: 'public' },
  { method: 'POST', route: '/session', body: {}, access: 'public' },
  { method: 'POST', route: '/session/myapps/challenge', access: 'public' },
  { method: 'POST', route: '/session/myapps', body: {}, access: 'public' },
  { method: 'GET', route: '/session', access: 'session' },
  { method: 'DELETE', route: '/session', access: 'session' },
  { method: 'GET', route: '/audit', access: 'logout' },
  { method: 'GET', route: '/desks', access: 'staff' },
  { method: 'GET', route: '/desks/export', access: 'staff' },
  { method: 'GET', route: '/desks/template', access: 'staff' },
  { method: 'GET', route: '/desks/labels.pdf', access: 'staff' },
  { method: 'GET', route: '/desks/labels-address', access: 'staff' },
  { method: 'POST', route: '/desks/batch', body: { desks: [] }, access: 'editors' },
  { method: 'POST', route: '/desks/import', path: '/desks/import?mode=merge&dryRun=true', access: 'editors' },
  { method: 'POST', route: '/desks', body: {}, access: 'editors' },
  { method: 'GET', route: '/desks/:id', access: 'staff' },
  { method: 'PATCH', route: '/desks/:id', body: {}, access: 'editors' },
  { method: 'DELETE', route: '/desks/:id', access: 'editors' },
  { method: 'GET', route: '/sites', access: 'staff' },
  { method: 'GET', route: '/sites/pbx-locations', access: 'staff' },
  { method: 'GET', route: '/sites/desks-without-location', access: 'editors' },
  { method: 'POST', route: '/sites', body: {}, access: 'editors' },
  { method: 'GET', route: '/sites/:id', access: 'staff' },
  { method: 'PATCH', route: '/sites/:id', body: {}, access: 'editors' },
  { method: 'DELETE', route: '/sites/:id', access: 'editors' },
  { method: 'GET', route: '/floors', access: 'staff' },
  { method: 'POST', route: '/floors', body: {}, access: 'editors' },
  { method: 'GET', route: '/floors/:id', access: 'staff' },
  { method: 'PATCH', route: '/floors/:id', body: {}, access: 'editors' },
  { method: 'DELETE', route: '/floors/:id', access: 'editors' },
  { method: 'PUT', route: '/floors/:id/plan', access: 'editors' },
  // The plan: staff, the security desk (the alert's map) and employees (booking from it).
  { method: 'GET', route: '/floors/:id/plan', access: 'bookings' },
  { method: 'GET', route: '/floors/:id/zones', access: 'staff' },
  { method: 'POST', route: '/floors/:id/layout', body: {}, access: 'editors' },
  { method: 'GET', route: '/zones', access: 'staff' },
  { method: 'GET', route: '/events', access: 'session' },
  { method: 'GET', route: '/occupancy', access: 'staff' },
  { method: 'POST', route: '/occupancy/logout', body: { deskIds: [NO_ID] }, access: 'logout' },
  { method: 'GET', route: '/occupancy/emergency-notices', access: 'admin' },
  { method: 'POST', route: '/occupancy/emergency-notices/:id/retry', access: 'admin' },
  { method: 'POST', route: '/occupancy/checkin', body: { deskId: NO_ID, user: 'nobody' }, access: 'logout' },
  { method: 'GET', route: '/people', path: '/people?q=anna', access: 'logout' },
  { method: 'GET', route: '/emergencies', access: 'alerts' },
  { method: 'POST', route: '/emergencies/:id/acknowledge', path: '/emergencies/1/acknowledge', access: 'alerts' },
  { method: 'GET', route: '/neighbourhoods', access: 'staff' },
  { method: 'POST', route: '/neighbourhoods', body: {}, access: 'editors' },
  { method: 'PUT', route: '/neighbourhoods/:id', body: {}, access: 'editors' },
  { method: 'DELETE', route: '/neighbourhoods/:id', access: 'editors' },
  { method: 'GET', route: '/me/notifications', access: 'employee' },
  { method: 'PUT', route: '/me/notifications', body: {}, access: 'employee' },
  { method: 'GET', route: '/mail/outbox', access: 'admin' },
  { method: 'GET', route: '/mail/outbox/:id', path: '/mail/outbox/1', access: 'admin' },
  { method: 'POST', route: '/mail/outbox/:id/retry', path: '/mail/outbox/1/retry', access: 'admin' },
  { method: 'POST', route: '/checkin', body: { method: 'desk', value: 'No such desk' }, access: 'checkin' },
  { method: 'POST', route: '/checkout', access: 'employee' },
  { method: 'GET', route: '/me/desk', access: 'employee' },
  { method: 'GET', route: '/me/desk-suggestions', access: 'employee' },
  { method: 'GET', route: '/me/tokens', access: 'employee' },
  { method: 'POST', route: '/me/tokens', body: {}, access: 'employee' },
  { method: 'DELETE', route: '/me/tokens/:id', access: 'employee' },
  { method: 'PUT', route: '/me/phone-pin', body: {}, access: 'employee' },
  { method: 'DELETE', route: '/me/phone-pin', access: 'employee' },
  {
    method: 'GET',
    route: '/bookings',
    path: '/bookings?from=2026-12-08T00:00:00Z&to=2026-12-09T00:00:00Z',
    access: 'bookings',
  },
  {
    method: 'GET',
    route: '/bookings/availability',
    path: '/bookings/availability?from=2026-12-08T00:00:00Z&to=2026-12-09T00:00:00Z',
    access: 'bookings',
  },
  { method: 'POST', route: '/bookings', body: {}, access: 'bookings' },
  { method: 'PATCH', route: '/bookings/:id', body: {}, access: 'bookings' },
  { method: 'DELETE', route: '/bookings/:id', access: 'bookings' },
  { method: 'GET', route: '/me/bookings', access: 'employee' },
  { method: 'GET', route: '/bookings/:id/calendar.ics', access: 'bookings' },
  { method: 'GET', route: '/calendar/:secret/bookings.ics', access: 'public' },
  { method: 'GET', route: '/me/calendar-feed', access: 'employee' },
  { method: 'POST', route: '/me/calendar-feed', access: 'employee' },
  { method: 'DELETE', route: '/me/calendar-feed', access: 'employee' },
  { method: 'GET', route: '/settings', access: 'staff' },
  { method: 'PUT', route: '/settings', body: {}, access: 'admin' },
  {
    method: 'GET',
    route: '/analytics/utilisation',
    path: '/analytics/utilisation?from=2026-11-02&to=2026-11-08',
    access: 'editors',
  },
  {
    method: 'GET',
    route: '/analytics/utilisation.csv',
    path: '/analytics/utilisation.csv?from=2026-11-02&to=2026-11-08',
    access: 'editors',
  },
  { method: 'GET', route: '/analytics/history', path: '/analytics/history?user=user001', access: 'admin' },
  {
    method: 'GET',
    route: '/analytics/bookings',
    path: '/analytics/bookings?from=2026-11-02&to=2026-11-08',
    access: 'editors',
  },
];

let harness: Harness;
/** The headers each principal sends: its cookie and CSRF token, or its bearer token, or nothing. */
const credentials = new Map<Principal, () => Promise<Record<string, string>>>();

async function cookieOf(username: string, password: string): Promise<Record<string, string>> {
  const client = harness.client();
  const answer = await client.signIn(username, password);
  expect(answer.status).toBe(200);
  return { Cookie: client.cookieHeader(), [CSRF_HEADER]: client.csrfToken ?? '' };
}

beforeAll(async () => {
  harness = await startHarness();
  const employee = harness.client();
  await employee.signIn('user010', 'demo');
  const token = (await employee.request('POST', '/me/tokens', { body: { label: 'Role matrix' } })).body as {
    token: string;
  };
  credentials.set('anonymous', () => Promise.resolve({}));
  credentials.set('employee', () => cookieOf('user011', 'demo'));
  credentials.set('facility', () => cookieOf('facility', 'demo'));
  credentials.set('helpdesk', () => cookieOf('helpdesk', 'demo'));
  credentials.set('security', () => cookieOf('security', 'demo'));
  credentials.set('admin', () => cookieOf('admin', 'demo'));
  credentials.set('admin-local', () => cookieOf(LOCAL_ADMIN, LOCAL_ADMIN_PASSWORD));
  credentials.set('check-in token', () => Promise.resolve({ Authorization: `Bearer ${token.token}` }));
  credentials.set('myApps bearer', async () => ({ Authorization: `Bearer ${await bearerFor(harness, 'user012')}` }));
});
afterAll(() => harness.close());

/** The status only: the answer is cancelled once its headers are in (event streams never end). */
async function statusOf(row: Row, headers: Record<string, string>): Promise<number> {
  const path = row.path ?? row.route.replace(':id', NO_ID);
  const response = await fetch(`${harness.service.url}/api/v1${path}`, {
    method: row.method,
    headers: { ...headers, ...(row.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(row.body === undefined ? {} : { body: JSON.stringify(row.body) }),
  });
  await response.body?.cancel();
  return response.status;
}

describe('the role matrix', () => {
  it('has a row for every endpoint the service answers, and no row for one it does not', () => {
    const served = harness.service.endpoints.map(({ method, path }) => `${method} ${path.replace('/api/v1', '')}`);
    expect(ROWS.map((row) => `${row.method} ${row.route}`).sort()).toEqual(served.sort());
  });

  it('and the API reference (docs/api.md) names every one of them', () => {
    const table = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
    // A row names `METHOD /api/v1/path`, or several methods of one path as `PATCH`/`DELETE /api/v1/path`.
    const named = [
      ...table.matchAll(/((?:(?:GET|POST|PUT|PATCH|DELETE)`\/`)*)(GET|POST|PUT|PATCH|DELETE) (\/api\/v1[^\s`?]*)/g),
    ].flatMap(([, more = '', method = '', path = '']) =>
      [...more.split('`/`').filter(Boolean), method].map((verb) => `${verb} ${path}`),
    );
    const served = harness.service.endpoints.map(({ method, path }) => `${method} ${path}`);
    expect(served.filter((endpoint) => !named.includes(endpoint))).toEqual([]);
    expect(named.filter((endpoint) => !served.includes(endpoint))).toEqual([]);
  });

  it('and the OpenAPI document (contract/api-routes.ts) names the same callers', () => {
    const inMatrix: Record<RouteAccess, keyof typeof ACCESS> = {
      public: 'public',
      session: 'session',
      checkin: 'checkin',
      events: 'session',
      'self.checkin': 'employee',
      'staff.read': 'staff',
      'desks.edit': 'editors',
      analytics: 'editors',
      'people.logout': 'logout',
      'people.checkin': 'logout',
      'audit.read': 'logout',
      'emergency.alerts': 'alerts',
      'floors.plan': 'bookings',
      bookings: 'bookings',
      admin: 'admin',
    };
    const documented = API_ROUTES.map((route) => `${route.method} ${route.path} ${inMatrix[route.access]}`);
    expect(documented.sort()).toEqual(ROWS.map((row) => `${row.method} ${row.route} ${row.access}`).sort());
  });

  const cases = ROWS.flatMap((row) => PRINCIPALS.map((principal) => [row, principal] as const));
  it.each(cases.map(([row, principal]) => [`${row.method} ${row.route}`, principal, row] as const))(
    '%s as %s',
    async (_name, principal, row) => {
      const allowed = (ACCESS[row.access] as Principal[]).includes(principal);
      const headers = await (credentials.get(principal) ?? (() => Promise.resolve({})))();
      const status = await statusOf(row, headers);
      if (allowed) expect([401, 403]).not.toContain(status);
      else if (principal === 'anonymous' || principal === 'check-in token') expect(status).toBe(401);
      else expect(status).toBe(403);
    },
  );
});
