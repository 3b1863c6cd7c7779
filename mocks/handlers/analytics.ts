import { http, HttpResponse } from 'msw';
import {
  MIN_GROUP_PEOPLE,
  utilisationCsv,
  utilisationQuerySchema,
  type UtilisationResponse,
  type UtilisationRow,
} from '../../contract/analytics.ts';
import type { Desk } from '../../contract/desks.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import { isOfficeHour, localMoment, officeHoursBetween, weekdayOf } from '../../contract/office-hours.ts';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../contract/sites.ts';
import type { MockOccupancyState } from './checkin.ts';
import type { MockDeskState } from './desks.ts';
import { msg } from '../../i18n/message.ts';
import { fail, sayMessage } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** A check-in session of the mock's history (ended) or of who sits somewhere now (`until` null). */
export interface MockSession {
  deskId: string;
  userName: string;
  since: Date;
  until: Date | null;
}

type Query = ReturnType<typeof utilisationQuerySchema.parse>;

const DAY = 86_400_000;
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** The intervals of the query, as instants, in the office's zone (a clock-change day has 23 or 25 hours). */
interface Bucket {
  start: Date;
  end: Date;
  /** A week's days. */
  days?: { start: Date; end: Date }[];
}

function buckets(query: Query, timeZone: string): Bucket[] {
  const midnight = (date: Date) =>
    zonedTimeToUtc(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 0);
  const [y1, m1, d1] = parts(query.from);
  const [y2, m2, d2] = parts(query.to);
  const first = new Date(Date.UTC(y1, m1 - 1, d1));
  const last = new Date(Date.UTC(y2, m2 - 1, d2));
  const result: Bucket[] = [];
  if (query.interval === 'hour') {
    const end = midnight(new Date(last.getTime() + DAY));
    for (let at = midnight(first).getTime(); at < end.getTime(); at += 3_600_000) {
      result.push({ start: new Date(at), end: new Date(at + 3_600_000) });
    }
    return result;
  }
  const step = query.interval === 'week' ? 7 : 1;
  // Weeks start on Monday, as in the service.
  const start = query.interval === 'week' ? new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY) : first;
  for (let day = start; day.getTime() <= last.getTime(); day = new Date(day.getTime() + step * DAY)) {
    const days = Array.from({ length: step }, (_, index) => new Date(day.getTime() + index * DAY)).map((first) => ({
      start: midnight(first),
      end: midnight(new Date(first.getTime() + DAY)),
    }));
    result.push({
      start: midnight(day),
      end: midnight(new Date(day.getTime() + step * DAY)),
      ...(step === 7 ? { days } : {}),
    });
  }
  return result;
}

function groupOf(
  desk: Desk,
  tables: MockDeskState,
  groupBy: Query['groupBy'],
  acrossFloors: boolean,
): { id: string; name: string } {
  const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
  if (groupBy === 'desk') return { id: desk.id, name: desk.name };
  if (groupBy === 'floor') return floor ? { id: floor.id, name: floor.name } : { id: 'none', name: 'Not on a floor' };
  if (groupBy === 'zone') {
    const zone = tables.zones.find((candidate) => candidate.id === desk.zoneId);
    const named = zone?.name ?? 'No zone';
    return {
      id: zone?.id ?? `none:${floor?.id ?? 'none'}`,
      name: acrossFloors ? `${floor?.name ?? 'Not on a floor'} · ${named}` : named,
    };
  }
  const site = tables.sites.find((candidate) => candidate.id === floor?.siteId);
  return site ? { id: site.id, name: site.name } : { id: 'none', name: 'No site' };
}

/** The office hours of a desk's site (the default without one). */
function officeOfDesk(deskId: string | undefined, tables: MockDeskState): OfficeHours {
  const desk = tables.desks.find((candidate) => candidate.id === deskId);
  const floor = tables.floors.find((candidate) => candidate.id === desk?.floorId);
  return tables.sites.find((candidate) => candidate.id === floor?.siteId)?.officeHours ?? DEFAULT_OFFICE_HOURS;
}

/** Desk-hours, people and the peak of sessions overlapping start…end (ms). */
function measure(sessions: readonly MockSession[], start: number, end: number, now: number) {
  const pieces = sessions
    .map((session) => ({
      user: session.userName,
      a: Math.max(session.since.getTime(), start),
      z: Math.min(session.until?.getTime() ?? now, end),
    }))
    .filter((piece) => piece.z > piece.a);
  const edges = pieces
    .flatMap((piece) => [
      { at: piece.a, delta: 1 },
      { at: piece.z, delta: -1 },
    ])
    .sort((x, y) => x.at - y.at || x.delta - y.delta);
  let level = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, (level += edge.delta));
  return {
    hours: pieces.reduce((sum, piece) => sum + (piece.z - piece.a), 0) / 3_600_000,
    people: new Set(pieces.map((piece) => piece.user)).size,
    peak,
  };
}

