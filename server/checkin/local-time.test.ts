import { describe, expect, it } from 'vitest';
import { lastDailyDue, zonedTimeToUtc } from './local-time.ts';

describe('local time for the daily logout', () => {
  it('converts a Berlin wall-clock time to UTC in winter and in summer', () => {
    expect(zonedTimeToUtc('Europe/Berlin', 2026, 1, 15, 19, 0).toISOString()).toBe('2026-01-15T18:00:00.000Z');
    expect(zonedTimeToUtc('Europe/Berlin', 2026, 7, 15, 19, 0).toISOString()).toBe('2026-07-15T17:00:00.000Z');
    expect(zonedTimeToUtc('America/New_York', 2026, 11, 22, 6, 30).toISOString()).toBe('2026-11-22T11:30:00.000Z');
  });

  it('finds the latest due time at or before now', () => {
    const tz = 'Europe/Berlin';
    expect(lastDailyDue(new Date('2026-11-22T17:59:00Z'), tz, '19:00').toISOString()).toBe('2026-11-21T18:00:00.000Z');
    expect(lastDailyDue(new Date('2026-11-22T18:00:00Z'), tz, '19:00').toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(lastDailyDue(new Date('2026-11-22T23:30:00Z'), tz, '00:15').toISOString()).toBe('2026-11-22T23:15:00.000Z');
  });

  it('handles the day clocks go forward', () => {
    // 2026-03-29 in Berlin: 02:00 → 03:00. 02:30 does not exist; the instant after the gap is used.
    expect(zonedTimeToUtc('Europe/Berlin', 2026, 3, 29, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
