import {
  MIN_GROUP_PEOPLE,
  type UtilisationGroupBy,
  type UtilisationInterval,
  type UtilisationResponse,
} from '../../contract/analytics.ts';
import type { Db, Queryable } from '../db/db.ts';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../contract/sites.ts';
import { DomainError } from '../lib/domain-error.ts';
import {
  addDays,
  isOfficeHour,
  localMoment,
  officeHoursBetween,
  weekdayOf,
  type LocalMoment,
} from '../../contract/office-hours.ts';
import { msg } from '../../i18n/message.ts';
import { liveDayRows, rollUpEndedDays, sourceLevel, toDayRow, type DayRow, type DayRowRecord } from './rollup.ts';

/**
 * Utilisation per group and local hour, day or week, in SQL that PGlite and PostgreSQL both run: read from the
 * day rollup (server/analytics/rollup.ts) for ended days and computed from the sessions for the current one. An
 * interval with a clock change has 23 or 25 hours. Desk-hours are the summed overlaps of sessions and interval;
 * the peak is the most desks of the group used at one moment (a day's peak is the highest of its hours', a
 * week's of its days'). People count towards the aggregate-only threshold per hour and per day; a week counts
 * its busiest day's people (a lower bound: a week shown has at least five people, whatever they did).
 */

/** The answer is a table a person reads: more cells than this are refused (narrow the range or group). */
export const MAX_CELLS = 50_000;

/** The intervals of the range, in order: a cell's index is its interval's position. */
const BUCKETS: Record<UtilisationInterval, string> = {
  // Local hours from local midnight, as instants: the fall-back day has 25 of them.
  hour: `SELECT g AS start_at, g + interval '1 hour' AS end_at
           FROM generate_series(($1::date::timestamp AT TIME ZONE $3),
                                (($2::date + 1)::timestamp AT TIME ZONE $3) - interval '1 hour', interval '1 hour') g`,
  day: `SELECT (d AT TIME ZONE $3) AS start_at, ((d + interval '1 day') AT TIME ZONE $3) AS end_at
          FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d`,
  // Weeks start on Monday (date_trunc's week).
  week: `SELECT (w AT TIME ZONE $3) AS start_at, ((w + interval '7 days') AT TIME ZONE $3) AS end_at
           FROM generate_series(date_trunc('week', $1::date::timestamp), $2::date::timestamp, interval '7 days') w`,
};

/** The current groups of a grouping: the rollup rows they read (`source`), their id, name and desks. */
const GROUPS: Record<UtilisationGroupBy, { source: string; id: string; name: string }> = {
  site: {
    source: `CASE WHEN $1::uuid IS NULL THEN coalesce(f.site_id::text, 'none') ELSE f.id::text END`,
    id: `coalesce(si.id::text, 'none')`,
    name: `coalesce(si.name, 'No site')`,
  },
  floor: {
    source: `coalesce(f.id::text, 'none')`,
    id: `coalesce(f.id::text, 'none')`,
    name: `coalesce(f.name, 'Not on a floor')`,
  },
  zone: {
    source: `coalesce(z.id::text, 'none:' || coalesce(f.id::text, 'none'))`,
    id: `coalesce(z.id::text, 'none:' || coalesce(f.id::text, 'none'))`,
    // Zones are drawn on floors: without a floor filter, the floor names the zone.
    name: `CASE WHEN $1::uuid IS NULL THEN coalesce(f.name, 'Not on a floor') || ' · ' ELSE '' END || coalesce(z.name, 'No zone')`,
  },
  desk: { source: `d.id::text`, id: `d.id::text`, name: `d.name` },
};

interface Cell {
  seconds: number;
  officeSeconds: number;
  peak: number;
  people: number;
}

/** Per source group, its used intervals by index. */
type Cells = Map<string, Map<number, Cell>>;

interface Query {
  from: string;
  to: string;
  groupBy: UtilisationGroupBy;
  interval: UtilisationInterval;
  floorId?: string | undefined;
}

interface GroupRecord {
  source: string;
  gid: string;
  gname: string;
  desks: number;
  office_start: number;
  office_end: number;
  office_days: number[];
  created_at: Date | null;
  /** When the group's desks created in the range were created: each counts its office hours from then on. */
  late: Date[];
}

