import { useMemo, useState, type ReactNode } from 'react';
import { MAX_RANGE_DAYS, type UtilisationGroupBy, type UtilisationInterval } from '../../../../contract/analytics.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';
import { useInsightFloors, useUtilisation, utilisationPath, type InsightsQuery } from '../api/insights.ts';
import { deskTotals, LeastUsedDesks } from './least-used.tsx';
import { UtilisationChart } from './utilisation-chart.tsx';
import { UtilisationTable } from './utilisation-table.tsx';
import { WeekGrid } from './week-grid.tsx';
import { SelectField } from '../../../components/select-field.tsx';

const RANGES = [
  { days: 7, label: 'Last 7 days' },
  { days: 28, label: 'Last 4 weeks' },
  { days: 56, label: 'Last 8 weeks' },
  { days: 84, label: 'Last 12 weeks' },
] as const;
const GROUPS: Record<Exclude<UtilisationGroupBy, 'desk'>, string> = { site: 'Site', floor: 'Floor', zone: 'Zone' };
const INTERVALS: Record<UtilisationInterval, string> = { hour: 'Hour', day: 'Day', week: 'Week' };

/** A local date `days` before today, as YYYY-MM-DD. */
function daysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A desk's figures over the period, for the floor map. */
export interface DeskFigures {
  utilisation: number | null;
  hours: number | null;
}

/**
 * How the office is used: utilisation over time, when it is full, and the desks nobody wants. `floorMap` draws
 * the chosen floor with its desks shaded by use (the page brings it from the floor maps).
 */
export function InsightsPanel({
  floorMap,
}: {
  floorMap: (floorId: string, figures: ReadonlyMap<string, DeskFigures>) => ReactNode;
}) {
  const floors = useInsightFloors();
  const [days, setDays] = useState<number>(28);
  const [groupBy, setGroupBy] = useState<Exclude<UtilisationGroupBy, 'desk'>>('floor');
  const [chosenInterval, setInterval] = useState<UtilisationInterval>('day');
  const [floorId, setFloorId] = useState('');
  // By hour only as far as the service answers it.
  const interval = chosenInterval === 'hour' && days > MAX_RANGE_DAYS.hour ? 'day' : chosenInterval;
  const range = { from: daysAgo(days - 1), to: daysAgo(0), floorId };
  const main: InsightsQuery = { ...range, groupBy, interval };
  const overTime = useUtilisation(main);
  const byHour = useUtilisation({ from: daysAgo(27), to: daysAgo(0), floorId, groupBy: 'site', interval: 'hour' });
  const byDesk = useUtilisation({ ...range, groupBy: 'desk', interval: 'week' });
  const csvPath = `/api/v1${utilisationPath(main, true)}`;
  const figures = useMemo(
    () => new Map(deskTotals(byDesk.data?.rows ?? []).map((desk) => [desk.id, desk] as const)),
    [byDesk.data],
  );
  const floorName = floors.data?.find((floor) => floor.id === floorId)?.name;
  const where = floorName ? ` on ${floorName}` : '';

  return (
    <div className="insights">
      <div className="card table-toolbar insights-controls">
        <SelectField
          id="insights-range"
          label="Period"
          value={String(days)}
          options={RANGES.map((option) => ({ value: String(option.days), label: option.label }))}
          onChange={(value) => setDays(Number(value))}
        />
        <SelectField
          id="insights-floor"
          label="Floor"
          value={floorId}
          options={[
            { value: '', label: 'All floors' },
            ...(floors.data ?? []).map((floor) => ({
              value: floor.id,
              label: floor.building ? `${floor.building} · ${floor.name}` : floor.name,
            })),
          ]}
          onChange={setFloorId}
        />
        <SelectField
          id="insights-group"
          label="Per"
          value={groupBy}
          options={(Object.keys(GROUPS) as (keyof typeof GROUPS)[]).map((value) => ({ value, label: GROUPS[value] }))}
          onChange={setGroupBy}
        />
        <SelectField
          id="insights-interval"
          label="By"
          value={interval}
          options={(Object.keys(INTERVALS) as UtilisationInterval[]).map((value) => ({
            value,
            label: INTERVALS[value],
            disabled: value === 'hour' && days > MAX_RANGE_DAYS.hour,
          }))}
          onChange={setInterval}
        />
        <a
          className="button button-small"
          href={csvPath}
          download
          onClick={(event) => downloadWithBearer(event, csvPath, 'utilisation.csv')}
        >
          Download CSV
        </a>
      </div>

      <section className="card" aria-labelledby="over-time">
        <h2 id="over-time">
          Utilisation per {GROUPS[groupBy].toLowerCase()} by {INTERVALS[interval].toLowerCase()}
          {where}
        </h2>
        {overTime.isPending ? (
          <LoadingPanel label="Loading utilisation…" />
        ) : overTime.isError ? (
          <ErrorPanel error={overTime.error} onRetry={() => void overTime.refetch()} />
        ) : overTime.data.rows.length === 0 ? (
          <p className="muted">No desks here yet.</p>
        ) : (
          <>
            {overTime.data.aggregateOnly && (
              <p className="field-hint">
                Aggregate-only mode: a {GROUPS[groupBy].toLowerCase()} and time that fewer than five people used shows
                no numbers.
              </p>
            )}
            <UtilisationChart
              rows={overTime.data.rows}
              timeZone={overTime.data.timeZone}
              label={`Line chart: utilisation per ${GROUPS[groupBy].toLowerCase()} by ${INTERVALS[interval].toLowerCase()}${where}. The same numbers are in the table view.`}
            />
            <details>
              <summary>Table view</summary>
              <UtilisationTable rows={overTime.data.rows} timeZone={overTime.data.timeZone} interval={interval} />
            </details>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="week-hours">
        <h2 id="week-hours">When the office is full (last 4 weeks{where})</h2>
        {byHour.isPending ? (
          <LoadingPanel label="Loading…" />
        ) : byHour.isError ? (
          <ErrorPanel error={byHour.error} onRetry={() => void byHour.refetch()} />
        ) : (
          <WeekGrid rows={byHour.data.rows} timeZone={byHour.data.timeZone} />
        )}
      </section>

      <section className="card" aria-labelledby="desk-map">
        <h2 id="desk-map">Desks on the map{where}</h2>
        {floorId === '' ? (
          <p className="muted">Choose a floor above to see its desks shaded by how much they were used.</p>
        ) : byDesk.isPending ? (
          <LoadingPanel label="Loading…" />
        ) : byDesk.isError ? (
          <ErrorPanel error={byDesk.error} onRetry={() => void byDesk.refetch()} />
        ) : (
          floorMap(floorId, figures)
        )}
      </section>

      <section className="card" aria-labelledby="least-used">
        <h2 id="least-used">Least-used desks{where}</h2>
        {byDesk.isPending ? (
          <LoadingPanel label="Loading…" />
        ) : byDesk.isError ? (
          <ErrorPanel error={byDesk.error} onRetry={() => void byDesk.refetch()} />
        ) : (
          <LeastUsedDesks rows={byDesk.data.rows} />
        )}
      </section>
    </div>
  );
}
