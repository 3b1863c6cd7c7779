import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { allows, type Permission } from '../../contract/access.ts';
import { CSRF_HEADER } from '../../contract/api.ts';
import type { ConsoleSession, SessionStore } from '../auth/console-sessions.ts';
import { HttpError } from './http-error.ts';
import { msg } from '../../i18n/message.ts';

export const SESSION_COOKIE = 'hotdesk_session';

export interface AppVariables {
  session: ConsoleSession | null;
  sessionToken: string | null;
  /** The request's id (X-Request-Id, taken from the client or proxy, or made here), in every log line about it. */
  requestId: string;
}

export interface AppEnv {
  Variables: AppVariables;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the trusted proxies say about the client: of a comma-separated X-Forwarded-* list, the entry
 * `hops` from the right (each proxy appends what it saw). Entries further left are the client's own
 * claims and are never believed; null without trusted proxies or without the header.
 */
export function forwarded(c: Context, header: string, hops: number): string | null {
  if (hops <= 0) return null;
  const entries = (c.req.header(header) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - hops)] ?? null;
}

export function isHttps(c: Context, trustProxy: number): boolean {
  if (forwarded(c, 'x-forwarded-proto', trustProxy) === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, token: string, trustProxy: number, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c, trustProxy),
    path: '/',
    maxAge: Math.floor(maxAgeSeconds),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Personal check-in tokens start so; they are never console sessions. */
export const CHECKIN_TOKEN_PREFIX = 'hdt_';

/** `Authorization: Bearer <token>`, unless it is a personal check-in token. */
function consoleBearer(c: Context): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const token = match?.[1];
  return token === undefined || token.startsWith(CHECKIN_TOKEN_PREFIX) ? null : token;
}

/**
 * Loads the session of a bearer token (a console inside myApps) or else of the cookie; a stale cookie is
 * removed. A request with a bearer is judged by the bearer alone.
 */
export function loadSession(store: SessionStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = consoleBearer(c);
    if (bearer !== null) {
      const session = await store.find(bearer, true);
      c.set('session', session);
      c.set('sessionToken', session ? bearer : null);
      await next();
      return;
    }
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const session = token === null ? null : await store.find(token);
    if (token !== null && session === null) clearSessionCookie(c);
    c.set('session', session);
    c.set('sessionToken', session ? token : null);
    await next();
  };
}

/** The host of an Origin header; null for anything that is no origin. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery: an unsafe request from another origin is refused outright, and one made
 * with a session cookie must carry that session's token in X-CSRF-Token. A bearer token is never sent by
 * the browser on its own, so a request authenticated by one needs no CSRF token. The console's own origin is
 * the Host the request names, the one a trusted proxy forwarded (X-Forwarded-Host), or PUBLIC_URL's: a reverse
 * proxy that rewrites Host (nginx's default) does not lock everyone out when either of the others is set.
 */
export function csrfProtection(options: {
  publicHost: string | undefined;
  trustProxy: number;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = origin === undefined || origin === 'null' ? undefined : originHost(origin);
      if (host === null) {
        throw new HttpError(400, 'bad_request', msg('api.sessionMiddleware.originHeaderOrigin'), {
          Origin: msg('api.sessionMiddleware.origin'),
        });
      }
      const ours = [c.req.header('host'), forwarded(c, 'x-forwarded-host', options.trustProxy), options.publicHost];
      if (host !== undefined && !ours.includes(host)) {
        throw new HttpError(403, 'csrf_failed', msg('api.sessionMiddleware.requestCameAnotherSite'));
      }
      if (origin === 'null')
        throw new HttpError(403, 'csrf_failed', msg('api.sessionMiddleware.requestCameOpaqueOrigin'));
      const session = c.get('session');
      if (session && !session.bearer) {
        const sent = Buffer.from(c.req.header(CSRF_HEADER) ?? '');
        const expected = Buffer.from(session.csrfToken);
        if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
          throw new HttpError(403, 'csrf_failed', msg('api.sessionMiddleware.requestMissingItsSecurity'));
        }
      }
    }
    await next();
  };
}

export function requireSession(c: Context<AppEnv>): ConsoleSession {
  const session = c.get('session');
  if (!session) throw new HttpError(401, 'unauthenticated', msg('api.sessionMiddleware.pleaseSign'));
  return session;
}

/** 401 without a session, 403 when the session's roles do not grant `permission` (contract/access.ts). */
export function requireAccess(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = requireSession(c);
    if (!allows(session.user.roles, permission)) {
      throw new HttpError(403, 'forbidden', msg('api.sessionMiddleware.roleDoesAllow'));
    }
    await next();
  };
}
