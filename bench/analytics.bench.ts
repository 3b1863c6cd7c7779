// `npm run bench` (analytics part): utilisation over one year of check-in sessions for 2,000 desks, on the
// embedded PGlite (the default) — the same SQL PostgreSQL runs. Target: each query ≤ 300 ms (median).
import { performance } from 'node:perf_hooks';
import { openPglite } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { rollUpEndedDays } from '../server/analytics/rollup.ts';
import { utilisation } from '../server/analytics/utilisation.ts';
import { median, ms } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DESKS = 2000;
const FLOORS = 10;
const DAYS = 365;
const TIME_ZONE = 'Europe/Berlin';

const db = await openPglite(undefined);
await migrate(db);
const siteIds = (
  await db.query<{ id: string }>(
    `INSERT INTO sites (name, address) SELECT 'Site ' || s, 'Street ' || s FROM generate_series(1, 3) s RETURNING id::text AS id`,
  )
).map((row) => row.id);
const floorIds = (
  await db.query<{ id: string }>(
    `INSERT INTO floors (name, site_id) SELECT 'Floor ' || f, ($1::uuid[])[1 + f % 3] FROM generate_series(1, $2::int) f
     RETURNING id::text AS id`,
    [siteIds, FLOORS],
  )
).map((row) => row.id);
await db.query(
  `INSERT INTO desks (name, mac, floor_id, created_at)
   SELECT 'D-' || lpad(d::text, 4, '0'), '009033' || lpad(to_hex(d), 6, '0'), ($1::uuid[])[1 + d % $2::int],
          now() - ($4::int + 1) * interval '1 day'
     FROM generate_series(1, $3::int) d`,
  [floorIds, FLOORS, DESKS, DAYS],
);
const today = new Date();
const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);

// One year of weekdays: each desk taken on about two days in three, for four to nine hours from the morning.
const started = performance.now();
await db.query(
  `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
   SELECT d.id, d.mac, 'guid-' || (abs(hashtext(d.id::text || day::text)) % 3000),
          'user' || (abs(hashtext(d.id::text || day::text)) % 3000), 'Someone', 'desk', 'bench',
          day + interval '7 hours' + (abs(hashtext(d.name || day::text)) % 150) * interval '1 minute',
          day + interval '11 hours' + (abs(hashtext(d.name || day::text)) % 300) * interval '1 minute',
          'checked_out'
     FROM desks d CROSS JOIN generate_series(now()::date - $1::int, now()::date - 1, interval '1 day') day
    WHERE extract(isodow FROM day) < 6 AND abs(hashtext(d.id::text || day::text)) % 3 <> 0`,
  [DAYS],
);
// Today: two desks in three taken since some time in the last five hours, still open (computed live).
await db.query(
  `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since)
   SELECT d.id, d.mac, 'guid-' || (abs(hashtext(d.id::text)) % 3000), 'user' || (abs(hashtext(d.id::text)) % 3000),
          'Someone', 'desk', 'bench', now() - (1 + abs(hashtext(d.name)) % 300) * interval '1 minute'
     FROM desks d WHERE abs(hashtext(d.id::text)) % 3 <> 0`,
);
const [{ sessions } = { sessions: 0 }] = await db.query<{ sessions: number }>(
  'SELECT count(*)::int AS sessions FROM desk_sessions',
);
console.log(`seeded ${sessions.toLocaleString('en')} sessions in ${ms(performance.now() - started)}`);
// Once: every ended day of the year rolled up (the service does it hour by hour as days end).
const rolling = performance.now();
await rollUpEndedDays(db, TIME_ZONE, { from: day(365), to: day(1) });
console.log(`rolled up the year's days in ${ms(performance.now() - rolling)}`);

const cases = [
  { label: 'per floor by week, one year', query: { from: day(364), to: day(0), groupBy: 'floor', interval: 'week' } },
  { label: 'per site by day, one year', query: { from: day(364), to: day(0), groupBy: 'site', interval: 'day' } },
  { label: 'per site by hour, 4 weeks', query: { from: day(27), to: day(0), groupBy: 'site', interval: 'hour' } },
  { label: 'per desk by week, 8 weeks', query: { from: day(55), to: day(0), groupBy: 'desk', interval: 'week' } },
] as const;

console.log('| query | rows | median |');
console.log('| --- | --- | --- |');
for (const { label, query } of cases) {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const begin = performance.now();
    rows = (await utilisation(db, query, TIME_ZONE, true)).rows.length;
    times.push(performance.now() - begin);
  }
  console.log(`| ${label} | ${rows.toLocaleString('en')} | ${ms(median(times))} |`);
}
await db.close();
