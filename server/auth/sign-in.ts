import type { Role, SessionUser, SignInRequest } from '../../contract/api.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { PbxUnavailableError } from '../pbx/pbx.ts';
import type { Pbx, PbxUser } from '../pbx/pbx.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { msg, type Message } from '../../i18n/message.ts';

export const LOCAL_ADMIN = 'admin-local';

export type SignInOutcome =
  | { kind: 'ok'; user: SessionUser }
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'pbx_unavailable'; message: Message };

export interface SignInDeps {
  db: Db;
  pbx: Pbx;
  throttle: LoginThrottle;
  roleGroups: { admin: string; helpdesk: string; facility: string; security: string };
}

/** Console roles from PBX group membership; every PBX user is also an employee who can check in. */
export function rolesFor(user: PbxUser, roleGroups: SignInDeps['roleGroups']): Role[] {
  const groups = new Set(user.groups.map((group) => group.toLowerCase()));
  const roles: Role[] = [];
  for (const role of ['admin', 'helpdesk', 'facility', 'security'] as const) {
    if (groups.has(roleGroups[role].toLowerCase())) roles.push(role);
  }
  roles.push('user');
  return roles;
}

interface LocalAccountRow {
  display_name: string;
  password_hash: string;
  roles: string[];
}

export async function signIn(deps: SignInDeps, request: SignInRequest, address: string): Promise<SignInOutcome> {
  const username = request.username.trim();
  const retryAfterMs = await deps.throttle.retryAfterMs(username, address);
  if (retryAfterMs > 0) {
    await recordAudit(deps.db, {
      actor: username,
      action: 'session.sign_in',
      result: 'refused',
      detail: { reason: 'too_many_attempts', address },
    });
    return { kind: 'throttled', retryAfterMs };
  }
  const outcome = await checkCredentials(deps, username, request.password);
  if (outcome.kind === 'wrong') await deps.throttle.recordFailure(username, address);
  if (outcome.kind === 'ok') await deps.throttle.recordSuccess(username, address);
  if (outcome.kind !== 'pbx_unavailable') {
    await recordAudit(deps.db, {
      actor: outcome.kind === 'ok' ? outcome.user.name : username,
      action: 'session.sign_in',
      result: outcome.kind === 'ok' ? 'ok' : 'refused',
      detail:
        outcome.kind === 'ok' ? { address, roles: outcome.user.roles } : { address, reason: 'invalid_credentials' },
    });
  }
  return outcome;
}

async function checkCredentials(deps: SignInDeps, username: string, password: string): Promise<SignInOutcome> {
  const [local] = await deps.db.query<LocalAccountRow>(
    'SELECT display_name, password_hash, roles FROM local_accounts WHERE username = $1',
    [username.toLowerCase()],
  );
  if (local) {
    if (!(await verifyPassword(password, local.password_hash))) return { kind: 'wrong' };
    return {
      kind: 'ok',
      user: { name: username.toLowerCase(), displayName: local.display_name, roles: local.roles as Role[] },
    };
  }
  try {
    if (!(await deps.pbx.verifyUserPassword(username, password))) return { kind: 'wrong' };
    const pbxUser = await deps.pbx.findUser(username);
    // The PBX accepted the login but it is no user object (e.g. a gateway or an App object).
    if (!pbxUser) return { kind: 'wrong' };
    return {
      kind: 'ok',
      user: { name: pbxUser.name, displayName: pbxUser.displayName, roles: rolesFor(pbxUser, deps.roleGroups) },
    };
  } catch (error) {
    if (error instanceof PbxUnavailableError) {
      return {
        kind: 'pbx_unavailable',
        message: msg('api.signIn.pbxUnavailable'),
      };
    }
    throw error;
  }
}

/**
 * The break-glass admin exists exactly while HOTDESK_ADMIN_PASSWORD is set; only its scrypt hash is stored.
 * Re-hashed only when the password changed, so a restart does not invalidate anything.
 */
export async function syncLocalAdmin(db: Db, password: string | undefined): Promise<void> {
  if (password === undefined) {
    await db.query('DELETE FROM local_accounts WHERE username = $1', [LOCAL_ADMIN]);
    return;
  }
  const [existing] = await db.query<LocalAccountRow>('SELECT password_hash FROM local_accounts WHERE username = $1', [
    LOCAL_ADMIN,
  ]);
  if (existing && (await verifyPassword(password, existing.password_hash))) return;
  await db.query(
    `INSERT INTO local_accounts (username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
    [LOCAL_ADMIN, 'Local administrator', await hashPassword(password), ['admin']],
  );
}
