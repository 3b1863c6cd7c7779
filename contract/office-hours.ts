import type { OfficeHours } from './sites.ts';

/** YYYY-MM-DD plus `days` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A moment as the office's clock shows it: its local day, hour of day (with the minutes as a fraction) and ISO weekday. */
export interface LocalMoment {
  day: string;
  hour: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localMoment(instant: Date, timeZone: string): LocalMoment {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour) + Number(parts.minute) / 60,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  };
}

/** The ISO weekday (Monday 1) of a calendar day. */
export const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Whether the office is open in the local hour that starts at `moment`. */
export const isOfficeHour = (moment: LocalMoment, office: OfficeHours) =>
  office.days.includes(moment.weekday) && moment.hour >= office.start && moment.hour < office.end;

/**
 * The office hours of the local days `from`…`to`, counted only between `notBefore` and `notAfter` (a desk
 * created in the period is available from its creation on; the current day only up to now).
 */
export function officeHoursBetween(
  from: string,
  to: string,
  office: OfficeHours,
  notBefore: LocalMoment | null,
  notAfter: LocalMoment,
): number {
  let hours = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!office.days.includes(weekdayOf(day))) continue;
    if (notBefore && day < notBefore.day) continue;
    if (day > notAfter.day) break;
    const open = notBefore?.day === day ? Math.max(office.start, notBefore.hour) : office.start;
    const close = notAfter.day === day ? Math.min(office.end, notAfter.hour) : office.end;
    hours += Math.max(0, close - open);
  }
  return hours;
}
