import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../contract/api.ts';
import type { Db } from '../db/db.ts';

export interface SessionLifetime {
  /** A session nobody used for this long is gone. */
  idleMs: number;
  /** A session is gone this long after sign-in, used or not. */
  absoluteMs: number;
}

export interface ConsoleSession {
  /** The session's key inside the service (the token's hash): what its event streams are filed under. */
  id: string;
  user: SessionUser;
  csrfToken: string;
  /** Held as a bearer token (inside myApps) rather than a cookie; each works only the way it was issued. */
  bearer: boolean;
  /** When the session ends at the latest (its absolute limit), in epoch milliseconds. */
  endsAt: number;
}

interface SessionRow {
  username: string;
  display_name: string;
  roles: string[];
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
}

/** Last-seen is written at most this often, so that every request is not a database write. */
const TOUCH_INTERVAL_MS = 60_000;
/** Sessions one person may hold at once; signing in once more ends the oldest. */
export const MAX_SESSIONS_PER_USER = 10;

export type SessionEndReason = 'signed_out' | 'expired' | 'replaced' | 'roles_changed';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side console sessions in the database: they survive a restart and expire idle and absolute. */
export class SessionStore {
  private readonly endListeners = new Set<(id: string, reason: SessionEndReason) => void>();

  constructor(
    private readonly db: Db,
    private readonly lifetime: SessionLifetime,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the token (never stored) and the CSRF token for the new session. */
  async create(user: SessionUser, bearer = false): Promise<{ token: string; session: ConsoleSession }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const at = new Date(this.now());
    const id = hashToken(token);
    const replaced = await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO console_sessions (token_hash, username, display_name, roles, csrf_token, created_at, last_seen_at, bearer)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
        [id, user.name, user.displayName, user.roles, csrfToken, at, bearer],
      );
      return tx.query<{ token_hash: string }>(
        `DELETE FROM console_sessions WHERE token_hash IN (
           SELECT token_hash FROM console_sessions WHERE lower(username) = lower($1)
            ORDER BY created_at DESC, token_hash OFFSET $2)
         RETURNING token_hash`,
        [user.name, MAX_SESSIONS_PER_USER],
      );
    });
    for (const row of replaced) this.ended(row.token_hash, 'replaced');
    return { token, session: { id, user, csrfToken, bearer, endsAt: at.getTime() + this.lifetime.absoluteMs } };
  }

  /** Called with the id of every session that ends, however it ends (for closing its event streams). */
  onEnd(listener: (id: string, reason: SessionEndReason) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private ended(id: string, reason: SessionEndReason): void {
    for (const listener of this.endListeners) listener(id, reason);
  }

  /**
   * The session of a cookie token, or with `bearer` of a bearer token; null when there is none (any more).
   * `touch: false` checks without counting as use (an open event stream is no sign of a person).
   */
  async find(
    token: string,
    bearer = false,
    { touch = true }: { touch?: boolean } = {},
  ): Promise<ConsoleSession | null> {
    const tokenHash = hashToken(token);
    const [row] = await this.db.query<SessionRow>(
      `SELECT username, display_name, roles, csrf_token, created_at, last_seen_at
         FROM console_sessions WHERE token_hash = $1 AND bearer = $2`,
      [tokenHash, bearer],
    );
    if (row === undefined) return null;
    const now = this.now();
    if (
      now - row.last_seen_at.getTime() > this.lifetime.idleMs ||
      now - row.created_at.getTime() > this.lifetime.absoluteMs
    ) {
      await this.db.query('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash]);
      this.ended(tokenHash, 'expired');
      return null;
    }
    if (touch && now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.db.query('UPDATE console_sessions SET last_seen_at = $2 WHERE token_hash = $1', [
        tokenHash,
        new Date(now),
      ]);
    }
    return {
      id: tokenHash,
      user: { name: row.username, displayName: row.display_name, roles: row.roles as Role[] },
      csrfToken: row.csrf_token,
      bearer,
      endsAt: row.created_at.getTime() + this.lifetime.absoluteMs,
    };
  }

  async delete(token: string): Promise<void> {
    const id = hashToken(token);
    await this.db.query('DELETE FROM console_sessions WHERE token_hash = $1', [id]);
    this.ended(id, 'signed_out');
  }

  /** Ends every session of a person whose roles are no longer `roles` (changed on the PBX). */
  async endWhereRolesDiffer(username: string, roles: readonly Role[]): Promise<number> {
    const rows = await this.db.query<{ token_hash: string; roles: string[] }>(
      'SELECT token_hash, roles FROM console_sessions WHERE lower(username) = lower($1)',
      [username],
    );
    const wanted = [...roles].sort().join(',');
    const stale = rows.filter((row) => [...row.roles].sort().join(',') !== wanted).map((row) => row.token_hash);
    if (stale.length === 0) return 0;
    await this.db.query('DELETE FROM console_sessions WHERE token_hash = ANY($1::text[])', [stale]);
    for (const id of stale) this.ended(id, 'roles_changed');
    return stale.length;
  }

  /**
   * Every session against the PBX as it is now: a person it no longer has, or whose roles changed while the
   * service was not watching (down, restarting), loses their sessions. `rolesOf` answers null for nobody;
   * `skip` names accounts that are not PBX users (the break-glass administrator).
   */
  async review(rolesOf: (username: string) => readonly Role[] | null, skip: string): Promise<number> {
    const rows = await this.db.query<{ token_hash: string; username: string; roles: string[] }>(
      'SELECT token_hash, username, roles FROM console_sessions WHERE lower(username) <> lower($1)',
      [skip],
    );
    const stale = rows
      .filter((row) => {
        const roles = rolesOf(row.username);
        return roles === null || [...roles].sort().join(',') !== [...row.roles].sort().join(',');
      })
      .map((row) => row.token_hash);
    if (stale.length === 0) return 0;
    await this.db.query('DELETE FROM console_sessions WHERE token_hash = ANY($1::text[])', [stale]);
    for (const id of stale) this.ended(id, 'roles_changed');
    return stale.length;
  }

  /** Removes expired rows; run periodically so the table does not grow forever. */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    const rows = await this.db.query<{ token_hash: string }>(
      `DELETE FROM console_sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING token_hash`,
      [new Date(now - this.lifetime.idleMs), new Date(now - this.lifetime.absoluteMs)],
    );
    for (const row of rows) this.ended(row.token_hash, 'expired');
    return rows.length;
  }

  /** Milliseconds until `session` ends at the latest, on the store's clock; 0 when it is over. */
  timeLeft(session: ConsoleSession): number {
    return Math.max(0, session.endsAt - this.now());
  }
}
