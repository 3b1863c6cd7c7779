import type { UtilisationRow } from '../../../../contract/analytics.ts';
import { useT } from '../../../i18n/use-t.ts';

const SHOWN = 10;

/** One desk over the range; hours and utilisation are null when any of its intervals was hidden (aggregate-only). */
export interface DeskTotal {
  id: string;
  name: string;
  hours: number | null;
  /** Occupied per available hours over the range, in percent. */
  utilisation: number | null;
}

/** Per desk (rows grouped by desk) over the range. */
export function deskTotals(rows: readonly UtilisationRow[]): DeskTotal[] {
  const totals = new Map<string, DeskTotal & { available: number }>();
  for (const row of rows) {
    const total = totals.get(row.groupId) ?? {
      id: row.groupId,
      name: row.groupName,
      hours: 0,
      utilisation: 0,
      available: 0,
    };
    total.hours = total.hours === null || row.occupiedHours === null ? null : total.hours + row.occupiedHours;
    total.available += (row.desks * (Date.parse(row.end) - Date.parse(row.start))) / 3_600_000;
    totals.set(row.groupId, total);
  }
  return [...totals.values()].map(({ available, ...total }) => ({
    ...total,
    utilisation: total.hours === null ? null : available > 0 ? Math.round((total.hours / available) * 1000) / 10 : 0,
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
                {desk.hours === 0 ? t('least.never') : t('least.hours', { hours: Math.round(desk.hours) })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {hidden > 0 && <p className="field-hint">{t('least.hidden', { count: hidden })}</p>}
    </>
  );
}
