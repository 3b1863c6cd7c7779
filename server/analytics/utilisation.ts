import {
  MIN_GROUP_PEOPLE,
  type HistoryResponse,
  type UtilisationGroupBy,
  type UtilisationInterval,
  type UtilisationResponse,
} from '../../contract/analytics.ts';
import { recordAudit } from '../audit.ts';
import type { Queryable } from '../db/db.ts';
import { DomainError } from '../domain-error.ts';

/**
 * Utilisation from the check-in sessions, in SQL that PGlite and PostgreSQL both run. Intervals are the
 * office's local hours, days or weeks (a day with a clock change has 23 or 25 hours). Each session is
 * cut into the intervals it touches, found by a binary search of the intervals' starts (`width_bucket`: no
 * session × interval scan, no time-zone conversion per session), desk-hours are the
 * summed overlaps, and the peak is the highest running count of overlapping pieces per group and interval.
 */

/** The answer is a table a person reads: more cells than this are refused (narrow the range or group). */
export const MAX_CELLS = 50_000;

const BUCKETS: Record<UtilisationInterval, string> = {
  // Local hours from local midnight, as instants: the fall-back day has 25 of them.
  hour: `SELECT (row_number() OVER (ORDER BY g) - 1)::int AS i, g AS start_at, g + interval '1 hour' AS end_at
           FROM generate_series(($1::date::timestamp AT TIME ZONE $3),
                                (($2::date + 1)::timestamp AT TIME ZONE $3) - interval '1 hour', interval '1 hour') g`,
  day: `SELECT (d::date - $1::date)::int AS i, (d AT TIME ZONE $3) AS start_at, ((d + interval '1 day') AT TIME ZONE $3) AS end_at
          FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d`,
  week: `SELECT ((w::date - date_trunc('week', $1::date::timestamp)::date) / 7)::int AS i,
                (w AT TIME ZONE $3) AS start_at, ((w + interval '7 days') AT TIME ZONE $3) AS end_at
           FROM generate_series(date_trunc('week', $1::date::timestamp), $2::date::timestamp, interval '7 days') w`,
};

const GROUPS: Record<UtilisationGroupBy, { id: string; name: string }> = {
  site: { id: `coalesce(si.id::text, 'none')`, name: `coalesce(si.name, 'No site')` },
  floor: { id: `coalesce(f.id::text, 'none')`, name: `coalesce(f.name, 'Not on a floor')` },
  zone: { id: `coalesce(z.id::text, 'none')`, name: `coalesce(z.name, 'No zone')` },
  desk: { id: `d.id::text`, name: `d.name` },
};

interface Cell {
  gid: string;
  gname: string;
  start_at: Date;
  end_at: Date;
  desks: number;
  hours: number;
  peak: number;
  people: number;
}

