import type { UtilisationRow } from '../../../../contract/analytics.ts';

const SHOWN = 10;

/** Per desk over the range: its occupied hours, or null when any of its intervals was hidden (aggregate-only). */
export function deskTotals(rows: readonly UtilisationRow[]): { name: string; hours: number | null }[] {
  const totals = new Map<string, { name: string; hours: number | null }>();
  for (const row of rows) {
    const total = totals.get(row.groupId) ?? { name: row.groupName, hours: 0 };
    total.hours = total.hours === null || row.occupiedHours === null ? null : total.hours + row.occupiedHours;
    totals.set(row.groupId, total);
  }
  return [...totals.values()];
}

/** The desks used least in the range: candidates to remove, move or make more attractive. */
export function LeastUsedDesks({ rows }: { rows: readonly UtilisationRow[] }) {
  const totals = deskTotals(rows);
  const known = totals
    .filter((desk): desk is { name: string; hours: number } => desk.hours !== null)
    .sort((a, b) => a.hours - b.hours || a.name.localeCompare(b.name))
    .slice(0, SHOWN);
  const hidden = totals.length - totals.filter((desk) => desk.hours !== null).length;
  if (totals.length === 0) return <p className="muted">No desks here.</p>;
  return (
    <>
      {known.length === 0 ? (
        <p className="muted">Every desk was used by somebody in this period.</p>
      ) : (
        <ol className="least-used">
          {known.map((desk) => (
            <li key={desk.name}>
              <strong>{desk.name}</strong>{' '}
              <span className="muted">
                {desk.hours === 0 ? 'never used' : `${Math.round(desk.hours).toLocaleString()} desk-hours`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {hidden > 0 && (
        <p className="field-hint">
          {hidden} {hidden === 1 ? 'desk was' : 'desks were'} used by fewer than five people: aggregate-only mode hides
          {hidden === 1 ? ' its' : ' their'} numbers.
        </p>
      )}
    </>
  );
}
