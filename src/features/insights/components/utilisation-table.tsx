import type { UtilisationInterval, UtilisationRow } from '../../../../contract/analytics.ts';

/** The chart's numbers as a table: every group and interval, for screen readers and for reading off values. */
export function UtilisationTable({
  rows,
  timeZone,
  interval,
}: {
  rows: readonly UtilisationRow[];
  timeZone: string;
  interval: UtilisationInterval;
}) {
  const format = new Intl.DateTimeFormat(undefined, {
    timeZone,
    dateStyle: 'medium',
    ...(interval === 'hour' ? { timeStyle: 'short' } : {}),
  });
  return (
    <div className="week-grid-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Utilisation per group and interval</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">{interval === 'week' ? 'Week from' : interval === 'day' ? 'Day' : 'Hour'}</th>
            <th scope="col">Desks</th>
            <th scope="col">Desk-hours used</th>
            <th scope="col">Peak desks at once</th>
            <th scope="col">Utilisation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.groupId}:${row.start}`}>
              <th scope="row">{row.groupName}</th>
              <td>{format.format(new Date(row.start))}</td>
              <td>{row.desks}</td>
              <td>{row.suppressed ? 'hidden' : row.occupiedHours}</td>
              <td>{row.suppressed ? 'hidden' : row.peakOccupied}</td>
              <td>{row.suppressed ? 'hidden' : `${row.utilisation ?? 0}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
