import { zonedTimeToUtc } from '../../../contract/local-time.ts';
import { addDays, localMoment } from '../../../contract/office-hours.ts';
import { DEFAULT_OFFICE_HOURS } from '../../../contract/sites.ts';

/** The parts of a day a person books, in the office's time zone. */
export type DayPart = 'day' | 'morning' | 'afternoon' | 'custom';

/** The office's calendar day of an instant. */
export const officeDay = (instant: Date | number, timeZone: string): string =>
  localMoment(new Date(instant), timeZone).day;

/** The days one may book: today and the next `horizonDays`. */
export const bookableDays = (today: string, horizonDays: number): string[] =>
  Array.from({ length: horizonDays + 1 }, (_, offset) => addDays(today, offset));

/** A wall-clock time ("08:30") on a day, as an instant. */
export function atTime(day: string, time: string, timeZone: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return zonedTimeToUtc(timeZone, year, month, date, hour, minute).toISOString();
}

/** The whole office day, midnight to midnight: what a day's list of bookings covers. */
export const dayRange = (day: string, timeZone: string) => ({
  from: atTime(day, '00:00', timeZone),
  to: atTime(addDays(day, 1), '00:00', timeZone),
});

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
const NOON = '12:00';

/** The default office hours, split at noon. */
export const PART_TIMES: Record<Exclude<DayPart, 'custom'>, { from: string; to: string }> = {
  day: { from: hh(DEFAULT_OFFICE_HOURS.start), to: hh(DEFAULT_OFFICE_HOURS.end) },
  morning: { from: hh(DEFAULT_OFFICE_HOURS.start), to: NOON },
  afternoon: { from: NOON, to: hh(DEFAULT_OFFICE_HOURS.end) },
};

/** A time as people type it (`7:30`, `7.30`, `0730`) as HH:MM; null when it is none. */
export function typedTime(text: string): string | null {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The instants a choice of day and part stands for; null while a custom time is incomplete or backwards. */
export function slotOf(
  choice: { day: string; part: DayPart; from: string; to: string },
  timeZone: string,
): { start: string; end: string } | null {
  const times =
    choice.part === 'custom' ? { from: typedTime(choice.from), to: typedTime(choice.to) } : PART_TIMES[choice.part];
  if (!times.from || !times.to || times.to <= times.from) return null;
  const end =
    times.to === '24:00' ? atTime(addDays(choice.day, 1), '00:00', timeZone) : atTime(choice.day, times.to, timeZone);
  return { start: atTime(choice.day, times.from, timeZone), end };
}
