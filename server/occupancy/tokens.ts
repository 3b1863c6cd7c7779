import { createHash, randomBytes } from 'node:crypto';
import type { CheckinToken } from '../../contract/checkin.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { DomainError } from '../lib/domain-error.ts';
import { msg } from '../../i18n/message.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const MAX_TOKENS = 10;

interface TokenRow {
  id: string;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}

const toToken = (row: TokenRow): CheckinToken => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
});

/** Personal check-in tokens: a logon script sends one as `Authorization: Bearer`, for check-in only. */
export async function listTokens(db: Db, userName: string): Promise<CheckinToken[]> {
  const rows = await db.query<TokenRow>(
    `SELECT id::text AS id, label, created_at, last_used_at, expires_at FROM checkin_tokens
      WHERE user_name = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) ORDER BY created_at`,
    [userName, new Date()],
  );
  return rows.map(toToken);
}

/** A new token works for `lifetimeDays` (Settings → tokens). */
export async function createToken(
  db: Db,
  userName: string,
  label: string,
  lifetimeDays: number,
): Promise<CheckinToken & { token: string }> {
  const existing = await listTokens(db, userName);
  if (existing.length >= MAX_TOKENS) {
    throw new DomainError(
      'conflict',
      'bad_request',
      msg('api.tokens.haveTokensAlreadyRevoke', { maxTokens: MAX_TOKENS }),
    );
  }
  const token = `hdt_${randomBytes(32).toString('base64url')}`;
  const [row] = await db.query<TokenRow>(
    `INSERT INTO checkin_tokens (user_name, label, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))
     RETURNING id::text AS id, label, created_at, last_used_at, expires_at`,
    [userName, label, hash(token), lifetimeDays],
  );
  if (!row) throw new Error('token insert returned nothing');
  await recordAudit(db, { actor: userName, action: 'token.create', target: label, result: 'ok' });
  return { ...toToken(row), token };
}

export async function revokeToken(db: Db, userName: string, id: string): Promise<void> {
  const rows = await db.query(
    `UPDATE checkin_tokens SET revoked_at = now() WHERE id::text = $1 AND user_name = $2 AND revoked_at IS NULL RETURNING 1`,
    [id, userName],
  );
  if (rows.length === 0) throw new DomainError('not_found', 'not_found', msg('api.tokens.thereSuchTokenAny'));
  await recordAudit(db, { actor: userName, action: 'token.revoke', target: id, result: 'ok' });
}

/** The user a bearer token belongs to, or null (unknown, revoked or expired). */
export async function userForToken(db: Db, token: string): Promise<string | null> {
  const [row] = await db.query<{ user_name: string }>(
    `UPDATE checkin_tokens SET last_used_at = now()
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING user_name`,
    [hash(token)],
  );
  return row?.user_name ?? null;
}
