import type { EmergencyNoticeRecord, EmergencyNoticeState } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit/audit.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../lib/events.ts';
import { DrainLoop } from '../db/drain-loop.ts';
import { log } from '../lib/log.ts';
import { msg } from '../../i18n/message.ts';

/** What the webhook receives on every emergency call; site and address where the desk's floor has a site. */
export interface EmergencyNotice {
  desk: string;
  site: string | null;
  address: string | null;
  person: string | null;
  number: string;
  time: string;
}

/** Sends one notice; throws with a sentence an administrator understands when it did not arrive. */
export type PostNotice = (url: string, notice: EmergencyNotice) => Promise<void>;

export interface NoticeTiming {
  /** The wait after the first failed try; it doubles after each further one, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** A notice not delivered this long after the call is given up on (and shown as failed). */
  giveUpAfterMs: number;
  /** How long an instance holds a notice it is delivering: a crashed instance's claim runs out then. */
  leaseMs: number;
}

export const DEFAULT_NOTICE_TIMING: NoticeTiming = {
  firstRetryMs: 5_000,
  maxRetryMs: 5 * 60_000,
  giveUpAfterMs: 2 * 60 * 60_000,
  leaseMs: 30_000,
};

/** The wait before try `attempt + 1` after `attempt` tries failed. */
export const retryDelay = (timing: NoticeTiming, attempt: number): number =>
  Math.min(timing.maxRetryMs, timing.firstRetryMs * 2 ** Math.max(0, attempt - 1));

interface ClaimedRow {
  id: string;
  desk_id: string | null;
  desk_name: string;
  notice: EmergencyNotice;
  notice_url: string;
  notice_attempts: number;
  /** The call, or an administrator's retry: the bounded retry period counts from here. */
  since: Date;
}

/**
 * The emergency notices still to deliver, kept in the database with their call (an outbox): every instance
 * delivers what is due, one claim per notice, so a notice survives a restart or a crash and goes out once
 * whichever instance is up. A failed try is retried with backoff until `giveUpAfterMs` after the call; each try
 * is audited, and the board and the administrators see a notice that has not arrived.
 */
