import type { Booking, BookingState } from '../../contract/bookings.ts';
import { auditInsertPerRow, type AuditEntry } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';

/** The bookings table's SQL; the rules are in booking-service.ts. */

interface BookingRow {
  id: string;
  desk_id: string;
  desk_name: string;
  floor_id: string | null;
  floor_name: string | null;
  user_name: string;
  display_name: string;
  starts_at: Date;
  ends_at: Date;
  state: BookingState;
  confirm_from: Date;
  confirm_until: Date;
  booked_by: string;
  series_id: string | null;
}

const SELECT = `SELECT b.id::text AS id, b.desk_id::text AS desk_id, d.name AS desk_name, f.id::text AS floor_id,
    f.name AS floor_name, b.user_name, b.display_name, b.starts_at, b.ends_at, b.state, b.confirm_from,
    b.confirm_until, b.booked_by, b.series_id::text AS series_id
  FROM bookings b JOIN desks d ON d.id = b.desk_id LEFT JOIN floors f ON f.id = d.floor_id`;

/** The viewer sees whose booking it is (`full`) or only that the desk is taken (`anonymous`). */
export type BookingView = 'full' | 'anonymous';

export function toBooking(row: BookingRow, viewer: string, view: BookingView): Booking {
  const mine = row.user_name.toLowerCase() === viewer.toLowerCase();
  const named = mine || view === 'full';
  return {
    id: row.id,
    deskId: row.desk_id,
    deskName: row.desk_name,
    floorId: row.floor_id,
    floorName: row.floor_name,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    state: row.state,
    confirmFrom: row.confirm_from.toISOString(),
    confirmUntil: row.confirm_until.toISOString(),
    person: named ? { name: row.user_name, displayName: row.display_name } : null,
    mine,
    bookedBy: named ? row.booked_by : null,
    seriesId: row.series_id,
  };
}

export async function bookingsBetween(
  db: Queryable,
  range: { from: string; to: string; floorId?: string | undefined; onlyOf?: string | undefined },
): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `${SELECT} WHERE b.starts_at < $2 AND b.starts_at > $1::timestamptz - interval '1 day' AND b.ends_at > $1
       AND ($3::uuid IS NULL OR d.floor_id = $3::uuid)
       AND ($4::text IS NULL OR lower(b.user_name) = lower($4::text))
     ORDER BY b.starts_at, lower(d.name) LIMIT 5000`,
    [range.from, range.to, range.floorId ?? null, range.onlyOf ?? null],
  );
}

/** A person's bookings ending after `from`, oldest first. */
export async function bookingsOf(db: Queryable, userName: string, from: Date): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `${SELECT} WHERE lower(b.user_name) = lower($1) AND b.ends_at > $2 ORDER BY b.starts_at LIMIT 500`,
    [userName, from],
  );
}

export async function bookingById(db: Queryable, id: string): Promise<BookingRow | null> {
  const [row] = await db.query<BookingRow>(`${SELECT} WHERE b.id = $1::uuid`, [id]);
  return row ?? null;
}

export interface NewBooking {
  deskId: string;
  userName: string;
  displayName: string;
  start: string;
  end: string;
  confirmFrom: string;
  confirmUntil: string;
  bookedBy: string;
  seriesId: string | null;
}

/**
 * Inserts the booking unless the desk or the person is booked for any of its time (the exclusion constraints
 * decide, so that two instances cannot both succeed); answers its id, or null when it overlaps.
 */
