import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MyAppsSignInRequest } from '../../contract/api.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { PbxUnavailableError } from '../pbx/pbx.ts';
import { appLoginDigest } from '../pbx/digest.ts';
import { rolesFor, type SignInDeps, type SignInOutcome } from './sign-in.ts';
import { msg } from '../../i18n/message.ts';

/** How long a challenge may wait for the myApps client's answer. */
export const MYAPPS_CHALLENGE_TTL_MS = 60_000;
/** Unused challenges one address may hold (a whole office behind one address signs in one by one). */
export const MAX_CHALLENGES_PER_ADDRESS = 50;

export interface MyAppsSignInDeps extends SignInDeps {
  /** The App object whose password the PBX signs AppGetLogin with (PBX_APP, PBX_PASSWORD). */
  app: { name: string; password: string };
  now: () => number;
}

/**
 * A random challenge for AppGetLogin, stored until used once or expired (every instance sees it). 16 characters,
 * the most AppWebsocket.htm allows a challenge ("a maximum of 16 characters"): 64 random bits, used once.
 */
export async function issueMyAppsChallenge(db: Db, now: () => number, address: string): Promise<string | null> {
  const challenge = randomBytes(8).toString('hex');
  const at = now();
  await db.query('DELETE FROM myapps_challenges WHERE expires_at < $1', [new Date(at)]);
  // Anyone may ask, but one address holds only so many unused challenges: a myApps client uses its own at once.
  const [held] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM myapps_challenges WHERE address = $1',
    [address],
  );
  if ((held?.count ?? 0) >= MAX_CHALLENGES_PER_ADDRESS) return null;
  await db.query('INSERT INTO myapps_challenges (challenge, expires_at, address) VALUES ($1, $2, $3)', [
    challenge,
    new Date(at + MYAPPS_CHALLENGE_TTL_MS),
    address,
  ]);
  return challenge;
}

/** True exactly once per issued, unexpired challenge. */
async function consumeChallenge(db: Db, challenge: string, now: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM myapps_challenges WHERE challenge = $1 AND expires_at >= $2 RETURNING 1', [
    challenge,
    new Date(now),
  ]);
  return rows.length === 1;
}

function sameDigest(sent: string, expected: string): boolean {
  const a = Buffer.from(sent.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The App object that signed the login. The PBX names it in `info.appobj`, which the digest covers; `app` is the
 * file name of the App object's URL (AppWebsocket.htm, example 4; ExternalAppService.htm), so it names the App
 * object only where no `info.appobj` is sent. `pbxObj` is not covered by the digest and never counts.
 */
export function signingAppObject(request: MyAppsSignInRequest): string {
  const appobj = request.info?.appobj;
  return typeof appobj === 'string' && appobj !== '' ? appobj : request.app;
}

/**
 * myApps single sign-on (myApps.htm, AppGetLogin): the PBX signed our challenge and the user's identity
 * with the App object's password, which only the PBX and this service know. The user never types a
 * password here. Audited and refused like any sign-in; failed attempts are throttled, but a login the PBX
 * signed is never refused for what others tried from the same address (a signature cannot be guessed).
 */
export async function myAppsSignIn(
  deps: MyAppsSignInDeps,
  request: MyAppsSignInRequest,
  address: string,
): Promise<SignInOutcome> {
  const username = request.sip.trim();
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
    recordAudit(deps.db, {
      actor: username,
      action: 'session.sign_in',
      result,
      detail: { method: 'myapps', address, ...detail },
    });
  const refuse = async (reason: string): Promise<SignInOutcome> => {
    const retryAfterMs = await deps.throttle.retryAfterMs(username, address);
    if (retryAfterMs > 0) {
      await audit('refused', { reason: 'too_many_attempts' });
      return { kind: 'throttled', retryAfterMs };
    }
    await deps.throttle.recordFailure(username, address);
    await audit('refused', { reason });
    return { kind: 'wrong' };
  };
  if (!(await consumeChallenge(deps.db, request.challenge, deps.now()))) return refuse('unknown_or_used_challenge');
  if (signingAppObject(request).toLowerCase() !== deps.app.name.toLowerCase()) return refuse('foreign_app');
  const expected = appLoginDigest(
    {
      app: request.app,
      domain: request.domain,
      sip: request.sip,
      guid: request.guid,
      dn: request.dn,
      info: request.info,
    },
    request.challenge,
    deps.app.password,
  );
  if (!sameDigest(request.digest, expected)) return refuse('wrong_digest');
  let pbxUser;
  try {
    pbxUser = await deps.pbx.findUser(username);
  } catch (error) {
    if (error instanceof PbxUnavailableError)
      return {
        kind: 'pbx_unavailable',
        message: msg('api.signIn.directoryUnavailable'),
      };
    throw error;
  }
  // The PBX vouched for this guid: a user since renamed or replaced must not inherit the login.
  if (!pbxUser || (request.guid !== '' && request.guid !== pbxUser.guid)) {
    await audit('refused', { reason: 'unknown_user' });
    return { kind: 'wrong' };
  }
  const user = { name: pbxUser.name, displayName: pbxUser.displayName, roles: rolesFor(pbxUser, deps.roleGroups) };
  await deps.throttle.recordSuccess(username, address);
  await recordAudit(deps.db, {
    actor: user.name,
    action: 'session.sign_in',
    result: 'ok',
    detail: { method: 'myapps', address, roles: user.roles },
  });
  return { kind: 'ok', user };
}
