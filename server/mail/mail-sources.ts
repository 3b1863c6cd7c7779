import { addDays } from '../../contract/office-hours.ts';
import { bookingFigures } from '../bookings/booking-store.ts';
import type { Queryable } from '../db/db.ts';
import type { BookingFacts, DayFigures } from './compose.ts';

/** The SQL that finds what is to be mailed (mail-rounds.ts decides what each becomes). */

export interface AuditMailEvent {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
}

const MAILED_ACTIONS = [
  'booking.create',
  'booking.change',
  'booking.cancel',
  'booking.release',
  'occupancy.force_logout',
];

/**
 * The audit events that call for mail, from the cursor on (looking `lookBackMs` further back, where a transaction
 * may have committed late); moves the cursor on. Upgrades start the cursor at the migration: nothing old is mailed.
 */
export async function newAuditEvents(db: Queryable, lookBackMs: number): Promise<AuditMailEvent[]> {
  const [cursor] = await db.query<{ scanned_until: Date; now: Date }>(
    'SELECT scanned_until, now() AS now FROM mail_cursor WHERE id = 1',
  );
  if (!cursor) return [];
  const rows = await db.query<AuditMailEvent>(
    `SELECT id::text AS id, at, actor, action, target, detail FROM audit_events
     WHERE at > $1 AND action = ANY($2::text[]) AND result = 'ok' ORDER BY at, id LIMIT 2000`,
    [new Date(cursor.scanned_until.getTime() - lookBackMs), MAILED_ACTIONS],
  );
  const last = rows.at(-1);
  const until = rows.length === 2000 && last ? last.at : cursor.now;
  await db.query('UPDATE mail_cursor SET scanned_until = GREATEST(scanned_until, $1) WHERE id = 1', [until]);
  return rows;
}

export interface MailBooking extends BookingFacts {
  id: string;
  userName: string;
  seriesId: string | null;
  /** The weeks of its series still booked (the booking alone when none). */
  weeks: number;
}

/** A booking with what a message says of it. */
export async function mailBooking(db: Queryable, id: string): Promise<MailBooking | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.query<{
    id: string;
    user_name: string;
    display_name: string;
    desk_name: string;
    floor_name: string | null;
    site_name: string | null;
    address: string | null;
    starts_at: Date;
    ends_at: Date;
    confirm_from: Date;
    confirm_until: Date;
    series_id: string | null;
    weeks: number;
  }>(
    `SELECT b.id::text AS id, b.user_name, b.display_name, d.name AS desk_name, f.name AS floor_name,
       s.name AS site_name, s.address, b.starts_at, b.ends_at, b.confirm_from, b.confirm_until,
       b.series_id::text AS series_id,
       (SELECT count(*)::int FROM bookings o WHERE o.series_id = b.series_id AND o.state IN ('booked', 'confirmed')) AS weeks
     FROM bookings b JOIN desks d ON d.id = b.desk_id LEFT JOIN floors f ON f.id = d.floor_id
     LEFT JOIN sites s ON s.id = f.site_id WHERE b.id = $1::uuid`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name,
    deskName: row.desk_name,
    where: [row.desk_name, row.floor_name, row.site_name].filter(Boolean).join(', '),
    address: row.address === '' ? null : row.address,
    start: row.starts_at,
    end: row.ends_at,
    confirmFrom: row.confirm_from,
    confirmUntil: row.confirm_until,
    seriesId: row.series_id,
    weeks: row.series_id === null ? 1 : row.weeks,
  };
}

/**
 * Bookings still booked whose check-in window opens within `minutes` (and has not opened yet), made before their
 * reminder was due: someone who books for in ten minutes needs no reminder.
 */
export async function remindersDue(db: Queryable, now: Date, minutes: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT b.id::text AS id FROM bookings b
     WHERE b.state = 'booked' AND b.starts_at > $1::timestamptz - interval '1 day'
       AND b.starts_at <= $1::timestamptz + make_interval(mins => $2 + 1440)
       AND b.confirm_from > $1 AND b.confirm_from - make_interval(mins => $2) <= $1
       AND b.created_at <= b.confirm_from - make_interval(mins => $2)
     ORDER BY b.confirm_from LIMIT 1000`,
    [now, minutes],
  );
  return rows.map((row) => row.id);
}

/** How the desks were used on the office's day `day`. */
export async function dayFigures(db: Queryable, day: string, timeZone: string): Promise<DayFigures> {
  const [use] = await db.query<{ checkins: number; people: number; desks_used: number; desks: number }>(
    `SELECT count(*)::int AS checkins, count(DISTINCT lower(user_name))::int AS people,
       count(DISTINCT desk_id)::int AS desks_used, (SELECT count(*)::int FROM desks WHERE enabled) AS desks
     FROM desk_sessions WHERE since >= ($1::date)::timestamp AT TIME ZONE $3
       AND since < ($2::date)::timestamp AT TIME ZONE $3`,
    [day, addDays(day, 1), timeZone],
  );
  const bookings = await bookingFigures(db, { from: day, to: day }, timeZone);
  return {
    day,
    checkins: use?.checkins ?? 0,
    people: use?.people ?? 0,
    desksUsed: use?.desks_used ?? 0,
    desks: use?.desks ?? 0,
    bookings: bookings.booked + bookings.confirmed + bookings.released + bookings.cancelled,
    confirmed: bookings.confirmed,
    released: bookings.released,
  };
}
