import { isHelpdeskWork, isPersonalCheckinEvent } from '../../contract/analytics.ts';
import { allows, type Permission } from '../../contract/access.ts';
import { http, HttpResponse, type DefaultBodyType, type PathParams, type StrictRequest } from 'msw';
import {
  CSRF_HEADER,
  myAppsSignInRequestSchema,
  signInRequestSchema,
  type MyAppsChallengeResponse,
  type MyAppsSessionResponse,
  auditQuerySchema,
  matchesAuditQuery,
  withNames,
  type AuditEvent,
  type AuditListResponse,
  type ErrorCode,
  type ErrorResponse,
  type HealthResponse,
  type SessionResponse,
  type SessionUser,
} from '../../contract/api.ts';
import type { LiveEvent } from '../../contract/events.ts';
import { fieldsOf, recordAudit, said, type MockJournal } from './kit.ts';

/**
 * The service's session, health and audit API, in memory, for component tests and the browser-only
 * demo. It enforces the same rules (roles, CSRF, lockout) so that the contract suite passes against it.
 */
export interface MockAccount extends SessionUser {
  password: string;
  /** The PBX extension (e164), dialled after the keypad's login code. */
  extension: string;
}

export const mockAccounts: MockAccount[] = [
  { name: 'admin', displayName: 'Sabine Krüger', roles: ['admin', 'user'], password: 'demo', extension: '100' },
  { name: 'helpdesk', displayName: 'Jonas Becker', roles: ['helpdesk', 'user'], password: 'demo', extension: '101' },
  { name: 'facility', displayName: 'Aylin Demir', roles: ['facility', 'user'], password: 'demo', extension: '102' },
  { name: 'security', displayName: 'Security Desk', roles: ['security', 'user'], password: 'demo', extension: '199' },
  { name: 'user001', displayName: 'Nikolai Braun', roles: ['user'], password: 'demo', extension: '1001' },
  { name: 'user299', displayName: 'Greta Wolf', roles: ['user'], password: 'demo', extension: '1299' },
];

const COOKIE = 'hotdesk_session';
/** The App object name the mock's myApps sign-in expects (the service's PBX_APP). */
export const MOCK_MYAPPS_APP = 'hotdesk';
/** As the service: three failures cost nothing, the fourth makes the next attempt wait (a second, here always). */
const MAX_FAILURES = 4;
const WAIT_SECONDS = 1;

export interface MockSession {
  user: SessionUser;
  csrfToken: string;
  /** A myApps session, held as a bearer token: never a cookie, and no CSRF token needed. */
  bearer?: boolean;
}

export interface MockApiState extends MockJournal {
  /** Who may sign in (the demo: the whole demo company). */
  accounts: MockAccount[];
  sessions: Map<string, MockSession>;
  /** Issued myApps challenges, each usable once. */
  myAppsChallenges: Set<string>;
  failures: Map<string, number>;
  pbx: HealthResponse['pbx'];
  /** Since when `pbx` is as it is (what the board and My desk call "as of" while it is not connected). */
  pbxSince: string;
}

/** As the service's `pbxDownSince`: null while the PBX is connected. */
export const mockPbxDownSince = (state: MockApiState): string | null =>
  state.pbx === 'connected' ? null : state.pbxSince;

export function createMockApiState(accounts: MockAccount[] = mockAccounts): MockApiState {
  return {
    accounts,
    sessions: new Map(),
    myAppsChallenges: new Set(),
    failures: new Map(),
    audit: [],
    listeners: new Set(),
    pbx: 'connected',
    pbxSince: new Date().toISOString(),
  };
}

const fail = (status: number, code: ErrorCode, message: string, headers?: Record<string, string>) =>
  HttpResponse.json<ErrorResponse>({ error: { code, message } }, { status, ...(headers ? { headers } : {}) });

/** The token that names the request's session: a bearer (myApps) if sent, else the cookie. */
/**
 * What a handler knows of a request: the request, and its cookies as msw gathers them (the Cookie header
 * in Node; in a browser, where a page cannot set that header, msw's own store of mocked Set-Cookie answers).
 */
export interface MockRequest {
  request: StrictRequest<DefaultBodyType>;
  cookies: Record<string, string>;
}

function sessionToken({ request, cookies }: MockRequest): { token: string; bearer: boolean } | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined && !bearer.startsWith('hdt_')) return { token: bearer, bearer: true };
  const cookie = cookies[COOKIE];
  return cookie === undefined ? undefined : { token: cookie, bearer: false };
}