export class EmergencyNoticeOutbox {
  private readonly loop = new DrainLoop(() => this.deliverDue(), 'delivering emergency notices failed');

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly now: () => number,
    private readonly post: PostNotice = postWebhook,
    private readonly timing: NoticeTiming = DEFAULT_NOTICE_TIMING,
  ) {}

  /** Looks for due notices every `intervalMs` (retries, and those another instance left behind). */
  start(intervalMs = 5_000): void {
    this.loop.start(Math.min(intervalMs, this.timing.firstRetryMs));
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** A notice was queued or is due: deliver now (one round at a time; one more after a round under way). */
  deliverSoon(): void {
    this.loop.soon();
  }

  /** Delivers every notice that is due now; returns how many were tried. */
  async deliverDue(): Promise<number> {
    let tried = 0;
    for (;;) {
      if (this.loop.isStopped) return tried;
      const row = await this.claim();
      if (!row) return tried;
      tried += 1;
      await this.deliver(row);
    }
  }

  /** The latest notices, newest first. */
  list(): Promise<EmergencyNoticeRecord[]> {
    return listNotices(this.db);
  }

  /**
   * An administrator sends a notice that was given up on again (after fixing the receiver): tried at once, with
   * a fresh bounded retry period from now.
   */
  async retry(actor: string, id: string): Promise<EmergencyNoticeRecord> {
    const notFound = new DomainError('not_found', 'not_found', msg('api.emergencyNotices.thereSuchEmergencyNotice'));
    if (!/^\d{1,18}$/.test(id)) throw notFound;
    const [row] = await this.db.query<{ desk_name: string; notice_state: string | null }>(
      `SELECT desk_name, notice_state FROM emergency_calls WHERE id = $1`,
      [id],
    );
    if (!row || row.notice_state === null) throw notFound;
    const now = new Date(this.now());
    const updated = await this.db.query(
      `UPDATE emergency_calls SET notice_state = 'pending', notice_next_at = $2, notice_retry_from = $2,
       notice_done_at = NULL WHERE id = $1 AND notice_state = 'failed' RETURNING id`,
      [id, now],
    );
    if (updated.length === 0)
      throw new DomainError('conflict', 'notice_not_failed', msg('api.emergencyNotices.noticeBeingSentArrived'));
    await recordAudit(this.db, {
      actor,
      action: 'emergency.notifyRetry',
      target: row.desk_name,
      result: 'ok',
      detail: { id },
    });
    this.deliverSoon();
    const record = (await listNotices(this.db, 1, id))[0];
    if (!record) throw notFound;
    return record;
  }

  private async claim(): Promise<ClaimedRow | null> {
    const now = new Date(this.now());
    const [row] = await this.db.query<ClaimedRow>(
      `UPDATE emergency_calls SET notice_lease_until = $2, notice_attempts = notice_attempts + 1
       WHERE id = (SELECT id FROM emergency_calls
                   WHERE notice_state = 'pending' AND notice_next_at <= $1
                     AND (notice_lease_until IS NULL OR notice_lease_until < $1)
                   ORDER BY notice_next_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, desk_id::text AS desk_id, desk_name, notice, notice_url, notice_attempts,
         COALESCE(notice_retry_from, at) AS since`,
      [now, new Date(now.getTime() + this.timing.leaseMs)],
    );
    return row ?? null;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const attempt = row.notice_attempts;
    let failure: string | null = null;
    try {
      await this.post(row.notice_url, row.notice);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const now = this.now();
    const detail = { url: row.notice_url, attempt };
    if (failure === null) {
      await this.db.query(
        `UPDATE emergency_calls SET notice_state = 'delivered', notice_done_at = $2, notice_lease_until = NULL,
         notice_error = NULL WHERE id = $1`,
        [row.id, new Date(now)],
      );
      await recordAudit(this.db, {
        actor: 'system',
        action: 'emergency.notify',
        target: row.desk_name,
        result: 'ok',
        detail,
      });
    } else {
      const next = now + retryDelay(this.timing, attempt);
      const givesUp = next - row.since.getTime() > this.timing.giveUpAfterMs;
      await this.db.query(
        `UPDATE emergency_calls SET notice_state = $2, notice_next_at = $3, notice_error = $4,
         notice_lease_until = NULL, notice_done_at = $5 WHERE id = $1`,
        [
          row.id,
          givesUp ? 'failed' : 'pending',
          givesUp ? null : new Date(next),
          failure,
          givesUp ? new Date(now) : null,
        ],
      );
      await recordAudit(this.db, {
        actor: 'system',
        action: 'emergency.notify',
        target: row.desk_name,
        result: 'failed',
        detail: {
          ...detail,
          error: failure,
          ...(givesUp ? { gaveUp: true } : { retryAt: new Date(next).toISOString() }),
        },
      });
      log.warn(
        { desk: row.desk_name, attempt, error: failure, gaveUp: givesUp },
        'an emergency notice did not reach the webhook',
      );
    }
    if (row.desk_id) this.events.publish({ type: 'occupancy', deskIds: [row.desk_id] });
  }
}

/** The state of a desk's latest notice as the board shows it; null: no webhook was configured. */
export function noticeState(row: {
  notice_state: string | null;
  notice_error: string | null;
}): EmergencyNoticeState | null {
  if (row.notice_state === null) return null;
  // Pending: sending until a try has failed (a try under way is not a failure).
  if (row.notice_state === 'pending') return row.notice_error === null ? 'sending' : 'retrying';
  return row.notice_state === 'delivered' ? 'delivered' : 'failed';
}

interface NoticeRow {
  id: string;
  desk_name: string;
  number: string;
  at: Date;
  notice_url: string;
  notice_state: string;
  notice_attempts: number;
  notice_next_at: Date | null;
  notice_error: string | null;
  notice_done_at: Date | null;
}

/** The latest notices (newest first), for administrators: what arrived, what is retried, what was given up. */
async function listNotices(db: Db, limit = 50, id?: string): Promise<EmergencyNoticeRecord[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT id::text AS id, desk_name, number, at, notice_url, notice_state, notice_attempts, notice_next_at,
     notice_error, notice_done_at FROM emergency_calls
     WHERE notice_state IS NOT NULL ${id === undefined ? '' : 'AND id = $2'}
     ORDER BY at DESC, id DESC LIMIT $1`,
    id === undefined ? [limit] : [limit, id],
  );
  return rows.map((row) => ({
    id: row.id,
    desk: row.desk_name,
    number: row.number,
    at: row.at.toISOString(),
    url: row.notice_url,
    state: noticeState(row) ?? 'failed',
    attempts: row.notice_attempts,
    lastError: row.notice_error,
    nextAttemptAt: row.notice_state === 'pending' && row.notice_next_at ? row.notice_next_at.toISOString() : null,
    doneAt: row.notice_done_at?.toISOString() ?? null,
  }));
}

/**
 * POSTs the notice as JSON. A slow receiver is given up on after a few seconds; a redirect is not followed (a
 * notice with a person's name and location goes only to the address configured) and counts as a failure.
 */
export async function postWebhook(url: string, notice: EmergencyNotice): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(notice),
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
    if (error instanceof Error && error.name === 'TimeoutError') throw new Error('The webhook did not answer in 5 s.');
    throw new Error(`The webhook cannot be reached${cause ? ` (${cause})` : ''}.`);
  }
  await response.body?.cancel();
  if (response.status >= 300 && response.status < 400)
    throw new Error(
      `The webhook answered ${response.status} (a redirect${response.headers.get('location') ? ` to ${response.headers.get('location') ?? ''}` : ''}); redirects are not followed: configure the final address.`,
    );
  if (!response.ok) throw new Error(`The webhook answered ${response.status}.`);
}
