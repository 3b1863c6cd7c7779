import type { UtilisationRow } from '../../../../contract/analytics.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Occupied per available desk-hours, per local weekday (0 = Monday) and hour, over the given hourly rows. */
export function weekHourShares(rows: readonly UtilisationRow[], timeZone: string): (number | null)[][] {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const used = DAYS.map(() => HOURS.map(() => 0));
  const available = DAYS.map(() => HOURS.map(() => 0));
  for (const row of rows) {
    if (row.occupiedHours === null) continue;
    const seen = parts.formatToParts(new Date(row.start));
    const day = weekdays.indexOf(seen.find((part) => part.type === 'weekday')?.value ?? '');
    const hour = Number(seen.find((part) => part.type === 'hour')?.value);
    const hours = (Date.parse(row.end) - Date.parse(row.start)) / 3_600_000;
    if (day < 0 || !(hour >= 0 && hour < 24)) continue;
    (used[day] as number[])[hour] = (used[day]?.[hour] ?? 0) + row.occupiedHours;
    (available[day] as number[])[hour] = (available[day]?.[hour] ?? 0) + row.desks * hours;
  }
  return used.map((hours, day) =>
    hours.map((value, hour) => {
      const total = available[day]?.[hour] ?? 0;
      return total > 0 ? Math.round((value / total) * 100) : null;
    }),
  );
}

/** When the building is full: a weekday × hour table, each cell shaded by its share (the number is in it too). */
export function WeekGrid({ rows, timeZone }: { rows: readonly UtilisationRow[]; timeZone: string }) {
  const shares = weekHourShares(rows, timeZone);
  return (
    <div className="week-grid-scroll">
      <table className="week-grid">
        <caption className="visually-hidden">Utilisation by weekday and hour, in percent</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Day</span>
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
              <th scope="row">{day.slice(0, 3)}</th>
              {HOURS.map((hour) => {
                const share = shares[index]?.[hour] ?? null;
                return (
                  <td
                    key={hour}
                    className={
                      share === null
                        ? 'week-cell week-cell-none'
                        : `week-cell week-cell-${Math.min(9, Math.floor(share / 10))}`
                    }
                    title={`${day} ${String(hour).padStart(2, '0')}:00: ${share === null ? 'no data' : `${share}%`}`}
                  >
                    {share === null ? '' : share}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