export async function utilisation(
  db: Db,
  query: Query,
  timeZone: string,
  aggregateOnly: boolean,
): Promise<UtilisationResponse> {
  const floorId = query.floorId ?? null;
  const group = GROUPS[query.groupBy];
  const groups = await db.query<GroupRecord>(
    `SELECT ${group.source} AS source, ${group.id} AS gid, ${group.name} AS gname, count(*)::int AS desks,
            min(coalesce(si.office_start, ${DEFAULT_OFFICE_HOURS.start}))::int AS office_start,
            min(coalesce(si.office_end, ${DEFAULT_OFFICE_HOURS.end}))::int AS office_end,
            min(coalesce(si.office_days, '{${DEFAULT_OFFICE_HOURS.days.join(',')}}'::smallint[])::text)::int[] AS office_days,
            CASE WHEN $2 THEN min(d.created_at) END AS created_at,
            coalesce(array_agg(d.created_at) FILTER (WHERE d.created_at > ($3::date::timestamp AT TIME ZONE $4)), '{}') AS late
       FROM desks d LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites si ON si.id = f.site_id
       LEFT JOIN zones z ON z.id = d.zone_id
      WHERE $1::uuid IS NULL OR d.floor_id = $1::uuid
      GROUP BY 1, 2, 3 ORDER BY lower(${group.name}), 2`,
    [floorId, query.groupBy === 'desk', query.from, timeZone],
  );
  const buckets = await db.query<{ start_at: Date; end_at: Date }>(BUCKETS[query.interval], [
    query.from,
    query.to,
    timeZone,
  ]);
  const size = groups.length * buckets.length;
  if (size > MAX_CELLS) {
    throw new DomainError('invalid', 'bad_request', msg('api.utilisation.tooManyNumbers', { size }));
  }
  const office = new Map(groups.map((row) => [row.source, officeOf(row)] as const));
  const first = buckets[0]?.start_at ?? new Date(0);
  const cells = await usageCells(db, query, timeZone, floorId, first, office);
  const now = localMoment(new Date(), timeZone);
  const starts = buckets.map((bucket) => localMoment(bucket.start_at, timeZone));
  const lasts = buckets.map((bucket) => localMoment(new Date(bucket.end_at.getTime() - 1), timeZone));
  return {
    timeZone,
    aggregateOnly,
    rows: groups.flatMap((grouped) => {
      const hours = officeOf(grouped);
      // Desks created together (an import) count once per moment.
      const late = new Map<string, { moment: LocalMoment; desks: number }>();
      for (const created of grouped.late) {
        const moment = localMoment(created, timeZone);
        const key = `${moment.day} ${moment.hour.toFixed(2)}`;
        late.set(key, { moment, desks: (late.get(key)?.desks ?? 0) + 1 });
      }
      const deskHours = (from: string, to: string) =>
        (grouped.desks - grouped.late.length) * officeHoursBetween(from, to, hours, null, now) +
        [...late.values()].reduce(
          (sum, { moment, desks }) => sum + desks * officeHoursBetween(from, to, hours, moment, now),
          0,
        );
      return buckets.map((bucket, index) => {
        const cell = cells.get(grouped.source)?.get(index) ?? { seconds: 0, officeSeconds: 0, peak: 0, people: 0 };
        const suppressed = aggregateOnly && cell.people > 0 && cell.people < MIN_GROUP_PEOPLE;
        const occupied = cell.seconds / 3600;
        const start = starts[index] ?? now;
        let officeHours: number;
        let share: number | null;
        if (query.interval === 'hour') {
          officeHours = isOfficeHour(start, hours) ? grouped.desks : 0;
          const span = (bucket.end_at.getTime() - bucket.start_at.getTime()) / 3_600_000;
          share = grouped.desks > 0 ? occupied / (grouped.desks * span) : 0;
        } else {
          const from = start.day < query.from ? query.from : start.day;
          const last = lasts[index]?.day ?? start.day;
          officeHours = deskHours(from, last > query.to ? query.to : last);
          share = officeHours > 0 ? cell.officeSeconds / 3600 / officeHours : null;
        }
        return {
          groupId: grouped.gid,
          groupName: grouped.gname,
          start: bucket.start_at.toISOString(),
          end: bucket.end_at.toISOString(),
          desks: grouped.desks,
          officeHours: round(officeHours, 2),
          occupiedHours: suppressed ? null : round(occupied, 2),
          outsideHours: suppressed ? null : round((cell.seconds - cell.officeSeconds) / 3600, 2),
          peakOccupied: suppressed ? null : cell.peak,
          utilisation: suppressed || share === null ? null : round(share * 100, 1),
          suppressed,
          createdAt: grouped.created_at?.toISOString() ?? null,
        };
      });
    }),
  };
}

const officeOf = (row: GroupRecord): OfficeHours => ({
  start: row.office_start,
  end: row.office_end,
  days: row.office_days,
});

/**
 * The used cells: ended days from the rollup (rolled up first where missing), the current day from the sessions.
 * Desk hours are not rolled up (per desk and hour, a range is a day or two): always from the sessions.
 */
