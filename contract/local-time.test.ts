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

  it('moves a skipped time on by the gap, also where the clocks jump half an hour (Lord Howe)', () => {
    // 2026-10-04 on Lord Howe Island: 02:00 (+10:30) → 02:30 (+11). 02:15 does not exist; 02:45 follows it.
    const due = zonedTimeToUtc('Australia/Lord_Howe', 2026, 10, 4, 2, 15);
    expect(due.toISOString()).toBe('2026-10-03T15:45:00.000Z');
    expect(lastDailyDue(new Date('2026-10-03T16:00:00Z'), 'Australia/Lord_Howe', '02:15')).toEqual(due);
  });

  it('runs once on the day the clocks go back, though the time occurs twice (Berlin, 02:30)', () => {
    // 2026-10-25 in Berlin: 03:00 CEST → 02:00 CET; 02:00–03:00 local happens twice.
    const dues = new Set<string>();
    for (let at = Date.parse('2026-10-24T12:00:00Z'); at <= Date.parse('2026-10-26T12:00:00Z'); at += 5 * 60_000) {
      dues.add(lastDailyDue(new Date(at), 'Europe/Berlin', '02:30').toISOString());
    }
    // The 24th's, the 25th's once (not once per 02:30), the 26th's.
    expect([...dues].filter((due) => due.startsWith('2026-10-25'))).toHaveLength(1);
    expect(dues.size).toBe(3);
  });
});