/** The service's utilisation, computed over the mock's sessions the same way (see server/analytics/utilisation.ts). */
export function mockUtilisation(
  query: Query,
  tables: MockDeskState,
  sessions: readonly MockSession[],
  timeZone: string,
  aggregateOnly: boolean,
): UtilisationResponse {
  const now = Date.now();
  const desks = tables.desks.filter((desk) => query.floorId === undefined || desk.floorId === query.floorId);
  const groups = new Map<string, { name: string; desks: Set<string> }>();
  for (const desk of desks) {
    const group = groupOf(desk, tables, query.groupBy, query.floorId === undefined);
    const entry = groups.get(group.id) ?? { name: group.name, desks: new Set<string>() };
    entry.desks.add(desk.id);
    groups.set(group.id, entry);
  }
  const rows: UtilisationRow[] = [];
  const ordered = [...groups].sort(([, a], [, b]) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const today = localMoment(new Date(now), timeZone);
  for (const [groupId, group] of ordered) {
    const mine = sessions.filter((session) => group.desks.has(session.deskId));
    const office = officeOfDesk([...group.desks][0], tables);
    for (const bucket of buckets(query, timeZone)) {
      const { hours, people, peak } = measure(mine, bucket.start.getTime(), bucket.end.getTime(), now);
      // A week counts its busiest day's people, as the service does.
      const counted = bucket.days
        ? Math.max(...bucket.days.map((day) => measure(mine, day.start.getTime(), day.end.getTime(), now).people))
        : people;
      const suppressed = aggregateOnly && counted > 0 && counted < MIN_GROUP_PEOPLE;
      const start = localMoment(bucket.start, timeZone);
      let officeHours: number;
      let inside: number;
      let share: number | null;
      if (query.interval === 'hour') {
        const open = isOfficeHour(start, office);
        officeHours = open ? group.desks.size : 0;
        inside = open ? hours : 0;
        share = group.desks.size > 0 ? hours / group.desks.size : 0;
      } else {
        const days = (bucket.days ?? [bucket]).map((day) => localMoment(day.start, timeZone).day);
        const inRange = days.filter((day) => day >= query.from && day <= query.to);
        const first = inRange[0];
        const last = inRange.at(-1);
        officeHours = first && last ? group.desks.size * officeHoursBetween(first, last, office, null, today) : 0;
        inside = inRange
          .filter((day) => office.days.includes(weekdayOf(day)))
          .reduce((sum, day) => {
            const [y, m, d] = parts(day);
            const open = zonedTimeToUtc(timeZone, y, m, d, office.start, 0).getTime();
            const close = zonedTimeToUtc(timeZone, y, m, d, office.end, 0).getTime();
            return sum + measure(mine, open, close, now).hours;
          }, 0);
        share = officeHours > 0 ? inside / officeHours : null;
      }
      rows.push({
        groupId,
        groupName: group.name,
        start: bucket.start.toISOString(),
        end: bucket.end.toISOString(),
        desks: group.desks.size,
        officeHours: Math.round(officeHours * 100) / 100,
        occupiedHours: suppressed ? null : Math.round(hours * 100) / 100,
        outsideHours: suppressed ? null : Math.round((hours - inside) * 100) / 100,
        peakOccupied: suppressed ? null : peak,
        utilisation: suppressed || share === null ? null : Math.round(share * 1000) / 10,
        suppressed,
        createdAt: null,
      });
    }
  }
  return { timeZone, aggregateOnly, rows };
}

/** Insights over the mock state: its session history plus whoever sits somewhere now. */
export function analyticsHandlers(
  state: MockApiState,
  tables: MockDeskState,
  occupancy: MockOccupancyState,
  baseUrl = '',
) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const answer = (url: URL) => {
    const parsed = utilisationQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success)
      return fail(400, 'bad_request', sayMessage(parsed.error.issues[0]?.message ?? msg('api.shared.invalidRange')));
    const sessions: MockSession[] = [
      ...occupancy.history,
      ...[...occupancy.occupants].map(([deskId, occupant]) => ({
        deskId,
        userName: occupant.name,
        since: new Date(occupant.since),
        until: null,
      })),
    ];
    const { timeZone } = occupancy.settings.autoLogout;
    return mockUtilisation(parsed.data, tables, sessions, timeZone, occupancy.settings.privacy.aggregateOnly);
  };
  return [
    http.get(api('/analytics/utilisation'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'analytics');
      if (refused) return refused;
      const result = answer(new URL(request.url));
      return result instanceof Response ? result : HttpResponse.json(result);
    }),
    http.get(api('/analytics/utilisation.csv'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'analytics');
      if (refused) return refused;
      const result = answer(new URL(request.url));
      if (result instanceof Response) return result;
      return new HttpResponse(utilisationCsv(result), {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="utilisation.csv"',
        },
      });
    }),
  ];
}
