import type { OfficeHours } from '../../../../contract/sites.ts';
import { formatWeekday } from '../../../i18n/format.ts';

export const hourName = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "Mon–Fri 08:00–18:00", runs of days joined ("Mon–Wed, Fri"). */
export function officeHoursText(hours: OfficeHours): string {
  const runs: [number, number][] = [];
  for (const day of hours.days) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  const days = runs
    .map(([first, last]) =>
      first === last
        ? formatWeekday(first, 'short')
        : `${formatWeekday(first, 'short')}–${formatWeekday(last, 'short')}`,
    )
    .join(', ');
  return `${days} ${hourName(hours.start)}–${hourName(hours.end)}`;
}
