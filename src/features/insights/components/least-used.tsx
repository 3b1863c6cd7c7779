import type { UtilisationRow } from '../../../../contract/analytics.ts';
import { useT } from '../../../i18n/use-t.ts';

const SHOWN = 10;

/** One desk (or zone) over the range; hours and utilisation are null when any of its intervals was hidden (aggregate-only). */
export interface DeskTotal {
  id: string;
  name: string;
  hours: number | null;
  /** Occupied inside office hours per office hour over the range, in percent. */
  utilisation: number | null;
  /** Created during the range: its office hours count from then, and "never used" would not be fair. */
  newSince: string | null;
}

/**
 * Per group (rows grouped by desk or by zone) over the range: a group with any interval hidden is hidden, or with
 * `'shown'` summed over the intervals aggregate-only mode shows (each of them used by at least five people).
 */
export function deskTotals(rows: readonly UtilisationRow[], intervals: 'all' | 'shown' = 'all'): DeskTotal[] {
  const first = Math.min(...rows.map((row) => Date.parse(row.start)));
  const totals = new Map<string, DeskTotal & { inside: number; available: number }>();
  const counted = intervals === 'all' ? rows : rows.filter((row) => !row.suppressed);
  for (const row of counted) {
    const total = totals.get(row.groupId) ?? {
      id: row.groupId,
      name: row.groupName,
      hours: 0,
      utilisation: 0,
      newSince: row.createdAt !== null && Date.parse(row.createdAt) > first ? row.createdAt : null,
      inside: 0,
      available: 0,
    };
    total.hours = total.hours === null || row.occupiedHours === null ? null : total.hours + row.occupiedHours;
    total.inside += (row.occupiedHours ?? 0) - (row.outsideHours ?? 0);
    total.available += row.officeHours;
    totals.set(row.groupId, total);
  }
  return [...totals.values()].map(({ available, inside, ...total }) => ({
    ...total,
    utilisation: total.hours === null ? null : available > 0 ? Math.round((inside / available) * 1000) / 10 : 0,
  }));
}

/** The desks used least in the range: candidates to remove, move or make more attractive. */
export function LeastUsedDesks({ rows }: { rows: readonly UtilisationRow[] }) {
  const t = useT();
  const totals = deskTotals(rows);
  const known = totals
    .filter((desk): desk is DeskTotal & { hours: number } => desk.hours !== null)
    .sort((a, b) => a.hours - b.hours || a.name.localeCompare(b.name))
    .slice(0, SHOWN);
  const hidden = totals.length - totals.filter((desk) => desk.hours !== null).length;
  if (totals.length === 0) return <p className="muted">{t('least.none')}</p>;
  return (
    <>
      {known.length === 0 ? (
        <p className="muted">{t('least.allUsed')}</p>
      ) : (
        <ol className="least-used">
          {known.map((desk) => (
            <li key={desk.id}>
              <strong>{desk.name}</strong>{' '}
              <span className="muted">
                {desk.newSince !== null
                  ? t('least.newSince', { date: new Date(desk.newSince), hours: Math.round(desk.hours) })
                  : desk.hours === 0
                    ? t('least.never')
                    : t('least.hours', { hours: Math.round(desk.hours) })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {hidden > 0 && <p className="field-hint">{t('least.hidden', { count: hidden })}</p>}
    </>
  );
}
