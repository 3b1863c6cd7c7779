import { seededRandom, type SimCompany } from '../mocks/pbx/demo-company.ts';
import { zonedTimeToUtc } from './checkin/local-time.ts';
import type { Queryable } from './db/db.ts';

/**
 * Eight weeks of plausible check-in history for the demo company, so that Insights shows something real on
 * first start: busy Tuesdays to Thursdays, quiet Fridays, nobody at weekends, arrivals between 7:30 and 10,
 * four to nine hours at the desk, and a few desks nobody ever uses. Deterministic for a given day.
 */
const WEEKDAY_SHARE = [0, 0.55, 0.78, 0.74, 0.66, 0.28, 0];
const WEEKS = 8;
const TIME_ZONE = 'Europe/Berlin';

export async function seedDemoHistory(
  db: Queryable,
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): Promise<number> {
  const random = seededRandom(Math.floor(now.getTime() / 86_400_000));
  const people = company.users.filter((user) => user.h323.startsWith('user'));
  const rows: { desk: string; mac: string; guid: string; name: string; cn: string; since: Date; until: Date }[] = [];
  for (let daysAgo = WEEKS * 7; daysAgo >= 1; daysAgo -= 1) {
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    const share = WEEKDAY_SHARE[day.getUTCDay()] ?? 0;
    for (const [index, desk] of desks.entries()) {
      // Every thirteenth desk stands in a corner nobody likes.
      if (index % 13 === 12 || random() >= share) continue;
      const person = people[Math.floor(random() * people.length)];
      if (!person) continue;
      const arrival = 450 + Math.floor(random() * 150);
      const since = zonedTimeToUtc(
        TIME_ZONE,
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        Math.floor(arrival / 60),
        arrival % 60,
      );
      const until = new Date(since.getTime() + (4 + random() * 5) * 3_600_000);
      rows.push({ desk: desk.id, mac: desk.mac, guid: person.guid, name: person.h323, cn: person.cn, since, until });
    }
  }
  if (rows.length === 0) return 0;
  await db.query(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
     SELECT u.desk_id, u.mac, u.guid, u.name, u.cn, 'desk', u.name, u.since, u.until, 'checked_out'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS u(desk_id, mac, guid, name, cn, since, until)`,
    [
      rows.map((row) => row.desk),
      rows.map((row) => row.mac),
      rows.map((row) => row.guid),
      rows.map((row) => row.name),
      rows.map((row) => row.cn),
      rows.map((row) => row.since),
      rows.map((row) => row.until),
    ],
  );
  return rows.length;
}
