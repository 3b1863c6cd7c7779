import { ACTOR_VIA_PATTERN, CHECKIN_HISTORY_ACTIONS } from '../../contract/analytics.ts';
import type { AuditQuery, AuditRecord } from '../../contract/api.ts';
import type { Queryable } from '../db/db.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | undefined;
  result: AuditRecord['result'];
  detail?: Record<string, unknown>;
}

/**
 * The INSERT of one event, its parameters numbered from `first`: for a change that is written with its event
 * in one statement (a data-modifying WITH), so that both are stored or neither.
 */
export function auditInsert(entry: AuditEntry, first = 1): { sql: string; params: unknown[] } {
  const at = (offset: number) => `$${first + offset}`;
  return {
    sql: `INSERT INTO audit_events (actor, action, target, result, detail) VALUES (${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)})`,
    params: [entry.actor, entry.action, entry.target ?? null, entry.result, JSON.stringify(entry.detail ?? {})],
  };
}

/**
 * The same event once for each row a data-modifying WITH named `source` returned (none when it changed nothing),
 * the row's `id` added to the detail.
 */
export function auditInsertPerRow(
  entry: AuditEntry,
  first: number,
  source: string,
): { sql: string; params: unknown[] } {
  const at = (offset: number) => `$${first + offset}`;
  return {
    sql: `INSERT INTO audit_events (actor, action, target, result, detail)
      SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}::jsonb || jsonb_build_object('id', ${source}.id::text) FROM ${source}`,
    params: [entry.actor, entry.action, entry.target ?? null, entry.result, JSON.stringify(entry.detail ?? {})],
  };
}

/** Appends one event; pass the transaction that makes the change so both commit or neither. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  const { sql, params } = auditInsert(entry);
  await db.query(sql, params);
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  result: AuditRecord['result'];
  detail: Record<string, unknown>;
}

/** Newest first (by time, then id), every event exactly once; `before` is the id of the last event of the previous page. */
export async function listAudit(
  db: Queryable,
  query: Omit<AuditQuery, 'before'> & {
    before?: string | undefined;
    /** People whose display name matched the actor filter: their events too (by user name, with any "(token)"). */
    alsoActors?: readonly string[];
  },
  /**
   * Aggregate-only mode: without the events that are one person's check-in history (see CHECKIN_HISTORY_ACTIONS):
   * the successful ones a person made for themselves, or the PBX or the service made for them.
   */
  withoutCheckinHistory: boolean,
  /** `helpdesk`: only what staff did to others' desks (HELPDESK_ACTIONS), the view helpdesk has of its own work. */
  scope: 'all' | 'helpdesk' = 'all',
): Promise<{ events: AuditRecord[]; nextCursor: string | null }> {
  // Ordered by the columns themselves (never the text alias of id), newest first by time then id; the
  // cursor is the last event's id, and the next page starts strictly below that event's (at, id).
  const rows = await db.query<AuditRow>(
    `SELECT e.id::text AS id, e.at, e.actor, e.action, e.target, e.result, e.detail FROM audit_events e
      WHERE ($1::bigint IS NULL
         OR (e.at, e.id) < (SELECT c.at, c.id FROM audit_events c WHERE c.id = $1::bigint))
        AND NOT ($3::boolean AND e.action = ANY($4::text[]) AND e.result = 'ok'
                 AND (e.actor IN ('pbx', 'service')
                      OR coalesce(e.detail->>'user', e.actor) = regexp_replace(e.actor, $10::text, '')))
        AND ($5::text IS NULL OR strpos(lower(e.actor), lower($5::text)) > 0
             OR lower(regexp_replace(e.actor, $10::text, '')) = ANY($11::text[]))
        AND ($6::text[] IS NULL
             OR EXISTS (SELECT 1 FROM unnest($6::text[]) AS a(action)
                         WHERE e.action = a.action OR starts_with(e.action, a.action || '.')))
        AND ($7::text IS NULL OR strpos(lower(coalesce(e.target, '')), lower($7::text)) > 0)
        AND ($8::timestamptz IS NULL OR e.at >= $8::timestamptz)
        AND ($9::timestamptz IS NULL OR e.at < $9::timestamptz)
        AND (NOT $12::boolean
             OR (e.actor NOT IN ('pbx', 'service')
                 AND (e.action = 'occupancy.force_logout'
                      OR (e.action = 'occupancy.checkin' AND e.detail->>'method' = 'console'))))
      ORDER BY e.at DESC, e.id DESC LIMIT $2`,
    [
      query.before ?? null,
      query.limit + 1,
      withoutCheckinHistory,
      CHECKIN_HISTORY_ACTIONS,
      query.actor ?? null,
      query.action?.split(',') ?? null,
      query.target ?? null,
      query.from ?? null,
      query.to ?? null,
      ACTOR_VIA_PATTERN,
      (query.alsoActors ?? []).map((name) => name.toLowerCase()),
      scope === 'helpdesk',
    ],
  );
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((row) => ({ ...row, at: row.at.toISOString() })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