async function usageCells(
  db: Db,
  query: Query,
  timeZone: string,
  floorId: string | null,
  firstStart: Date,
  office: ReadonlyMap<string, OfficeHours>,
): Promise<Cells> {
  const level = sourceLevel(query.groupBy, floorId);
  const cells: Cells = new Map();
  const add = (gid: string, index: number, seconds: number, officeSeconds: number, peak: number, people: number) => {
    let row = cells.get(gid);
    if (!row) cells.set(gid, (row = new Map()));
    const cell = row.get(index);
    if (!cell) row.set(index, { seconds, officeSeconds, peak, people });
    else {
      cell.seconds += seconds;
      cell.officeSeconds += officeSeconds;
      cell.peak = Math.max(cell.peak, peak);
      cell.people = Math.max(cell.people, people);
    }
  };
  // Day and week cells count from the first interval's local day: `from`, or the Monday before it.
  const firstDay = query.interval === 'week' ? mondayOf(query.from) : query.from;
  const span = query.interval === 'week' ? 7 : 1;
  const addDayRows = (rows: readonly DayRow[]) => {
    for (const row of rows) {
      if (query.interval !== 'hour') {
        const index = Math.floor(daysBetween(firstDay, row.day) / span);
        add(row.gid, index, row.seconds, row.officeSeconds, row.peak, row.people);
        continue;
      }
      const hours = row.hours;
      if (!hours) continue;
      const offset = (hours.start.getTime() - firstStart.getTime()) / 3_600_000;
      const officeHours = office.get(row.gid) ?? DEFAULT_OFFICE_HOURS;
      hours.seconds.forEach((seconds, k) => {
        if (seconds <= 0) return;
        const open = isOfficeHour(localMoment(new Date(hours.start.getTime() + k * 3_600_000), timeZone), officeHours);
        add(row.gid, offset + k, seconds, open ? seconds : 0, hours.peaks[k] ?? 0, hours.people[k] ?? 0);
      });
    }
  };
  if (level === 'desk' && query.interval === 'hour') {
    addDayRows(await liveDayRows(db, query, timeZone, level, floorId, true));
    return cells;
  }
  const [{ today } = { today: query.to }] = await db.query<{ today: string }>(
    `SELECT ((now() AT TIME ZONE $1)::date)::text AS today`,
    [timeZone],
  );
  const lastEnded = query.to < today ? query.to : addDays(today, -1);
  if (query.from <= lastEnded) {
    const ended = { from: query.from, to: lastEnded };
    await rollUpEndedDays(db, timeZone, ended);
    if (query.interval === 'hour') addDayRows(await storedDayRows(db, ended, level, floorId));
    else {
      // One row per group with its intervals as arrays: PGlite hands over a few long rows faster than many.
      const summed = await db.query<{
        gid: string;
        i: number[];
        seconds: number[];
        office: number[];
        peak: number[];
        people: number[];
      }>(
        `SELECT gid, array_agg(i) AS i, array_agg(seconds) AS seconds, array_agg(office) AS office,
                array_agg(peak) AS peak, array_agg(people) AS people
           FROM (SELECT group_id AS gid, (day - $5::date) / $6::int AS i, sum(seconds)::float8 AS seconds,
                        sum(office_seconds)::float8 AS office, max(peak)::int AS peak, max(people)::int AS people
                   FROM usage_days
                  WHERE level = $1 AND day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR floor_id = $4::text)
                  GROUP BY 1, 2) cells
          GROUP BY gid`,
        [level, ended.from, ended.to, floorId, firstDay, span],
      );
      for (const row of summed) {
        row.i.forEach((index, n) =>
          add(row.gid, index, row.seconds[n] ?? 0, row.office[n] ?? 0, row.peak[n] ?? 0, row.people[n] ?? 0),
        );
      }
    }
  }
  if (query.from <= today && today <= query.to) {
    addDayRows(await liveDayRows(db, { from: today, to: today }, timeZone, level, floorId, query.interval === 'hour'));
  }
  return cells;
}

async function storedDayRows(
  db: Queryable,
  range: { from: string; to: string },
  level: UtilisationGroupBy,
  floorId: string | null,
): Promise<DayRow[]> {
  const rows = await db.query<DayRowRecord>(
    `SELECT u.group_id AS gid, u.day::text AS day, (u.day::timestamp AT TIME ZONE d.time_zone) AS day_start,
            u.seconds, u.office_seconds, u.peak, u.people, u.hour_seconds, u.hour_peaks, u.hour_people
       FROM usage_days u JOIN usage_days_done d ON d.day = u.day
      WHERE u.level = $1 AND u.day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR u.floor_id = $4::text)`,
    [level, range.from, range.to, floorId],
  );
  return rows.map(toDayRow);
}

/** The Monday on or before a local day (YYYY-MM-DD). */
function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
