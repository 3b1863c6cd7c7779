import { describe, expect, it } from 'vitest';
import { isOfficeHour, localMoment, officeHoursBetween } from './office-hours.ts';
import { DEFAULT_OFFICE_HOURS } from './sites.ts';

const berlin = (iso: string) => localMoment(new Date(iso), 'Europe/Berlin');

describe('office hours', () => {
  it('reads an instant on the office’s clock, across a clock change', () => {
    expect(berlin('2026-03-29T00:30:00Z')).toEqual({ day: '2026-03-29', hour: 1.5, weekday: 7 });
    expect(berlin('2026-03-29T01:30:00Z')).toEqual({ day: '2026-03-29', hour: 3.5, weekday: 7 });
    expect(isOfficeHour(berlin('2026-11-02T07:00:00Z'), DEFAULT_OFFICE_HOURS)).toBe(true);
    expect(isOfficeHour(berlin('2026-11-02T17:00:00Z'), DEFAULT_OFFICE_HOURS)).toBe(false);
    expect(isOfficeHour(berlin('2026-11-07T09:00:00Z'), DEFAULT_OFFICE_HOURS)).toBe(false);
  });

  it('counts the open hours of a range, from a desk’s creation and up to now', () => {
    const later = berlin('2030-01-01T00:00:00Z');
    // Monday 2 to Sunday 8 November: five days of ten hours.
    expect(officeHoursBetween('2026-11-02', '2026-11-08', DEFAULT_OFFICE_HOURS, null, later)).toBe(50);
    // Created on Wednesday at 12:30: 5.5 hours that day, then Thursday and Friday.
    expect(
      officeHoursBetween('2026-11-02', '2026-11-08', DEFAULT_OFFICE_HOURS, berlin('2026-11-04T11:30:00Z'), later),
    ).toBe(25.5);
    // Now is Tuesday 10:15: Monday and 2.25 hours of Tuesday.
    expect(
      officeHoursBetween('2026-11-02', '2026-11-08', DEFAULT_OFFICE_HOURS, null, berlin('2026-11-03T09:15:00Z')),
    ).toBe(12.25);
  });
});
