import { createHash, randomBytes } from 'node:crypto';
import { bookingsCalendar, calendarName, type CalendarLanguage } from '../../contract/booking-calendar.ts';
import type { Message } from '../../i18n/message.ts';
import type { BookingState } from '../../contract/bookings.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';

/**
 * Bookings in people's calendars: an `.ics` file per booking, and a private feed per person (a secret address
 * Outlook and Google Calendar subscribe to) with their bookings of the last month and those ahead. Times are
 * instants (UTC in the file): every calendar shows them in its own zone. A cancelled or released booking stays in
 * the feed for a month as cancelled, so that subscribed calendars remove it.
 */

interface CalendarRow {
  id: string;
  desk_name: string;
  floor_name: string | null;
  site_name: string | null;
  address: string | null;
  starts_at: Date;
  ends_at: Date;
  state: string;
  confirm_from: Date;
  confirm_until: Date;
  created_at: Date;
}

const SELECT = `SELECT b.id::text AS id, d.name AS desk_name, f.name AS floor_name, s.name AS site_name, s.address,
    b.starts_at, b.ends_at, b.state, b.confirm_from, b.confirm_until, b.created_at
  FROM bookings b JOIN desks d ON d.id = b.desk_id LEFT JOIN floors f ON f.id = d.floor_id
  LEFT JOIN sites s ON s.id = f.site_id`;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

function calendarOf(rows: readonly CalendarRow[], name: Message, language: CalendarLanguage): string {
  return bookingsCalendar(
    rows.map((row) => ({
      id: row.id,
      deskName: row.desk_name,
      where: [row.desk_name, row.floor_name, row.site_name].filter(Boolean).join(', '),
      address: row.address,
      start: row.starts_at,
      end: row.ends_at,
      made: row.created_at,
      state: row.state as BookingState,
      confirmFrom: row.confirm_from,
      confirmUntil: row.confirm_until,
    })),
    name,
    language,
  );
}

/** A weekly series' bookings still held, as one `.ics` file (one event per week). */
export async function seriesIcs(db: Queryable, seriesId: string, language: CalendarLanguage): Promise<string> {
  const rows = await db.query<CalendarRow>(
    `${SELECT} WHERE b.series_id = $1::uuid AND b.state IN ('booked', 'confirmed') ORDER BY b.starts_at`,
    [seriesId],
  );
  return calendarOf(rows, calendarName(rows[0]?.desk_name ?? ''), language);
}

/** One booking as an `.ics` file; null when there is none by that id. */
export async function bookingIcs(
  db: Queryable,
  id: string,
  language: CalendarLanguage,
): Promise<{ ics: string; userName: string } | null> {
  const [row] = await db.query<CalendarRow & { user_name: string }>(
    `${SELECT.replace('SELECT ', 'SELECT b.user_name, ')} WHERE b.id = $1::uuid`,
    [id],
  );
  return row ? { ics: calendarOf([row], calendarName(row.desk_name), language), userName: row.user_name } : null;
}

/** The person's feed by its secret; null for a secret that is not (or no longer) one. */
export async function calendarFeed(
  db: Queryable,
  secret: string,
  now: Date,
  language: CalendarLanguage,
): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const [person] = await db.query<{ user_name: string }>(
    'SELECT user_name FROM booking_people WHERE calendar_hash = $1',
    [hashOf(secret)],
  );
  if (!person) return null;
  const rows = await db.query<CalendarRow>(
    `${SELECT} WHERE lower(b.user_name) = lower($1) AND b.ends_at > $2::timestamptz - interval '31 days'
     ORDER BY b.starts_at LIMIT 2000`,
    [person.user_name, now],
  );
  return calendarOf(rows, calendarName(null), language);
}

/** Makes (or replaces) the person's feed secret; the old address stops working. Answers the new secret. */
export async function renewCalendarFeed(db: Queryable, userName: string, now: Date): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO booking_people (user_name, calendar_hash, calendar_created_at) VALUES ($1, $2, $3)
     ON CONFLICT (lower(user_name)) DO UPDATE SET calendar_hash = EXCLUDED.calendar_hash,
       calendar_created_at = EXCLUDED.calendar_created_at`,
    [userName, hashOf(secret), now],
  );
  await recordAudit(db, { actor: userName, action: 'calendar.renew', result: 'ok' });
  return secret;
}

/** When the person's current feed address was made; null without one. */
export async function calendarFeedSince(db: Queryable, userName: string): Promise<Date | null> {
  const [row] = await db.query<{ calendar_created_at: Date | null }>(
    'SELECT calendar_created_at FROM booking_people WHERE lower(user_name) = lower($1)',
    [userName],
  );
  return row?.calendar_created_at ?? null;
}

/** Stops the feed: its address answers 404 from now on. */
export async function stopCalendarFeed(db: Queryable, userName: string): Promise<void> {
  await db.query(
    'UPDATE booking_people SET calendar_hash = NULL, calendar_created_at = NULL WHERE lower(user_name) = lower($1)',
    [userName],
  );
  await recordAudit(db, { actor: userName, action: 'calendar.stop', result: 'ok' });
}
