import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationWindow } from '../../contract/booking-rules.ts';
import { defaultSettings } from '../../contract/settings.ts';
import { createDataTarget, openTarget, type DataTarget } from '../../test/service-harness.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { cancelBookingRow, insertBooking, settleDueBookings } from './booking-store.ts';

/**
 * Any sequence of bookings, cancellations, check-ins, check-outs and time passing keeps the booking invariants, as
 * the database holds them (the constraints, the check-in trigger, the settling round): never two active bookings
 * of one desk or one person at once; a confirmed booking has its person checked in there in its window; a released
 * one had nobody of its person there in it; a booking that ended (cancelled, released) never becomes active again.
 */

const DESKS = 3;
const PEOPLE = 3;
const SLOT = 30 * 60_000;
const T0 = Date.parse('2026-12-08T07:00:00Z');

type Step =
  | { kind: 'book'; desk: number; person: number; slot: number; length: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'checkin'; desk: number; person: number }
  | { kind: 'checkout'; person: number }
  | { kind: 'wait'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    desk: fc.nat(DESKS - 1),
    person: fc.nat(PEOPLE - 1),
    slot: fc.nat(12),
    length: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('checkin' as const), desk: fc.nat(DESKS - 1), person: fc.nat(PEOPLE - 1) }),
  fc.record({ kind: fc.constant('checkout' as const), person: fc.nat(PEOPLE - 1) }),
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 90 }) }),
);

let data: DataTarget;
let db: Db;
const deskIds: string[] = [];

beforeAll(async () => {
  data = await createDataTarget();
  db = await openTarget(data);
  await migrate(db);
  for (let index = 0; index < DESKS; index += 1) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO desks (name, mac) VALUES ($1, $2) RETURNING id::text AS id`,
      [`P-${index}`, `0090330f000${index}`],
    );
    if (row) deskIds.push(row.id);
  }
});

afterAll(async () => {
  await db.close();
  await data.dispose();
});

async function apply(action: Step, now: number): Promise<number> {
  const person = (index: number) => `person${index}`;
  const at = new Date(now);
  switch (action.kind) {
    case 'book': {
      const start = new Date(T0 + action.slot * SLOT).toISOString();
      const end = new Date(T0 + (action.slot + action.length) * SLOT).toISOString();
      const window = confirmationWindow({ start, end }, defaultSettings.bookings);
      await insertBooking(
        db,
        {
          deskId: deskIds[action.desk] ?? '',
          userName: person(action.person),
          displayName: person(action.person),
          start,
          end,
          confirmFrom: window.start,
          confirmUntil: window.end,
          bookedBy: person(action.person),
          seriesId: null,
        },
        { actor: person(action.person), action: 'booking.create', result: 'ok' },
      );
      return now;
    }
    case 'cancel': {
      const ids = await db.query<{ id: string }>('SELECT id::text AS id FROM bookings ORDER BY created_at, id');
      const chosen = ids[action.pick % Math.max(1, ids.length)];
      if (chosen)
        await cancelBookingRow(db, chosen.id, 'someone', at, {
          actor: 'someone',
          action: 'booking.cancel',
          result: 'ok',
        });
      return now;
    }
    case 'checkin': {
      // As the service: the desk's open session and the person's others end; the new one starts (the trigger confirms).
      const deskId = deskIds[action.desk] ?? '';
      await db.query(
        `UPDATE desk_sessions SET ended_at = $3, end_reason = 'moved'
         WHERE ended_at IS NULL AND (desk_id = $1::uuid OR user_name = $2)`,
        [deskId, person(action.person), at],
      );
      await db.query(
        `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since)
         VALUES ($1::uuid, 'mac', $2, $2, $2, 'desk', $2, $3)`,
        [deskId, person(action.person), at],
      );
      return now;
    }
    case 'checkout':
      await db.query(
        `UPDATE desk_sessions SET ended_at = $2, end_reason = 'checked_out' WHERE ended_at IS NULL AND user_name = $1`,
        [person(action.person), at],
      );
      return now;
    case 'wait': {
      const later = now + action.minutes * 60_000;
      await settleDueBookings(db, new Date(later));
      return later;
    }
  }
}

async function invariantsHold(history: Map<string, string>): Promise<void> {
  const overlapping = await db.query(
    `SELECT 1 FROM bookings a JOIN bookings b ON a.id < b.id
     WHERE a.state IN ('booked', 'confirmed') AND b.state IN ('booked', 'confirmed')
       AND (a.desk_id = b.desk_id OR a.user_name = b.user_name)
       AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
  );
  expect(overlapping).toEqual([]);
  const sessionIn = `EXISTS (SELECT 1 FROM desk_sessions s WHERE s.desk_id = b.desk_id AND s.user_name = b.user_name
      AND s.since < LEAST(b.confirm_until, b.ends_at) AND (s.ended_at IS NULL OR s.ended_at > b.confirm_from))`;
  const unconfirmed = await db.query(`SELECT b.id FROM bookings b WHERE b.state = 'confirmed' AND NOT ${sessionIn}`);
  expect(unconfirmed).toEqual([]);
  const wronglyReleased = await db.query(`SELECT b.id FROM bookings b WHERE b.state = 'released' AND ${sessionIn}`);
  expect(wronglyReleased).toEqual([]);
  for (const row of await db.query<{ id: string; state: string }>('SELECT id::text AS id, state FROM bookings')) {
    const before = history.get(row.id);
    if (before === 'cancelled' || before === 'released') expect(row.state).toBe(before);
    history.set(row.id, row.state);
  }
}

describe('bookings, as a property', () => {
  it('keep their invariants through any sequence of bookings, cancellations, check-ins and time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        await db.exec('DELETE FROM bookings; DELETE FROM desk_sessions; DELETE FROM audit_events');
        const history = new Map<string, string>();
        let now = T0 - 20 * 60_000;
        for (const action of steps) {
          now = await apply(action, now);
          await invariantsHold(history);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});
