import { contractRouter } from '../http/contract-route.ts';
import type { Context } from 'hono';
import {
  myAppsSignInRequestSchema,
  signInRequestSchema,
  type MyAppsChallengeResponse,
  type MyAppsSessionResponse,
  type SessionResponse,
} from '../../contract/api.ts';
import { recordAudit } from '../audit/audit.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { issueMyAppsChallenge, myAppsSignIn } from '../auth/myapps-sign-in.ts';
import type { SessionStore } from '../auth/console-sessions.ts';
import { signIn, type SignInOutcome } from '../auth/sign-in.ts';
import type { Config } from '../lib/config.ts';
import type { Db } from '../db/db.ts';
import { HttpError } from '../http/http-error.ts';
import { clientAddress, parseJson } from '../http/request.ts';
import { clearSessionCookie, requireSession, setSessionCookie, type AppEnv } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { msg } from '../../i18n/message.ts';

export interface SessionDeps {
  db: Db;
  pbx: Pbx;
  throttle: LoginThrottle;
  sessions: SessionStore;
  config: Config;
  /** The App object the service logs in as; its password also signs myApps logins. */
  pbxApp: { name: string; password: string };
  now: () => number;
}

/** /api/v1/session: signing in (password or myApps), who is signed in, signing out. */
export function sessionRoutes({ db, pbx, throttle, sessions, config, pbxApp, now }: SessionDeps) {
  const { router, serve } = contractRouter();

  /** A sign-in's outcome as HTTP: the new session (a cookie, or with `bearer` a token in the body). */
  const startSession = async (c: Context<AppEnv>, outcome: SignInOutcome, bearer: boolean) => {
    switch (outcome.kind) {
      case 'throttled': {
        const seconds = Math.ceil(outcome.retryAfterMs / 1000);
        throw new HttpError(
          429,
          'too_many_attempts',
          seconds < 60
            ? msg('api.session.throttledSeconds', { seconds })
            : msg('api.session.throttledMinutes', { minutes: Math.ceil(seconds / 60) }),
          undefined,
          { 'Retry-After': String(seconds) },
        );
      }
      case 'wrong':
        throw bearer
          ? new HttpError(401, 'invalid_credentials', msg('api.session.myappsCouldProveWho'))
          : new HttpError(401, 'invalid_credentials', msg('api.session.userNamePasswordCorrect'));
      case 'pbx_unavailable':
        throw new HttpError(503, 'pbx_unavailable', outcome.message);
      case 'ok': {
        const previous = c.get('sessionToken');
        if (previous !== null) await sessions.delete(previous);
        const { token, session } = await sessions.create(outcome.user, bearer);
        if (bearer) {
          const body: MyAppsSessionResponse = { user: session.user, csrfToken: session.csrfToken, token };
          return c.json(body);
        }
        setSessionCookie(c, token, config.trustProxy, config.session.absoluteMs / 1000);
        const body: SessionResponse = { user: session.user, csrfToken: session.csrfToken };
        return c.json(body);
      }
    }
  };

  serve('POST /session', async (c) => {
    const request = await parseJson(c, signInRequestSchema);
    const outcome = await signIn(
      { db, pbx, throttle, roleGroups: config.roleGroups },
      request,
      clientAddress(c, config.trustProxy),
    );
    return startSession(c, outcome, false);
  });

  serve('POST /session/myapps/challenge', async (c) => {
    const challenge = await issueMyAppsChallenge(db, now, clientAddress(c, config.trustProxy));
    if (challenge === null)
      throw new HttpError(429, 'too_many_attempts', msg('api.session.tooManySignChallenges'), undefined, {
        'Retry-After': '60',
      });
    const body: MyAppsChallengeResponse = { challenge, app: pbxApp.name };
    return c.json(body);
  });

  serve('POST /session/myapps', async (c) => {
    const request = await parseJson(c, myAppsSignInRequestSchema);
    const outcome = await myAppsSignIn(
      { db, pbx, throttle, roleGroups: config.roleGroups, app: pbxApp, now },
      request,
      clientAddress(c, config.trustProxy),
    );
    return startSession(c, outcome, true);
  });

  serve('GET /session', (c) => {
    const session = requireSession(c);
    const body: SessionResponse = { user: session.user, csrfToken: session.csrfToken };
    return c.json(body);
  });

  serve('DELETE /session', async (c) => {
    const session = requireSession(c);
    const token = c.get('sessionToken');
    if (token !== null) await sessions.delete(token);
    clearSessionCookie(c);
    await recordAudit(db, { actor: session.user.name, action: 'session.sign_out', result: 'ok' });
    return c.body(null, 204);
  });
  return router;
}
