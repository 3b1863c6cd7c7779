import type { UtilisationGroupBy } from '../../contract/analytics.ts';
import { addDays } from '../../contract/office-hours.ts';
import { DEFAULT_OFFICE_HOURS } from '../../contract/sites.ts';
import type { Db, Queryable } from '../db/db.ts';

/**
 * The sessions rolled up per office-local day and group (site, floor, zone, desk): occupied seconds, the peak of
 * desks used at once, the people, and the same per local hour (sites, floors, zones). An ended day never changes
 * again (sessions start and end at the moment they happen), so it is rolled up once and read from then on; the
 * current day is computed from the sessions each time. The rows hold no names and outlive the sessions'
 * retention: a year of utilisation reads a few thousand rows instead of hundreds of thousands of sessions.
 *
 * Each group is the one the desk belonged to when its day was rolled up: a desk moved to another floor
 * leaves its history with the old floor.
 */

/**
 * The day rows for `$1`…`$2` (local dates) in zone `$3`, for the levels `$4` and only floor `$5` (or all); desks
 * hour by hour only when `$6`.
 */
const DAY_ROWS = `
WITH days AS (
  SELECT d::date AS day, d AT TIME ZONE $3 AS day_start, (d + interval '1 day') AT TIME ZONE $3 AS day_end
    FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d
),
hours AS (
  SELECT (row_number() OVER (ORDER BY h.start_at))::int AS i, days.day, h.k, h.start_at, h.start_at + interval '1 hour' AS end_at
    FROM days CROSS JOIN LATERAL (
      SELECT k, days.day_start + k * interval '1 hour' AS start_at
        FROM generate_series(0, (extract(epoch FROM days.day_end - days.day_start) / 3600)::int - 1) k
    ) h
),
bounds AS (
  SELECT min(start_at) AS t0, max(end_at) AS t1, count(*)::int AS n, array_agg(start_at ORDER BY i) AS starts FROM hours
),
members AS (
  SELECT d.id AS desk_id, m.level, m.gid, m.floor_id,
         coalesce(si.office_start, ${DEFAULT_OFFICE_HOURS.start}) AS office_start,
         coalesce(si.office_end, ${DEFAULT_OFFICE_HOURS.end}) AS office_end,
         coalesce(si.office_days, '{${DEFAULT_OFFICE_HOURS.days.join(',')}}'::smallint[]) AS office_days
    FROM desks d LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites si ON si.id = f.site_id
    CROSS JOIN LATERAL (VALUES
      ('site', coalesce(f.site_id::text, 'none'), ''),
      ('floor', coalesce(d.floor_id::text, 'none'), coalesce(d.floor_id::text, 'none')),
      ('zone', coalesce(d.zone_id::text, 'none:' || coalesce(d.floor_id::text, 'none')), coalesce(d.floor_id::text, 'none')),
      ('desk', d.id::text, coalesce(d.floor_id::text, 'none'))
    ) AS m(level, gid, floor_id)
   WHERE m.level = ANY($4::text[]) AND ($5::uuid IS NULL OR d.floor_id = $5::uuid)
),
pieces AS (
  SELECT s.desk_id, s.user_guid, h.day, h.k, h.start_at AS h_start,
         greatest(s.since, h.start_at) AS a, least(coalesce(s.ended_at, now()), h.end_at) AS z
    FROM desk_sessions s
    CROSS JOIN bounds
    CROSS JOIN LATERAL generate_series(
      greatest(width_bucket(s.since, bounds.starts), 1),
      least(width_bucket(coalesce(s.ended_at, now()) - interval '1 microsecond', bounds.starts), bounds.n)
    ) AS g(i)
    JOIN hours h ON h.i = g.i
   WHERE s.since < bounds.t1 AND coalesce(s.ended_at, now()) > bounds.t0
),
grouped AS (
  SELECT m.level, m.gid, m.floor_id, p.user_guid, p.day, p.k, p.a, p.z,
         -- The piece's seconds when its local hour is inside the office hours of the desk's site, else 0.
         CASE WHEN extract(isodow FROM p.day)::smallint = ANY(m.office_days)
                   AND extract(hour FROM p.h_start AT TIME ZONE $3) >= m.office_start
                   AND extract(hour FROM p.h_start AT TIME ZONE $3) < m.office_end
              THEN extract(epoch FROM p.z - p.a) ELSE 0 END AS os
    FROM pieces p JOIN members m ON m.desk_id = p.desk_id
   WHERE p.z > p.a
),
-- Hour by hour for groups of desks, and for single desks when asked ($6); otherwise a desk's day is one sum.
per_hour AS (
  SELECT level, gid, day, k, sum(extract(epoch FROM z - a))::float8 AS seconds, sum(os)::float8 AS office_seconds,
         count(DISTINCT user_guid)::int AS people
    FROM grouped WHERE level <> 'desk' OR $6::boolean GROUP BY level, gid, day, k
),
-- A desk holds one session at a time, so only groups of desks need the running count.
edges AS (
  SELECT level, gid, day, k, a AS at, 1 AS delta FROM grouped WHERE level <> 'desk'
  UNION ALL SELECT level, gid, day, k, z AS at, -1 AS delta FROM grouped WHERE level <> 'desk'
),
hour_peaks AS (
  SELECT level, gid, day, k, max(running)::int AS peak FROM (
    SELECT level, gid, day, k,
           sum(delta) OVER (PARTITION BY level, gid, day, k ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS running
      FROM edges
  ) levels GROUP BY level, gid, day, k
),
per_day AS (
  SELECT level, gid, min(floor_id) AS floor_id, day, count(DISTINCT user_guid)::int AS people
    FROM grouped WHERE level <> 'desk' OR $6::boolean GROUP BY level, gid, day
)
SELECT pd.level, pd.day, pd.gid, pd.floor_id, pd.people,
       min(h.start_at) AS day_start,
       sum(coalesce(ph.seconds, 0))::float8 AS seconds,
       sum(coalesce(ph.office_seconds, 0))::float8 AS office_seconds,
       max(CASE WHEN pd.level = 'desk' THEN 1 ELSE coalesce(pk.peak, 0) END)::int AS peak,
       array_agg(coalesce(ph.seconds, 0)::float8 ORDER BY h.k) AS hour_seconds,
       array_agg((CASE WHEN pd.level = 'desk' THEN (coalesce(ph.seconds, 0) > 0)::int ELSE coalesce(pk.peak, 0) END)::int
                 ORDER BY h.k) AS hour_peaks,
       array_agg(coalesce(ph.people, 0)::int ORDER BY h.k) AS hour_people
  FROM per_day pd
  JOIN hours h ON h.day = pd.day
  LEFT JOIN per_hour ph ON ph.level = pd.level AND ph.gid = pd.gid AND ph.day = pd.day AND ph.k = h.k
  LEFT JOIN hour_peaks pk ON pk.level = pd.level AND pk.gid = pd.gid AND pk.day = pd.day AND pk.k = h.k
 GROUP BY pd.level, pd.gid, pd.floor_id, pd.day, pd.people
UNION ALL
SELECT 'desk', day, gid, min(floor_id), count(DISTINCT user_guid)::int, NULL::timestamptz,
       sum(extract(epoch FROM z - a))::float8, sum(os)::float8, 1, NULL::float8[], NULL::int[], NULL::int[]
  FROM grouped WHERE level = 'desk' AND NOT $6::boolean GROUP BY gid, day`;

