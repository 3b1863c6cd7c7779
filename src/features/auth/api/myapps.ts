import { z } from '../../../../contract/zod.ts';
import {
  myAppsChallengeResponseSchema,
  myAppsSessionResponseSchema,
  myAppsSignInRequestSchema,
  type SessionResponse,
} from '../../../../contract/api.ts';
import { ApiError, apiRequest, setBearerToken, setCsrfToken } from '../../../lib/api-client.ts';
import { translate } from '../../../i18n/i18n.ts';

/** How long the console waits for the myApps client's answer before it offers the normal sign-in. */
const MYAPPS_ANSWER_MS = 8000;

/** Opened inside another page's frame: inside myApps, or something that looks like it. */
export function isEmbedded(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

/**
 * The App object myApps opened the console as: myApps adds `?name=<App object>` to the URL it opens
 * (ExternalAppService.htm), and `getLogin` names it. Read once at start, before the router moves on.
 */
const openedAs = new URLSearchParams(window.location.search).get('name');

let myAppsSignInAllowed = true;
let lastRefusal: string | null = null;

/** Why myApps' last sign-in did not work (shown on the sign-in page), or null. */
export function myAppsRefusal(): string | null {
  return lastRefusal;
}

/** After signing out inside myApps the console waits until the person asks to sign in again. */
export function allowMyAppsSignIn(allowed: boolean): void {
  myAppsSignInAllowed = allowed;
}

export function myAppsSignInAllowedNow(): boolean {
  return myAppsSignInAllowed && isEmbedded();
}

/** The myApps client's `Login` message (its AppGetLoginResult). */
const loginMessageSchema = myAppsSignInRequestSchema.omit({ challenge: true });
type LoginMessage = z.infer<typeof loginMessageSchema>;
type MyAppsAnswer = { login: LoginMessage } | { refused: string } | null;

const refusalSchema = z.object({ error: z.unknown(), errorText: z.string().optional() });

/** A `Login` message as the console takes it: a login, or myApps' refusal (it sends `error`, `errorText`). */
function readLoginMessage(message: Record<string, unknown>): MyAppsAnswer {
  const refusal = refusalSchema.safeParse(message);
  if (refusal.success && refusal.data.error !== undefined && refusal.data.error !== null && refusal.data.error !== 0)
    return { refused: refusal.data.errorText ?? translate('myApps.noReason') };
  const login = loginMessageSchema.safeParse(message);
  return login.success ? { login: login.data } : { refused: translate('myApps.incomplete') };
}

/**
 * Asks the parent myApps client to sign our challenge, as innovaphone's Connection.js does:
 * `{mt: "getLogin", app, challenge}` up, `{mt: "Login", ...}` back. Resolves null when no answer comes.
 */
function askMyApps(app: string, challenge: string, signal: AbortSignal): Promise<MyAppsAnswer> {
  return new Promise((resolve) => {
    const finish = (answer: MyAppsAnswer) => {
      window.removeEventListener('message', onMessage);
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      resolve(answer);
    };
    const onAbort = () => finish(null);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof data === 'object' && data !== null && (data as { mt?: unknown }).mt === 'Login')
        finish(readLoginMessage(data as Record<string, unknown>));
    };
    const timer = setTimeout(() => finish(null), MYAPPS_ANSWER_MS);
    window.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort);
    // Only the app name and a one-time challenge travel up: nothing secret, so any parent may see them.
    window.parent.postMessage(JSON.stringify({ mt: 'getLogin', app, challenge }), '*');
  });
}

/**
 * Single sign-on inside myApps: a challenge from the service, signed by the PBX through the myApps client,
 * checked by the service. The session is a bearer token kept in memory. Null when myApps did not answer or
 * the sign-in was refused (myAppsRefusal() says why).
 */
export async function signInThroughMyApps(signal: AbortSignal): Promise<SessionResponse | null> {
  const { challenge, app } = await apiRequest('/session/myapps/challenge', {
    method: 'POST',
    schema: myAppsChallengeResponseSchema,
    signal,
  });
  const answer = await askMyApps(openedAs ?? app, challenge, signal);
  if (answer === null) {
    lastRefusal = translate('myApps.noAnswer');
    return null;
  }
  if ('refused' in answer) {
    lastRefusal = translate('myApps.refused', { reason: answer.refused });
    return null;
  }
  let session;
  try {
    session = await apiRequest('/session/myapps', {
      method: 'POST',
      body: { ...answer.login, challenge },
      schema: myAppsSessionResponseSchema,
      signal,
    });
  } catch (error) {
    // The service refused myApps' login (a signature it cannot check): a signed-out state, not a failure.
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    lastRefusal = error.message;
    return null;
  }
  lastRefusal = null;
  setBearerToken(session.token);
  setCsrfToken(session.csrfToken);
  return { user: session.user, csrfToken: session.csrfToken };
}