export async function utilisation(
  db: Queryable,
  query: {
    from: string;
    to: string;
    groupBy: UtilisationGroupBy;
    interval: UtilisationInterval;
    floorId?: string | undefined;
  },
  timeZone: string,
  aggregateOnly: boolean,
): Promise<UtilisationResponse> {
  const group = GROUPS[query.groupBy];
  const [size] = await db.query<{ cells: number }>(
    `WITH buckets AS (${BUCKETS[query.interval]})
     SELECT ((SELECT count(*) FROM buckets) * (SELECT count(DISTINCT ${group.id}) FROM desks d
        LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites si ON si.id = f.site_id LEFT JOIN zones z ON z.id = d.zone_id
        WHERE $4::uuid IS NULL OR d.floor_id = $4::uuid))::int AS cells`,
    [query.from, query.to, timeZone, query.floorId ?? null],
  );
  if ((size?.cells ?? 0) > MAX_CELLS) {
    throw new DomainError(
      'invalid',
      'bad_request',
      `That is ${size?.cells.toLocaleString('en')} numbers; choose a shorter range, a longer interval or a wider group.`,
    );
  }
  const cells = await db.query<Cell>(
    `WITH buckets AS (${BUCKETS[query.interval]}),
     bounds AS (
       SELECT min(start_at) AS t0, max(end_at) AS t1, max(i) AS last, array_agg(start_at ORDER BY i) AS starts FROM buckets
     ),
     desk_groups AS (
       SELECT d.id AS desk_id, ${group.id} AS gid, ${group.name} AS gname FROM desks d
         LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites si ON si.id = f.site_id
         LEFT JOIN zones z ON z.id = d.zone_id
        WHERE $4::uuid IS NULL OR d.floor_id = $4::uuid
     ),
     pieces AS (
       SELECT g.gid, s.user_guid, b.i,
              greatest(s.since, b.start_at) AS a, least(coalesce(s.ended_at, now()), b.end_at) AS z
         FROM desk_sessions s
         JOIN desk_groups g ON g.desk_id = s.desk_id
         CROSS JOIN bounds
         CROSS JOIN LATERAL generate_series(
           greatest(width_bucket(s.since, bounds.starts) - 1, 0),
           least(width_bucket(coalesce(s.ended_at, now()) - interval '1 microsecond', bounds.starts) - 1, bounds.last)
         ) AS k(i)
         JOIN buckets b ON b.i = k.i
        WHERE s.since < bounds.t1 AND coalesce(s.ended_at, now()) > bounds.t0
     ),
     usage AS (
       SELECT gid, i, sum(extract(epoch FROM z - a)) / 3600 AS hours, count(DISTINCT user_guid)::int AS people
         FROM pieces WHERE z > a GROUP BY gid, i
     ),
     edges AS (
       SELECT gid, i, a AS at, 1 AS delta FROM pieces WHERE z > a
       UNION ALL SELECT gid, i, z AS at, -1 AS delta FROM pieces WHERE z > a
     ),
     peaks AS (
       SELECT gid, i, max(level)::int AS peak FROM (
         SELECT gid, i, sum(delta) OVER (PARTITION BY gid, i ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS level
           FROM edges
       ) running GROUP BY gid, i
     ),
     groups AS (SELECT gid, min(gname) AS gname, count(*)::int AS desks FROM desk_groups GROUP BY gid)
     SELECT gr.gid, gr.gname, b.start_at, b.end_at, gr.desks,
            coalesce(u.hours, 0)::float8 AS hours, coalesce(p.peak, 0) AS peak, coalesce(u.people, 0) AS people
       FROM groups gr CROSS JOIN buckets b
       LEFT JOIN usage u ON u.gid = gr.gid AND u.i = b.i
       LEFT JOIN peaks p ON p.gid = gr.gid AND p.i = b.i
      ORDER BY lower(gr.gname), gr.gid, b.start_at`,
    [query.from, query.to, timeZone, query.floorId ?? null],
  );
  return {
    timeZone,
    aggregateOnly,
    rows: cells.map((cell) => {
      const suppressed = aggregateOnly && cell.people > 0 && cell.people < MIN_GROUP_PEOPLE;
      const span = (cell.end_at.getTime() - cell.start_at.getTime()) / 3_600_000;
      const available = cell.desks * span;
      return {
        groupId: cell.gid,
        groupName: cell.gname,
        start: cell.start_at.toISOString(),
        end: cell.end_at.toISOString(),
        desks: cell.desks,
        occupiedHours: suppressed ? null : round(cell.hours, 2),
        peakOccupied: suppressed ? null : cell.peak,
        utilisation: suppressed ? null : available > 0 ? round((cell.hours / available) * 100, 1) : 0,
        suppressed,
      };
    }),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

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

/** Deletes ended sessions older than the retention period; returns how many went (audited when any did). */
export async function purgeHistory(db: Queryable, retentionDays: number): Promise<number> {
  const removed = await db.query(
    `DELETE FROM desk_sessions WHERE ended_at IS NOT NULL AND ended_at < now() - make_interval(days => $1)
     RETURNING 1`,
    [retentionDays],
  );
  if (removed.length > 0) {
    await recordAudit(db, {
      actor: 'service',
      action: 'analytics.retention',
      result: 'ok',
      detail: { sessions: removed.length, retentionDays },
    });
  }
  return removed.length;
}