export async function insertBooking(db: Queryable, booking: NewBooking, audit: AuditEntry): Promise<string | null> {
  const event = auditInsertPerRow(audit, 10, 'inserted');
  const [row] = await db.query<{ id: string }>(
    `WITH person AS (
       INSERT INTO booking_people (user_name) VALUES ($2)
       ON CONFLICT (lower(user_name)) DO UPDATE SET user_name = booking_people.user_name RETURNING id
     ), inserted AS (
       INSERT INTO bookings (desk_id, desk_key, person_id, user_name, display_name, starts_at, ends_at, confirm_from,
         confirm_until, booked_by, series_id)
       SELECT d.id, d.booking_key, person.id, $2, $3, $4, $5, $6, $7, $8, $9::uuid FROM desks d, person
       WHERE d.id = $1::uuid
       ON CONFLICT DO NOTHING RETURNING id
     ), audited AS (${event.sql})
     SELECT id::text AS id FROM inserted`,
    [
      booking.deskId,
      booking.userName,
      booking.displayName,
      booking.start,
      booking.end,
      booking.confirmFrom,
      booking.confirmUntil,
      booking.bookedBy,
      booking.seriesId,
      ...event.params,
    ],
  );
  return row?.id ?? null;
}

/** What overlaps a booking that could not be made: the desk's booking, or the person's own other one. */
export async function overlapping(
  db: Queryable,
  deskId: string,
  userName: string,
  start: string,
  end: string,
): Promise<{ desk: BookingRow | null; own: BookingRow | null }> {
  const rows = await db.query<BookingRow>(
    `${SELECT} WHERE b.state IN ('booked', 'confirmed') AND b.starts_at < $4 AND b.ends_at > $3
       AND (b.desk_id = $1::uuid OR lower(b.user_name) = lower($2)) ORDER BY b.starts_at`,
    [deskId, userName, start, end],
  );
  return {
    desk: rows.find((row) => row.desk_id === deskId && row.user_name.toLowerCase() !== userName.toLowerCase()) ?? null,
    own: rows.find((row) => row.user_name.toLowerCase() === userName.toLowerCase()) ?? null,
  };
}

/**
 * Confirms the person's booking of the desk whose window is open at `at` when they sit there already (a check-in
 * that found them at the desk, a booking made while sitting at it): no new session, so the trigger did not.
 */
export async function confirmSeated(
  db: Queryable,
  deskId: string,
  userName: string,
  at: Date,
  actor: string,
): Promise<number> {
  const rows = await db.query(
    `WITH confirmed AS (
       UPDATE bookings b SET state = 'confirmed', confirmed_at = $3
       WHERE b.desk_id = $1::uuid AND lower(b.user_name) = lower($2) AND b.state = 'booked'
         AND $3 >= b.confirm_from AND $3 < LEAST(b.confirm_until, b.ends_at)
         AND EXISTS (SELECT 1 FROM desk_sessions s WHERE s.desk_id = b.desk_id AND s.ended_at IS NULL
           AND lower(s.user_name) = lower(b.user_name))
       RETURNING b.id, b.user_name
     ), audited AS (
       INSERT INTO audit_events (actor, action, target, result, detail)
       SELECT $4, 'booking.confirm', id::text, 'ok', jsonb_build_object('user', user_name) FROM confirmed
     )
     SELECT id FROM confirmed`,
    [deskId, userName, at, actor],
  );
  return rows.length;
}

/** The booking of the desk still waiting for its person whose confirmation window is open at `at`. */
export async function bookingInWindow(db: Queryable, deskId: string, at: Date): Promise<{ userName: string } | null> {
  const [row] = await db.query<{ user_name: string }>(
    `SELECT user_name FROM bookings WHERE desk_id = $1::uuid AND state = 'booked' AND $2 >= confirm_from
       AND $2 < LEAST(confirm_until, ends_at) ORDER BY starts_at LIMIT 1`,
    [deskId, at],
  );
  return row ? { userName: row.user_name } : null;
}