/** One group's day, as rolled up or computed live. */
export interface DayRow {
  gid: string;
  /** YYYY-MM-DD, the office's local day. */
  day: string;
  seconds: number;
  /** The seconds inside the office hours of the desks' sites. */
  officeSeconds: number;
  peak: number;
  people: number;
  /** Per local hour of the day, the first starting at `start`; null for a desk's day (unless asked for). */
  hours: { start: Date; seconds: number[]; peaks: number[]; people: number[] } | null;
}

/** The rollup level a grouping reads: a site seen through one floor is that floor's rows. */
export const sourceLevel = (groupBy: UtilisationGroupBy, floorId: string | null) =>
  groupBy === 'site' && floorId !== null ? 'floor' : groupBy;

/** Days `from`…`to` computed from the sessions now, for one level (never stored: the current day, desk hours). */
export async function liveDayRows(
  db: Queryable,
  range: { from: string; to: string },
  timeZone: string,
  level: UtilisationGroupBy,
  floorId: string | null,
  withHours: boolean,
): Promise<DayRow[]> {
  const rows = await db.query<DayRowRecord>(
    `SELECT gid, day::text AS day, day_start, seconds, office_seconds, peak, people, hour_seconds, hour_peaks, hour_people
       FROM (${DAY_ROWS}) r`,
    [range.from, range.to, timeZone, [level], floorId, withHours],
  );
  return rows.map(toDayRow);
}

/** A day row as SQL answers it. */
export interface DayRowRecord {
  gid: string;
  day: string;
  day_start: Date | null;
  seconds: number;
  office_seconds: number;
  peak: number;
  people: number;
  hour_seconds: number[] | null;
  hour_peaks: number[] | null;
  hour_people: number[] | null;
}

export const toDayRow = (row: DayRowRecord): DayRow => ({
  gid: row.gid,
  day: row.day,
  seconds: row.seconds,
  officeSeconds: row.office_seconds,
  peak: row.peak,
  people: row.people,
  hours:
    row.day_start && row.hour_seconds && row.hour_peaks && row.hour_people
      ? { start: row.day_start, seconds: row.hour_seconds, peaks: row.hour_peaks, people: row.hour_people }
      : null,
});

