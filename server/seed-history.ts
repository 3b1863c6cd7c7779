import type { SimCompany } from '../sim/demo-company.ts';
import { randomUUID } from 'node:crypto';
import { defaultSettings } from '../contract/settings.ts';
import { demoBookings } from '../sim/demo-bookings.ts';
import { demoHistory } from '../sim/demo-history.ts';
import type { Queryable } from './db/db.ts';

/** Writes the demo company's eight weeks of check-in history (sim/demo-history.ts) as ended sessions. */
export async function seedDemoHistory(
  db: Queryable,
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): Promise<number> {
  const rows = demoHistory(company, desks, now);
  if (rows.length === 0) return 0;
  await db.query(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
     SELECT u.desk_id, u.mac, u.guid, u.name, u.cn, 'desk', u.name, u.since, u.until, 'checked_out'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS u(desk_id, mac, guid, name, cn, since, until)`,
    [
      rows.map((row) => row.deskId),
      rows.map((row) => row.mac),
      rows.map((row) => row.guid),
      rows.map((row) => row.userName),
      rows.map((row) => row.displayName),
      rows.map((row) => row.since),
      rows.map((row) => row.until),
    ],
  );
  // The desks stood there before their history began (Insights count a desk's office hours from its creation).
  await db.query(
    `UPDATE desks SET created_at = (SELECT min(since) FROM desk_sessions WHERE desk_id = ANY($1::uuid[]))
      WHERE id = ANY($1::uuid[])`,
    [desks.map((desk) => desk.id)],
  );
  return rows.length;
}

/** Writes the demo company's bookings (sim/demo-bookings.ts), with the default confirmation window. */
export async function seedDemoBookings(
  db: Queryable,
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): Promise<number> {
  const rows = demoBookings(company, desks, now);
  if (rows.length === 0) return 0;
  const { confirmBeforeMinutes, confirmAfterMinutes } = defaultSettings.bookings;
  const series = new Map(rows.flatMap((row) => (row.series ? [[row.series, randomUUID()] as const] : [])));
  await db.query(`INSERT INTO booking_people (user_name) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
    rows.map((row) => row.userName),
  ]);
  await db.query(
    `INSERT INTO bookings (desk_id, desk_key, person_id, user_name, display_name, starts_at, ends_at, confirm_from,
       confirm_until, booked_by, series_id)
     SELECT d.id, d.booking_key, p.id, u.name, u.cn, u.starts_at, u.ends_at,
       u.starts_at - make_interval(mins => $7), LEAST(u.starts_at + make_interval(mins => $8), u.ends_at), u.name, u.series
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::uuid[])
       AS u(desk_id, name, cn, starts_at, ends_at, series)
     JOIN desks d ON d.id = u.desk_id JOIN booking_people p ON lower(p.user_name) = lower(u.name)`,
    [
      rows.map((row) => row.deskId),
      rows.map((row) => row.userName),
      rows.map((row) => row.displayName),
      rows.map((row) => row.start),
      rows.map((row) => row.end),
      rows.map((row) => (row.series ? (series.get(row.series) ?? null) : null)),
      confirmBeforeMinutes,
      confirmAfterMinutes,
    ],
  );
  return rows.length;
}