/** A person's active bookings in the local week (Monday to Sunday) of `at`. */
export async function bookingsInWeek(db: Queryable, userName: string, at: string, timeZone: string): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM bookings WHERE lower(user_name) = lower($1) AND state IN ('booked', 'confirmed')
       AND date_trunc('week', starts_at AT TIME ZONE $3) = date_trunc('week', $2::timestamptz AT TIME ZONE $3)`,
    [userName, at, timeZone],
  );
  return row?.count ?? 0;
}

/** Cancels a booking still booked or confirmed; false when it no longer was. */
export async function cancelBookingRow(
  db: Queryable,
  id: string,
  by: string,
  at: Date,
  audit: AuditEntry,
): Promise<boolean> {
  const event = auditInsertPerRow(audit, 4, 'cancelled');
  const rows = await db.query(
    `WITH cancelled AS (
       UPDATE bookings SET state = 'cancelled', ended_at = $2, ended_by = $3
       WHERE id = $1::uuid AND state IN ('booked', 'confirmed') AND ends_at > $2 RETURNING id
     ), audited AS (${event.sql})
     SELECT id FROM cancelled`,
    [id, at, by, ...event.params],
  );
  return rows.length > 0;
}

/**
 * Moves a booking's end (still booked or confirmed, not over); 'taken' when the desk or the person is booked for
 * the time it would add (the exclusion constraints), 'gone' when the booking is no longer active.
 */
export async function changeBookingEnd(
  db: Queryable,
  id: string,
  end: string,
  now: Date,
  audit: AuditEntry,
): Promise<'changed' | 'taken' | 'gone'> {
  const event = auditInsertPerRow(audit, 4, 'changed');
  try {
    const rows = await db.query(
      `WITH changed AS (
         UPDATE bookings SET ends_at = $2, confirm_until = LEAST(confirm_until, $2), end_handled_at = NULL
         WHERE id = $1::uuid AND state IN ('booked', 'confirmed') AND ends_at > $3 RETURNING id
       ), audited AS (${event.sql})
       SELECT id FROM changed`,
      [id, end, now, ...event.params],
    );
    return rows.length > 0 ? 'changed' : 'gone';
  } catch (error) {
    if ((error as { code?: unknown }).code === '23P01') return 'taken';
    throw error;
  }
}

export interface SettledBooking {
  id: string;
  state: 'confirmed' | 'released';
  userName: string;
  deskId: string;
  floorId: string | null;
}

/**
 * Settles every booking whose confirmation window has closed: confirmed when its person was at the desk at some
 * time in the window (checked in before it and still there when it opened, say), else released. One statement with its audit events: a booking is settled
 * exactly once however many instances run this at the same time (the second finds it no longer booked).
 */
export async function settleDueBookings(db: Queryable, now: Date): Promise<SettledBooking[]> {
  return db.query<SettledBooking>(
    `WITH due AS (
       SELECT b.id, EXISTS (
         SELECT 1 FROM desk_sessions s WHERE s.desk_id = b.desk_id AND lower(s.user_name) = lower(b.user_name)
           AND s.since < LEAST(b.confirm_until, b.ends_at) AND (s.ended_at IS NULL OR s.ended_at > b.confirm_from)
       ) AS seated
       FROM bookings b WHERE b.state = 'booked' AND b.confirm_until <= $1
     ), settled AS (
       UPDATE bookings b SET
         state = CASE WHEN due.seated THEN 'confirmed' ELSE 'released' END,
         confirmed_at = CASE WHEN due.seated THEN $1::timestamptz END,
         ended_at = CASE WHEN due.seated THEN NULL ELSE $1::timestamptz END,
         ended_by = CASE WHEN due.seated THEN NULL ELSE 'service' END
       FROM due WHERE b.id = due.id AND b.state = 'booked'
       RETURNING b.id, b.state, b.user_name, b.desk_id, b.starts_at
     ), audited AS (
       INSERT INTO audit_events (actor, action, target, result, detail)
       SELECT 'service', CASE WHEN state = 'released' THEN 'booking.release' ELSE 'booking.confirm' END, id::text, 'ok',
         jsonb_build_object('user', user_name, 'deskId', desk_id, 'start', starts_at)
       FROM settled
     )
     SELECT settled.id::text AS id, settled.state, settled.user_name AS "userName", settled.desk_id::text AS "deskId",
       d.floor_id::text AS "floorId"
     FROM settled JOIN desks d ON d.id = settled.desk_id`,
    [now],
  );
}

/**
 * Claims the confirmed bookings that have ended (each once, whichever instance asks) and answers the desks whose
 * person still sits there, unless the same person's next booking of the desk goes on from its end.
 */
export async function claimEndedBookings(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ desk_id: string; seated: boolean; continued: boolean }>(
    `UPDATE bookings b SET end_handled_at = $1
     WHERE b.state = 'confirmed' AND b.end_handled_at IS NULL AND b.ends_at <= $1
     RETURNING b.desk_id::text AS desk_id,
       EXISTS (SELECT 1 FROM desk_sessions s WHERE s.desk_id = b.desk_id AND s.ended_at IS NULL
         AND lower(s.user_name) = lower(b.user_name)) AS seated,
       EXISTS (SELECT 1 FROM bookings n WHERE n.desk_id = b.desk_id AND n.id <> b.id
         AND lower(n.user_name) = lower(b.user_name) AND n.state IN ('booked', 'confirmed')
         AND n.starts_at <= b.ends_at AND n.ends_at > $1) AS continued`,
    [now],
  );
  return rows.filter((row) => row.seated && !row.continued).map((row) => row.desk_id);
}

/** Bookings that ended more than `days` ago are deleted (personal data kept as long as the check-in history). */
export async function purgeOldBookings(db: Queryable, now: Date, days: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM bookings WHERE ends_at < $1::timestamptz - make_interval(days => $2) RETURNING 1`,
    [now, days],
  );
  return rows.length;
}

