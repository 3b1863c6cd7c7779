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
  user: SessionUser;
  csrfToken: string;
  /** Held as a bearer token (inside myApps) rather than a cookie; each works only the way it was issued. */
  bearer: boolean;
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

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side console sessions in the database: they survive a restart and expire idle and absolute. */
export class SessionStore {
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
    await this.db.query(
      `INSERT INTO console_sessions (token_hash, username, display_name, roles, csrf_token, created_at, last_seen_at, bearer)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
      [hashToken(token), user.name, user.displayName, user.roles, csrfToken, at, bearer],
    );
    return { token, session: { user, csrfToken, bearer } };
  }

  /** The session of a cookie token, or with `bearer` of a bearer token; null when there is none (any more). */
  async find(token: string, bearer = false): Promise<ConsoleSession | null> {
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
      return null;
    }
    if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.db.query('UPDATE console_sessions SET last_seen_at = $2 WHERE token_hash = $1', [
        tokenHash,
        new Date(now),
      ]);
    }
    return {
      user: { name: row.username, displayName: row.display_name, roles: row.roles as Role[] },
      csrfToken: row.csrf_token,
      bearer,
    };
  }

  async delete(token: string): Promise<void> {
    await this.db.query('DELETE FROM console_sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  /** Removes expired rows; run periodically so the table does not grow forever. */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    const rows = await this.db.query(
      `DELETE FROM console_sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING 1`,
      [new Date(now - this.lifetime.idleMs), new Date(now - this.lifetime.absoluteMs)],
    );
    return rows.length;
  }
}
