import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastDailyDue } from './local-time.ts';

/**
 * The daily automatic logout's clock as properties, over zones with every kind of shift: an hour (Berlin,
 * New York), half an hour (Lord Howe), 45-minute offsets (Chatham), none (Kolkata, UTC), half-hour offsets
 * with DST (St. John's).
 */
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'America/St_Johns',
  'UTC',
];
/** Around the 2026 clock changes of those zones (± two days), where the interesting cases are; and any time. */
const CLOCK_CHANGES_2026 = [
  '2026-03-08T07:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-04-05T13:30:00Z',
  '2026-09-27T14:00:00Z',
  '2026-10-03T15:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-11-01T06:00:00Z',
].map((iso) => Date.parse(iso));
const instant = fc.oneof(
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }),
  fc
    .tuple(fc.constantFrom(...CLOCK_CHANGES_2026), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }))
    .map(([change, offset]) => new Date(change + offset)),
);
const wallTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

const clockIn = (zone: string, at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('the daily logout time', () => {
  it('is never in the future and at most a day (plus a shifted hour) ago', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), wallTime, (now, zone, hhmm) => {
        const due = lastDailyDue(now, zone, hhmm);
        expect(due.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime() - due.getTime()).toBeLessThan(25 * 3_600_000);
      }),
    );
  });

  it('shows the set time on the local clock, or the moment the clocks skipped it to', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), wallTime, (now, zone, hhmm) => {
        const shown = clockIn(zone, lastDailyDue(now, zone, hhmm));
        // A skipped time lands at most an hour later (the gap).
        const late = (minutes(shown) - minutes(hhmm) + 24 * 60) % (24 * 60);
        expect(late).toBeLessThanOrEqual(60);
        if (late > 0) expect(clockIn(zone, new Date(lastDailyDue(now, zone, hhmm).getTime() - 60_000))).not.toBe(hhmm);
      }),
    );
  });

  it('moves a time in Chatham’s gap on by the gap, as everywhere (found by the property above)', () => {
    // 27 Sep 2026 in Chatham (+12:45 → +13:45): 02:45 to 03:45 never happens, so 03:04 runs at 04:04.
    const due = lastDailyDue(new Date('2026-09-27T13:18:59.999Z'), 'Pacific/Chatham', '03:04');
    expect(clockIn('Pacific/Chatham', due)).toBe('04:04');
    expect(due.toISOString()).toBe('2026-09-26T14:19:00.000Z');
  });

  it('is its own last due time, and moves forward as time does', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.constantFrom(...zones),
        wallTime,
        (now, later, zone, hhmm) => {
          const due = lastDailyDue(now, zone, hhmm);
          expect(lastDailyDue(due, zone, hhmm)).toEqual(due);
          expect(lastDailyDue(new Date(now.getTime() + later), zone, hhmm).getTime()).toBeGreaterThanOrEqual(
            due.getTime(),
          );
        },
      ),
    );
  });
});