/** Another person's booking of the desk from now or within `minutes`: what keeps a walk-in off the desk. */
export async function bookingAhead(
  db: Queryable,
  deskId: string,
  userName: string,
  at: Date,
  minutes: number,
): Promise<{ displayName: string; start: Date; end: Date } | null> {
  const [row] = await db.query<{ display_name: string; starts_at: Date; ends_at: Date }>(
    `SELECT display_name, starts_at, ends_at FROM bookings
     WHERE desk_id = $1::uuid AND state IN ('booked', 'confirmed') AND lower(user_name) <> lower($2)
       AND starts_at <= $3::timestamptz + make_interval(mins => $4) AND ends_at > $3
     ORDER BY starts_at LIMIT 1`,
    [deskId, userName, at, minutes],
  );
  return row ? { displayName: row.display_name, start: row.starts_at, end: row.ends_at } : null;
}

/** For each desk, whether it is booked (by someone else, or by `viewer`) for any of `from`…`to`. */
export async function deskBookingStates(
  db: Queryable,
  deskIds: readonly string[],
  viewer: string,
  range: { from: string; to: string },
): Promise<Map<string, 'booked' | 'mine'>> {
  const rows = await db.query<{ desk_id: string; mine: boolean }>(
    `SELECT desk_id::text AS desk_id, bool_or(lower(user_name) = lower($2)) AS mine FROM bookings
     WHERE desk_id = ANY($1::uuid[]) AND state IN ('booked', 'confirmed') AND starts_at < $4
       AND starts_at > $3::timestamptz - interval '1 day' AND ends_at > $3
     GROUP BY desk_id`,
    [deskIds, viewer, range.from, range.to],
  );
  return new Map(rows.map((row) => [row.desk_id, row.mine ? 'mine' : 'booked']));
}

/** How the bookings starting on the local days `from`…`to` went (of one floor, or all): aggregates only. */
export async function bookingFigures(
  db: Queryable,
  query: { from: string; to: string; floorId?: string | undefined },
  timeZone: string,
): Promise<Record<BookingState, number>> {
  const rows = await db.query<{ state: BookingState; count: number }>(
    `SELECT b.state, count(*)::int AS count FROM bookings b JOIN desks d ON d.id = b.desk_id
     WHERE (b.starts_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
       AND b.starts_at > ($1::date - 1)::timestamp AT TIME ZONE $3 AND b.starts_at < ($2::date + 2)::timestamp AT TIME ZONE $3
       AND ($4::uuid IS NULL OR d.floor_id = $4::uuid)
     GROUP BY b.state`,
    [query.from, query.to, timeZone, query.floorId ?? null],
  );
  const counts = { booked: 0, confirmed: 0, released: 0, cancelled: 0 };
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}
