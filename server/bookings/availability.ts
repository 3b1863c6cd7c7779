import { allows } from '../../contract/access.ts';
import type { SessionUser } from '../../contract/api.ts';
import type { Availability, AvailabilityQuery } from '../../contract/bookings.ts';
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
  }>(
    `SELECT d.id::text AS id, d.name, f.id::text AS floor_id, f.name AS floor_name,
       EXISTS (SELECT 1 FROM desk_sessions s WHERE s.desk_id = d.id AND s.ended_at IS NULL) AS occupied
     FROM desks d LEFT JOIN floors f ON f.id = d.floor_id
     WHERE d.enabled AND ($1::uuid IS NULL OR d.floor_id = $1::uuid) AND ($2 = '' OR lower(d.name) LIKE $3)
     ORDER BY lower(d.name) LIMIT ${LIMIT + 1}`,
    [query.floorId ?? null, query.q, `${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  );
  const listed = desks.slice(0, LIMIT);
  const staff = allows(viewer.roles, 'staff.read');
  const { bookings } = await deps.settings.get();
  const states = await deskBookingStates(
    deps.db,
    listed.map((desk) => desk.id),
    viewer.name,
    query,
  );
  return {
    desks: listed.map((desk) => {
      const state = states.get(desk.id);
      // Where employees may not see others' bookings, a desk booked by someone else looks free (booking it says no).
      const status =
        state === 'mine' ? 'mine' : state === 'booked' && (staff || bookings.showOthers) ? 'booked' : 'free';
      return {
        id: desk.id,
        name: desk.name,
        floorId: desk.floor_id,
        floorName: desk.floor_name,
        status,
        occupiedNow: desk.occupied,
      };
    }),
    truncated: desks.length > LIMIT,
  };
}