/**
 * A session for `username` as a successful sign-in makes it, without the form (component tests that are about
 * something else start signed in). Returns the cookie's value.
 */
export function openMockSession(state: MockApiState, username: string): string {
  const account = state.accounts.find((candidate) => candidate.name === username);
  if (!account) throw new Error(`no mock account ${username}`);
  const { password: _password, extension: _extension, ...user } = account;
  const cookie = token();
  state.sessions.set(cookie, { user, csrfToken: token() });
  return cookie;
}

/** The request's session, judged as the service judges it: a bearer only as a bearer, a cookie only as a cookie. */
export function mockSessionOf(state: MockApiState, info: MockRequest): MockSession | undefined {
  const named = sessionToken(info);
  const session = named === undefined ? undefined : state.sessions.get(named.token);
  return session && (session.bearer ?? false) === named?.bearer ? session : undefined;
}

/**
 * The service's guard, mirrored: 401 without a session, 403 when its roles do not grant `permission`
 * (the one policy map in contract/access.ts); otherwise the session.
 */
export function mockAccess(
  state: MockApiState,
  info: MockRequest,
  permission: Permission,
): { refused: Response; session?: never } | { refused?: never; session: MockSession } {
  const session = mockSessionOf(state, info);
  if (!session) return { refused: fail(401, 'unauthenticated', said('api.sessionMiddleware.pleaseSign')) };
  if (!allows(session.user.roles, permission))
    return { refused: fail(403, 'forbidden', said('api.sessionMiddleware.roleDoesAllow')) };
  return { session };
}

let counter = 0;
const token = () => `mock-${Date.now().toString(36)}-${(counter += 1)}`;

