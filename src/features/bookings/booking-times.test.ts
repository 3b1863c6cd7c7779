import { describe, expect, it } from 'vitest';
import { bookableDays, dayRange, slotOf, typedTime } from './booking-times.ts';

describe('booking times', () => {
  it('a whole day, a morning and an afternoon in the office’s zone, also across a clock change', () => {
    expect(slotOf({ day: '2026-12-08', part: 'day', from: '', to: '' }, 'Europe/Berlin')).toEqual({
      start: '2026-12-08T07:00:00.000Z',
      end: '2026-12-08T17:00:00.000Z',
    });
    expect(slotOf({ day: '2026-07-08', part: 'morning', from: '', to: '' }, 'Europe/Berlin')).toEqual({
      start: '2026-07-08T06:00:00.000Z',
      end: '2026-07-08T10:00:00.000Z',
    });
    expect(dayRange('2026-10-25', 'Europe/Berlin')).toEqual({
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
  });

  it('custom times as people type them; incomplete or backwards gives nothing to book', () => {
    expect(typedTime('7.30')).toBe('07:30');
    expect(typedTime('1715')).toBe('17:15');
    expect(typedTime('25:00')).toBeNull();
    expect(slotOf({ day: '2026-12-08', part: 'custom', from: '9', to: '12:00' }, 'UTC')).toBeNull();
    expect(slotOf({ day: '2026-12-08', part: 'custom', from: '14:00', to: '9:00' }, 'UTC')).toBeNull();
    expect(slotOf({ day: '2026-12-08', part: 'custom', from: '9:00', to: '24:00' }, 'UTC')).toEqual({
      start: '2026-12-08T09:00:00.000Z',
      end: '2026-12-09T00:00:00.000Z',
    });
  });

  it('offers today and the days of the horizon', () => {
    expect(bookableDays('2026-12-30', 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
});
