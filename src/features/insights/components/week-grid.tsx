import type { UtilisationRow } from '../../../../contract/analytics.ts';
import { useT } from '../../../i18n/use-t.ts';
import { formatWeekday } from '../../../i18n/format.ts';
import { ScrollRegion } from '../../../components/scroll-region.tsx';

const DAYS = [0, 1, 2, 3, 4, 5, 6];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * Occupied per available desk-hours, per local weekday (0 = Monday) and hour, over the given hourly rows; and
 * which of those hours are office hours.
 */
export function weekHourShares(
  rows: readonly UtilisationRow[],
  timeZone: string,
): { shares: (number | null)[][]; office: boolean[][] } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const part = (seen: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
    Number(seen.find((candidate) => candidate.type === type)?.value);
  const used = DAYS.map(() => HOURS.map(() => 0));
  const available = DAYS.map(() => HOURS.map(() => 0));
  const office = DAYS.map(() => HOURS.map(() => false));
  for (const row of rows) {
    const seen = parts.formatToParts(new Date(row.start));
    // The local calendar day's weekday, Monday = 0.
    const day =
      (new Date(Date.UTC(part(seen, 'year'), part(seen, 'month') - 1, part(seen, 'day'))).getUTCDay() + 6) % 7;
    const hour = part(seen, 'hour');
    const hours = (Date.parse(row.end) - Date.parse(row.start)) / 3_600_000;
    if (day < 0 || !(hour >= 0 && hour < 24)) continue;
    if (row.officeHours > 0) (office[day] as boolean[])[hour] = true;
    if (row.occupiedHours === null) continue;
    (used[day] as number[])[hour] = (used[day]?.[hour] ?? 0) + row.occupiedHours;
    (available[day] as number[])[hour] = (available[day]?.[hour] ?? 0) + row.desks * hours;
  }
  const shares = used.map((hours, day) =>
    hours.map((value, hour) => {
      const total = available[day]?.[hour] ?? 0;
      return total > 0 ? Math.round((value / total) * 100) : null;
    }),
  );
  return { shares, office };
}

/** When the building is full: a weekday × hour table, each cell shaded by its share (the number is in it too). */
export function WeekGrid({ rows, timeZone }: { rows: readonly UtilisationRow[]; timeZone: string }) {
  const t = useT();
  const { shares, office } = weekHourShares(rows, timeZone);
  return (
    <>
      <ScrollRegion label={t('week.caption')}>
        <table className="week-grid">
          <caption className="visually-hidden">{t('week.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('insights.interval.day')}</span>
              </th>
              {HOURS.map((hour) => (
                <th key={hour} scope="col">
                  {String(hour).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAYS.map((day, index) => (
              <tr key={day}>
                <th scope="row">
                  <abbr title={formatWeekday(day + 1, 'long')}>{formatWeekday(day + 1, 'short')}</abbr>
                </th>
                {HOURS.map((hour) => {
                  const share = shares[index]?.[hour] ?? null;
                  return (
                    <td
                      key={hour}
                      className={`week-cell ${
                        share === null ? 'week-cell-none' : `week-cell-${Math.min(9, Math.floor(share / 10))}`
                      }${office[index]?.[hour] ? ' week-cell-office' : ''}`}
                      title={t('week.cell', {
                        day: formatWeekday(day + 1, 'long'),
                        hour: String(hour).padStart(2, '0'),
                        known: share === null ? 'no' : 'yes',
                        share: share ?? 0,
                      })}
                    >
                      {share === null ? '' : share}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="field-hint">{t('week.officeFrame')}</p>
    </>
  );
}
