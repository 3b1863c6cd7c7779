// `npm run bench` (bookings part): one floor's bookings for a day, and the free desks of a floor for a time, with
// 2,000 desks and a year of bookings, on the embedded PGlite (the default). Target: ≤ 100 ms each (median).
import { performance } from 'node:perf_hooks';
import { openPglite } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { bookingsBetween, deskBookingStates } from '../server/bookings/booking-store.ts';
import { median, ms, percentile } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const DESKS = 2000;
const FLOORS = 10;
const DAYS = 365;

const db = await openPglite(undefined);
await migrate(db);
const floorIds = (
  await db.query<{ id: string }>(
    `INSERT INTO floors (name) SELECT 'Floor ' || f FROM generate_series(1, $1::int) f RETURNING id::text AS id`,
    [FLOORS],
  )
).map((row) => row.id);
await db.query(
  `INSERT INTO desks (name, mac, floor_id)
   SELECT 'D-' || lpad(d::text, 4, '0'), '009033' || lpad(to_hex(d), 6, '0'), ($1::uuid[])[1 + d % $2::int]
     FROM generate_series(1, $3::int) d`,
  [floorIds, FLOORS, DESKS],
);
await db.query(`INSERT INTO booking_people (user_name) SELECT 'user' || p FROM generate_series(0, 2999) p`);
// A year back and two weeks ahead, weekdays: about two desks in three booked, 8:00 to 17:00, by a person each.
// Loaded as a restore would be: the exclusion constraints' indexes built once after the rows, not row by row.
const started = performance.now();
await db.exec(
  'ALTER TABLE bookings DROP CONSTRAINT bookings_desk_free; ALTER TABLE bookings DROP CONSTRAINT bookings_person_free',
);
await db.query(
  `INSERT INTO bookings (desk_id, desk_key, person_id, user_name, display_name, starts_at, ends_at, confirm_from,
     confirm_until, booked_by, state)
   SELECT id, booking_key, person, 'user' || (person - 1), 'Someone', day + interval '7 hours', day + interval '16 hours',
          day + interval '6 hours 45 minutes', day + interval '7 hours 30 minutes', 'user' || (person - 1),
          CASE WHEN day < now()::date THEN 'confirmed' ELSE 'booked' END
     FROM (SELECT d.id, d.booking_key, day, 1 + ((d.booking_key + extract(doy FROM day)::int * 7) % 3000) AS person
             FROM desks d CROSS JOIN generate_series(now()::date - $1::int, now()::date + 14, interval '1 day') day
            WHERE extract(isodow FROM day) < 6 AND abs(hashtext(d.id::text || day::text)) % 3 <> 0) AS planned`,
  [DAYS],
);
await db.exec(
  `ALTER TABLE bookings ADD CONSTRAINT bookings_desk_free EXCLUDE USING gist (
     int8range(desk_key, desk_key, '[]') WITH &&, tstzrange(starts_at, ends_at) WITH &&) WHERE (state IN ('booked', 'confirmed'));
   ALTER TABLE bookings ADD CONSTRAINT bookings_person_free EXCLUDE USING gist (
     int8range(person_id, person_id, '[]') WITH &&, tstzrange(starts_at, ends_at) WITH &&) WHERE (state IN ('booked', 'confirmed'));
   ANALYZE bookings`,
);
const [{ bookings } = { bookings: 0 }] = await db.query<{ bookings: number }>(
  'SELECT count(*)::int AS bookings FROM bookings',
);
console.log(`seeded ${bookings.toLocaleString('en')} bookings in ${ms(performance.now() - started)}`);

const floorId = floorIds[0] ?? '';
const today = new Date();
today.setUTCHours(0, 0, 0, 0);
const day = { from: today.toISOString(), to: new Date(today.getTime() + 86_400_000).toISOString() };
const deskIds = (
  await db.query<{ id: string }>('SELECT id::text AS id FROM desks WHERE floor_id = $1::uuid', [floorId])
).map((row) => row.id);

const cases = [
  {
    label: 'a floor’s bookings for a day (GET /bookings)',
    run: async () => (await bookingsBetween(db, { ...day, floorId })).length,
  },
  {
    label: 'free, booked or mine for a floor’s desks (GET /bookings/availability)',
    run: async () => (await deskBookingStates(db, deskIds, 'user1', day)).size,
  },
] as const;

console.log(
  `| query (${DESKS.toLocaleString('en')} desks, ${FLOORS} floors, a year of bookings) | rows | median | min–max |`,
);
console.log('| --- | --- | --- | --- |');
for (const { label, run } of cases) {
  const times: number[] = [];
  let rows = 0;
  for (let index = 0; index < RUNS; index += 1) {
    const begin = performance.now();
    rows = await run();
    times.push(performance.now() - begin);
  }
  console.log(
    `| ${label} | ${rows.toLocaleString('en')} | ${ms(median(times))} | ${ms(percentile(times, 0))}–${ms(percentile(times, 100))} |`,
  );
}
await db.close();
