import { allows } from '../../contract/access.ts';
import type { SessionUser } from '../../contract/api.ts';
import type { Availability, AvailabilityQuery, BookableDesk } from '../../contract/bookings.ts';
import { isMember, neighbourhoodRefusal } from '../../contract/neighbourhoods.ts';
import { neighbourhoodsOfDesks } from '../neighbourhoods/neighbourhoods.ts';
import type { BookingDeps } from './booking-service.ts';
import { deskBookingStates } from './booking-store.ts';

/** The enabled desks of a floor (or whose name starts with `q`) and whether each is free for the time asked. */
export async function availability(
  deps: BookingDeps,
  viewer: SessionUser,
  query: AvailabilityQuery,
): Promise<Availability> {
  const LIMIT = 200;
  const desks = await deps.db.query<{
    id: string;
    name: string;
    floor_id: string | null;
    floor_name: string | null;
    occupied: boolean;
    bookable: boolean;
    x: number | null;
    y: number | null;
  }>(
    `SELECT d.id::text AS id, d.name, f.id::text AS floor_id, f.name AS floor_name, d.bookable, d.x, d.y,
       EXISTS (SELECT 1 FROM desk_sessions s WHERE s.desk_id = d.id AND s.ended_at IS NULL) AS occupied
     FROM desks d LEFT JOIN floors f ON f.id = d.floor_id
     WHERE d.enabled AND ($1::uuid IS NULL OR d.floor_id = $1::uuid) AND ($2 = '' OR lower(d.name) LIKE $3)
     ORDER BY lower(d.name) LIMIT ${LIMIT + 1}`,
    [query.floorId ?? null, query.q, `${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  );
  const listed = desks.slice(0, LIMIT);
  const staff = allows(viewer.roles, 'staff.read');
  const { bookings, autoLogout } = await deps.settings.get();
  const rules = await neighbourhoodsOfDesks(
    deps.db,
    listed.map((desk) => desk.id),
  );
  // Staff book for others (members too): no neighbourhood holds them back here.
  const groups =
    rules.size === 0 || allows(viewer.roles, 'people.checkin')
      ? null
      : ((await deps.pbx.findUser(viewer.name).catch(() => null))?.groups ?? []);
  const when = { start: new Date(query.from), now: new Date(deps.now()), timeZone: autoLogout.timeZone };
  const states = await deskBookingStates(
    deps.db,
    listed.map((desk) => desk.id),
    viewer.name,
    query,
  );
  const rows = listed.map((desk) => {
    const state = states.get(desk.id);
    const rule = rules.get(desk.id) ?? null;
    const member = rule !== null && (groups === null || isMember(groups, rule));
    // Where employees may not see others' bookings, a desk booked by someone else looks free (booking it says no).
    const status: BookableDesk['status'] =
      state === 'mine'
        ? 'mine'
        : !desk.bookable
          ? 'walk_in'
          : groups !== null && neighbourhoodRefusal(rule, groups, when)
            ? 'reserved'
            : state === 'booked' && (staff || bookings.showOthers)
              ? 'booked'
              : 'free';
    return {
      id: desk.id,
      name: desk.name,
      floorId: desk.floor_id,
      floorName: desk.floor_name,
      status,
      neighbourhood: rule ? { name: rule.name, member, othersFrom: rule.othersFrom } : null,
      x: desk.x,
      y: desk.y,
      occupiedNow: desk.occupied,
    };
  });
  // One's own neighbourhood first.
  rows.sort((a, b) => Number(b.neighbourhood?.member === true) - Number(a.neighbourhood?.member === true));
  return { desks: rows, truncated: desks.length > LIMIT };
}