/** At most this many days are rolled up in one transaction (PGlite answers nothing else meanwhile: about 0.3 s a day at 2,000 desks). */
const CHUNK_DAYS = 2;
/** Two services on one PostgreSQL roll a day up once: the second waits, then finds it done. */
const ROLLUP_LOCK = 7315;

/**
 * The office hours the sites have now, as one text: a day rolled up under other office hours is rolled up again
 * (as far as its sessions are still kept).
 */
async function officeKey(db: Queryable): Promise<string> {
  const [row] = await db.query<{ key: string }>(
    `SELECT coalesce(string_agg(hours, ';' ORDER BY hours), '') AS key
       FROM (SELECT DISTINCT office_start || '-' || office_end || ':' || array_to_string(office_days, ',') AS hours
               FROM sites) s`,
  );
  return row?.key ?? '';
}

/**
 * Rolls up the ended days in `from`…`to` not yet rolled up in `timeZone` under the sites' current office hours.
 * A day rolled up before is rolled up again only when its sessions are all still kept (after the day the
 * retention last deleted up to): otherwise its figures stay as they were, since the sessions behind them are gone.
 */
export async function rollUpEndedDays(db: Db, timeZone: string, range: { from: string; to: string }): Promise<void> {
  const key = await officeKey(db);
  const missing = await missingDays(db, timeZone, key, range);
  for (const chunk of chunksOfConsecutiveDays(missing)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
      const days = await missingDays(tx, timeZone, key, chunk);
      const [first] = days;
      if (first === undefined) return;
      const last = days.at(-1) ?? first;
      const [facts] = await tx.query<{ oldest: string | null; complete: string | null; done: string[] }>(
        `SELECT ((SELECT min(since) FROM desk_sessions) AT TIME ZONE $1)::date::text AS oldest,
                ((SELECT (value #>> '{}')::timestamptz FROM service_state WHERE key = 'history_complete_from')
                  AT TIME ZONE $1)::date::text AS complete,
                ARRAY(SELECT day::text FROM usage_days_done WHERE day BETWEEN $2::date AND $3::date) AS done`,
        [timeZone, first, last],
      );
      const oldest = facts?.oldest ?? null;
      const complete = facts?.complete ?? null;
      const done = new Set(facts?.done ?? []);
      const recompute = days.filter((day) => !done.has(day) || complete === null || day > complete);
      for (const run of chunksOfConsecutiveDays(recompute)) {
        await tx.query('DELETE FROM usage_days WHERE day BETWEEN $1::date AND $2::date', [run.from, run.to]);
        if (oldest === null || oldest > run.to) continue;
        await tx.query(
          `INSERT INTO usage_days (level, day, group_id, floor_id, seconds, office_seconds, peak, people, hour_seconds, hour_peaks, hour_people)
           SELECT level, day, gid, floor_id, seconds, office_seconds, peak, people,
                  CASE WHEN level = 'desk' THEN NULL ELSE hour_seconds END,
                  CASE WHEN level = 'desk' THEN NULL ELSE hour_peaks END,
                  CASE WHEN level = 'desk' THEN NULL ELSE hour_people END
             FROM (${DAY_ROWS}) r`,
          [run.from, run.to, timeZone, ['site', 'floor', 'zone', 'desk'], null, false],
        );
      }
      await tx.query(
        `INSERT INTO usage_days_done (day, time_zone, office_key)
         SELECT d::date, $3, $4 FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d
         ON CONFLICT (day) DO UPDATE SET time_zone = excluded.time_zone, office_key = excluded.office_key, done_at = now()`,
        [first, last, timeZone, key],
      );
    });
  }
}

/** The ended days of the range (before today in `timeZone`) not rolled up in that zone and office hours, oldest first. */
async function missingDays(
  db: Queryable,
  timeZone: string,
  key: string,
  range: { from: string; to: string },
): Promise<string[]> {
  const rows = await db.query<{ day: string }>(
    `SELECT d::date::text AS day
       FROM generate_series($1::date::timestamp, least($2::date, (now() AT TIME ZONE $3)::date - 1)::timestamp,
                            interval '1 day') d
      WHERE NOT EXISTS (SELECT 1 FROM usage_days_done u WHERE u.day = d::date AND u.time_zone = $3 AND u.office_key = $4)
      ORDER BY 1`,
    [range.from, range.to, timeZone, key],
  );
  return rows.map((row) => row.day);
}

/** Runs of consecutive days, each at most CHUNK_DAYS long. */
function chunksOfConsecutiveDays(days: readonly string[]): { from: string; to: string }[] {
  const chunks: { from: string; to: string; length: number }[] = [];
  for (const day of days) {
    const current = chunks.at(-1);
    if (current && current.length < CHUNK_DAYS && addDays(current.to, 1) === day) {
      current.to = day;
      current.length += 1;
    } else chunks.push({ from: day, to: day, length: 1 });
  }
  return chunks.map(({ from, to }) => ({ from, to }));
}
