import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteAccess, type RouteKey } from '../contract/api-routes.ts';
import { CSRF_HEADER } from '../contract/api.ts';
import { bearerFor } from '../test/myapps-login.ts';
import { LOCAL_ADMIN_PASSWORD, startHarness, type Harness } from '../test/service-harness.ts';
import { LOCAL_ADMIN } from './auth/sign-in.ts';

/**
 * Every endpoint × every kind of caller: who gets through (neither 401 nor 403), who is told to sign in (401), who
 * is refused (403). The routes and their access come from the contract (contract/*-routes.ts), which the service
 * registers its handlers by; which principals each access lets through is stated here, apart from the code. The
 * service's own route list is the checklist: an endpoint the contract does not name fails the first test.
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

/** Which principals each kind of access of contract/access.ts lets through: the policy, stated apart from the routes. */
const WHO: Record<RouteAccess, keyof typeof ACCESS> = {
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

/** What to send where an empty request would not reach the handler: a query it needs, an id, a body to parse. */
interface Sample {
  path?: string;
  body?: unknown;
}

const SAMPLES: Readonly<Record<string, Sample>> = {
  'POST /pbx/check': { body: {} },
  'POST /session': { body: {} },
  'POST /session/myapps': { body: {} },
  'POST /desks/batch': { body: { desks: [] } },
  'POST /desks/import': { path: '/desks/import?mode=merge&dryRun=true' },
  'POST /desks': { body: {} },
  'PATCH /desks/:id': { body: {} },
  'POST /sites': { body: {} },
  'PATCH /sites/:id': { body: {} },
  'POST /floors': { body: {} },
  'PATCH /floors/:id': { body: {} },
  'POST /floors/:id/layout': { body: {} },
  'POST /occupancy/logout': { body: { deskIds: [NO_ID] } },
  'POST /occupancy/checkin': { body: { deskId: NO_ID, user: 'nobody' } },
  'GET /people': { path: '/people?q=anna' },
  'POST /emergencies/:id/acknowledge': { path: '/emergencies/1/acknowledge' },
  'POST /neighbourhoods': { body: {} },
  'PUT /neighbourhoods/:id': { body: {} },
  'PUT /me/notifications': { body: {} },
  'GET /mail/outbox/:id': { path: '/mail/outbox/1' },
  'POST /mail/outbox/:id/retry': { path: '/mail/outbox/1/retry' },
  'POST /checkin': { body: { method: 'desk', value: 'No such desk' } },
  'POST /me/tokens': { body: {} },
  'PUT /me/phone-pin': { body: {} },
  'GET /bookings': { path: '/bookings?from=2026-12-08T00:00:00Z&to=2026-12-09T00:00:00Z' },
  'GET /bookings/availability': { path: '/bookings/availability?from=2026-12-08T00:00:00Z&to=2026-12-09T00:00:00Z' },
  'POST /bookings': { body: {} },
  'PATCH /bookings/:id': { body: {} },
  'PUT /settings': { body: {} },
  'GET /analytics/utilisation': { path: '/analytics/utilisation?from=2026-11-02&to=2026-11-08' },
  'GET /analytics/utilisation.csv': { path: '/analytics/utilisation.csv?from=2026-11-02&to=2026-11-08' },
  'GET /analytics/history': { path: '/analytics/history?user=user001' },
  'GET /analytics/bookings': { path: '/analytics/bookings?from=2026-11-02&to=2026-11-08' },
} satisfies Partial<Record<RouteKey, Sample>>;

interface Row {
  method: string;
  /** The route pattern, as the service registers it. */
  route: string;
  /** The path called (ids that exist nowhere: reaching the handler is what counts). */
  path?: string;
  body?: unknown;
  access: keyof typeof ACCESS;
}

/** Every route of the contract, with whom its access lets through: what the service must enforce. */
const ROWS: Row[] = API_ROUTES.map((route) => ({
  method: route.method,
  route: route.path,
  access: WHO[route.access],
  ...SAMPLES[`${route.method} ${route.path}`],
}));

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
  it('has a row for every endpoint the service answers (the contract names each), and no row for one it does not', () => {
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
