import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MyAppsSignInRequest } from '../../contract/api.ts';
import { recordAudit } from '../audit.ts';
import type { Db } from '../db/db.ts';
import { PbxUnavailableError } from '../pbx/pbx.ts';
import { appLoginDigest } from '../pbx/digest.ts';
import { rolesFor, type SignInDeps, type SignInOutcome } from './sign-in.ts';

/** How long a challenge may wait for the myApps client's answer. */
export const MYAPPS_CHALLENGE_TTL_MS = 60_000;

export interface MyAppsSignInDeps extends SignInDeps {
  /** The App object whose password the PBX signs AppGetLogin with (PBX_APP, PBX_PASSWORD). */
  app: { name: string; password: string };
  now: () => number;
}

/** A random challenge for AppGetLogin, stored until used once or expired (every instance sees it). */
export async function issueMyAppsChallenge(db: Db, now: () => number): Promise<string> {
  const challenge = randomBytes(16).toString('hex');
  const at = now();
  await db.query('DELETE FROM myapps_challenges WHERE expires_at < $1', [new Date(at)]);
  await db.query('INSERT INTO myapps_challenges (challenge, expires_at) VALUES ($1, $2)', [
    challenge,
    new Date(at + MYAPPS_CHALLENGE_TTL_MS),
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
 * myApps single sign-on (myApps.htm, AppGetLogin): the PBX signed our challenge and the user's identity
 * with the App object's password, which only the PBX and this service know. The user never types a
 * password here. Throttled, audited and refused like any sign-in.
 */
export async function myAppsSignIn(
  deps: MyAppsSignInDeps,
  request: MyAppsSignInRequest,
  address: string,
): Promise<SignInOutcome> {
  const username = request.sip.trim();
  const retryAfterMs = await deps.throttle.retryAfterMs(username, address);
  const refuse = async (reason: string): Promise<SignInOutcome> => {
    await deps.throttle.recordFailure(username, address);
    await recordAudit(deps.db, {
      actor: username,
      action: 'session.sign_in',
      result: 'refused',
      detail: { method: 'myapps', address, reason },
    });
    return { kind: 'wrong' };
  };
  if (retryAfterMs > 0) {
    await recordAudit(deps.db, {
      actor: username,
      action: 'session.sign_in',
      result: 'refused',
      detail: { method: 'myapps', reason: 'too_many_attempts', address },
    });
    return { kind: 'throttled', retryAfterMs };
  }
  if (!(await consumeChallenge(deps.db, request.challenge, deps.now()))) return refuse('unknown_or_used_challenge');
  if (request.app !== deps.app.name) return refuse('foreign_app');
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
        message: 'The PBX user directory is not available, so sign-in is not possible right now.',
      };
    throw error;
  }
  // The PBX vouched for this guid: a user since renamed or replaced must not inherit the login.
  if (!pbxUser || (request.guid !== '' && request.guid !== pbxUser.guid)) return refuse('unknown_user');
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
