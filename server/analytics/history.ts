import { AGGREGATE_KEEP_DAYS, CHECKIN_HISTORY_ACTIONS, type HistoryResponse } from '../../contract/analytics.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { rollUpEndedDays } from './rollup.ts';

/** The check-in history as personal data: one person's sessions for admins, and its retention. */

/** One person's sessions, newest first; audited, since it is personal data. */
export async function personHistory(db: Queryable, actor: string, userName: string): Promise<HistoryResponse> {
  const rows = await db.query<{
    desk_name: string;
    since: Date;
    ended_at: Date | null;
    method: string;
    end_reason: string | null;
  }>(
    `SELECT d.name AS desk_name, s.since, s.ended_at, s.method, s.end_reason
       FROM desk_sessions s JOIN desks d ON d.id = s.desk_id
      WHERE lower(s.user_name) = lower($1) ORDER BY s.since DESC LIMIT 1000`,
    [userName],
  );
  await recordAudit(db, {
    actor,
    action: 'analytics.history',
    target: userName,
    result: 'ok',
    detail: { sessions: rows.length },
  });
  return {
    user: userName,
    sessions: rows.map((row) => ({
      deskName: row.desk_name,
      since: row.since.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      method: row.method,
      endReason: row.end_reason,
    })),
  };
}

/**
 * The hourly care of the history: rolls up every ended day that has sessions (nothing is deleted before it is
 * counted), then deletes what is past its time.
 */
export async function keepHistory(db: Db, timeZone: string, retentionDays: number | null): Promise<number> {
  const [range] = await db.query<{ from: string | null; to: string }>(
    `SELECT ((min(since) AT TIME ZONE $1)::date)::text AS "from", ((now() AT TIME ZONE $1)::date - 1)::text AS "to"
       FROM desk_sessions`,
    [timeZone],
  );
  if (range && range.from !== null) await rollUpEndedDays(db, timeZone, { from: range.from, to: range.to });
  // No retention period (an installation upgraded from before it had one): nothing is deleted.
  return retentionDays === null ? 0 : purgeHistory(db, retentionDays);
}

/**
 * Deletes ended sessions and the audit events of check-ins and check-outs older than the retention period, and
 * daily figures older than AGGREGATE_KEEP_DAYS; returns how many sessions went (audited when anything did).
 */
export async function purgeHistory(db: Queryable, retentionDays: number): Promise<number> {
  const removed = await db.query(
    `DELETE FROM desk_sessions WHERE ended_at IS NOT NULL AND ended_at < now() - make_interval(days => $1)
     RETURNING 1`,
    [retentionDays],
  );
  if (removed.length > 0) {
    // Days before this no longer have all their sessions: their rolled-up figures are never computed again.
    await db.query(
      `INSERT INTO service_state (key, value) VALUES ('history_complete_from', to_jsonb(now() - make_interval(days => $1)))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
       WHERE (service_state.value #>> '{}')::timestamptz < (excluded.value #>> '{}')::timestamptz`,
      [retentionDays],
    );
  }
  const audited = await db.query(
    `DELETE FROM audit_events WHERE action = ANY($2::text[]) AND at < now() - make_interval(days => $1) RETURNING 1`,
    [retentionDays, CHECKIN_HISTORY_ACTIONS],
  );
  const aggregates = await db.query(`DELETE FROM usage_days WHERE day < current_date - $1::int RETURNING 1`, [
    AGGREGATE_KEEP_DAYS,
  ]);
  await db.query('DELETE FROM usage_days_done WHERE day < current_date - $1::int', [AGGREGATE_KEEP_DAYS]);
  if (removed.length > 0 || audited.length > 0 || aggregates.length > 0) {
    await recordAudit(db, {
      actor: 'service',
      action: 'analytics.retention',
      result: 'ok',
      detail: { sessions: removed.length, auditEvents: audited.length, retentionDays, dailyFigures: aggregates.length },
    });
  }
  return removed.length;
}