/** `aggregateOnly` reads the privacy setting: the audit log then leaves out one person's check-in history. */
export function sessionHandlers(state: MockApiState, baseUrl: string, aggregateOnly: () => boolean) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const audit = (actor: string, action: string, result: AuditEvent['result'], detail: Record<string, unknown> = {}) =>
    recordAudit(state, actor, action, result, detail);

  return [
    http.get(api('/health'), () =>
      HttpResponse.json<HealthResponse>({
        status: state.pbx === 'connected' ? 'ok' : 'degraded',
        db: 'ok',
        pbx: state.pbx,
        pbxs: [{ name: 'berlin', master: true, state: state.pbx }],
        version: 'demo',
        leader: true,
      }),
    ),

    http.post<PathParams, DefaultBodyType, SessionResponse | ErrorResponse>(api('/session'), async ({ request }) => {
      const parsed = signInRequestSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) {
        const fields = fieldsOf(parsed.error.issues);
        return HttpResponse.json<ErrorResponse>(
          { error: { code: 'bad_request', message: said('api.request.someFieldsMissingInvalid'), fields } },
          { status: 400 },
        );
      }
      const username = parsed.data.username.trim().toLowerCase();
      if ((state.failures.get(username) ?? 0) >= MAX_FAILURES) {
        audit(username, 'session.sign_in', 'refused', { reason: 'too_many_attempts' });
        return fail(429, 'too_many_attempts', said('api.session.throttledSeconds', { seconds: 1 }), {
          'Retry-After': String(WAIT_SECONDS),
        });
      }
      const account = state.accounts.find((candidate) => candidate.name === username);
      if (!account || account.password !== parsed.data.password) {
        state.failures.set(username, (state.failures.get(username) ?? 0) + 1);
        audit(username, 'session.sign_in', 'refused', { reason: 'invalid_credentials' });
        return fail(401, 'invalid_credentials', said('api.session.userNamePasswordCorrect'));
      }
      if (state.pbx === 'disconnected') {
        return fail(503, 'pbx_unavailable', said('api.signIn.pbxUnavailable'));
      }
      state.failures.delete(username);
      const { password: _password, extension: _extension, ...user } = account;
      const session = { user, csrfToken: token() };
      const cookie = token();
      state.sessions.set(cookie, session);
      audit(user.name, 'session.sign_in', 'ok', { roles: user.roles });
      return HttpResponse.json<SessionResponse>(session, {
        headers: { 'Set-Cookie': `${COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Strict` },
      });
    }),

    http.post<PathParams, DefaultBodyType, MyAppsChallengeResponse>(api('/session/myapps/challenge'), () => {
      const challenge = token();
      state.myAppsChallenges.add(challenge);
      return HttpResponse.json<MyAppsChallengeResponse>({ challenge, app: MOCK_MYAPPS_APP });
    }),

    // The mock has no PBX and no App object password, so it cannot check the PBX's signature: it checks
    // everything else the service checks (a fresh challenge used once, the app, a known user).
    http.post<PathParams, DefaultBodyType, MyAppsSessionResponse | ErrorResponse>(
      api('/session/myapps'),
      async ({ request }) => {
        const parsed = myAppsSignInRequestSchema.safeParse(await request.json().catch(() => null));
        if (!parsed.success) return fail(400, 'bad_request', said('api.request.someFieldsMissingInvalid'));
        const fresh = state.myAppsChallenges.delete(parsed.data.challenge);
        const account = state.accounts.find((candidate) => candidate.name === parsed.data.sip);
        if (!fresh || parsed.data.app !== MOCK_MYAPPS_APP || !account) {
          audit(parsed.data.sip, 'session.sign_in', 'refused', { method: 'myapps' });
          return fail(401, 'invalid_credentials', said('api.session.myappsCouldProveWho'));
        }
        const { password: _password, extension: _extension, ...user } = account;
        const bearer = token();
        const session = { user, csrfToken: token(), bearer: true };
        state.sessions.set(bearer, session);
        audit(user.name, 'session.sign_in', 'ok', { method: 'myapps', roles: user.roles });
        return HttpResponse.json<MyAppsSessionResponse>({ user, csrfToken: session.csrfToken, token: bearer });
      },
    ),

    http.get<PathParams, DefaultBodyType, SessionResponse | ErrorResponse>(api('/session'), ({ request, cookies }) => {
      const session = mockSessionOf(state, { request, cookies });
      return session
        ? HttpResponse.json<SessionResponse>({ user: session.user, csrfToken: session.csrfToken })
        : fail(401, 'unauthenticated', said('api.sessionMiddleware.pleaseSign'));
    }),

    http.delete<PathParams, DefaultBodyType, ErrorResponse | null>(api('/session'), ({ request, cookies }) => {
      const session = mockSessionOf(state, { request, cookies });
      if (!session) return fail(401, 'unauthenticated', said('api.sessionMiddleware.pleaseSign'));
      if (!session.bearer && request.headers.get(CSRF_HEADER) !== session.csrfToken) {
        return fail(403, 'csrf_failed', said('api.sessionMiddleware.requestMissingItsSecurity'));
      }
      const named = sessionToken({ request, cookies });
      if (named !== undefined) state.sessions.delete(named.token);
      audit(session.user.name, 'session.sign_out', 'ok');
      return new HttpResponse(null, { status: 204, headers: { 'Set-Cookie': `${COOKIE}=; Path=/; Max-Age=0` } });
    }),

    // Live updates: `ready`, then a `change` for every change any handler publishes, until the page goes.
    http.get(api('/events'), ({ request, cookies }) => {
      if (!mockSessionOf(state, { request, cookies }))
        return fail(401, 'unauthenticated', said('api.sessionMiddleware.pleaseSign'));
      const encoder = new TextEncoder();
      let listener: ((event: LiveEvent) => void) | undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('event: ready\ndata: {}\n\n'));
          listener = (event) => {
            try {
              controller.enqueue(encoder.encode(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
            } catch {
              if (listener) state.listeners.delete(listener);
            }
          };
          state.listeners.add(listener);
        },
        cancel() {
          if (listener) state.listeners.delete(listener);
        },
      });
      return new HttpResponse(stream, {
        headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
      });
    }),

    http.get<PathParams, DefaultBodyType, AuditListResponse | ErrorResponse>(api('/audit'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'audit.read');
      if (refused) return refused;
      const everything = allows(session.user.roles, 'admin');
      const query = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!query.success) return fail(400, 'bad_request', said('api.audit.invalidPagingFilterParameters'));
      const hiding = aggregateOnly();
      const names = new Map(state.accounts.map((account) => [account.name.toLowerCase(), account.displayName]));
      const events = state.audit.filter(
        (event) =>
          !(hiding && isPersonalCheckinEvent(event)) &&
          (everything || isHelpdeskWork(event)) &&
          matchesAuditQuery(event, query.data, (user) => names.get(user.toLowerCase()) ?? null),
      );
      return HttpResponse.json<AuditListResponse>({
        events: events
          .slice(0, query.data.limit)
          .map((event) => withNames(event, (user) => names.get(user.toLowerCase()) ?? null)),
        nextCursor: null,
      });
    }),
  ];
}
