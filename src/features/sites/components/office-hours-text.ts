import type { OfficeHours } from '../../../../contract/sites.ts';

/** ISO weekday (Monday 1) as the locale abbreviates it; 1 January 2024 was a Monday. */
export const weekdayName = (day: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));

export const hourName = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "Mon–Fri 08:00–18:00", runs of days joined ("Mon–Wed, Fri"). */
export function officeHoursText(hours: OfficeHours, locale: string): string {
  const runs: [number, number][] = [];
  for (const day of hours.days) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  const days = runs
    .map(([first, last]) =>
      first === last ? weekdayName(first, locale) : `${weekdayName(first, locale)}–${weekdayName(last, locale)}`,
    )
    .join(', ');
  return `${days} ${hourName(hours.start)}–${hourName(hours.end)}`;
}
