import { useMemo, useState, type ReactNode } from 'react';
import { MAX_RANGE_DAYS, type UtilisationGroupBy, type UtilisationInterval } from '../../../../contract/analytics.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';
import { BookingFigures } from './booking-figures.tsx';
import { useInsightFloors, useUtilisation, utilisationPath, type InsightsQuery } from '../api/insights.ts';
import { deskTotals, LeastUsedDesks } from './least-used.tsx';
import { UtilisationChart } from './utilisation-chart.tsx';
import { UtilisationTable } from './utilisation-table.tsx';
import { WeekGrid } from './week-grid.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { useT } from '../../../i18n/use-t.ts';
import type { MessageId } from '../../../i18n/i18n.ts';

const RANGES = [
  { days: 7, label: 'insights.range7' },
  { days: 28, label: 'insights.range28' },
  { days: 56, label: 'insights.range56' },
  { days: 84, label: 'insights.range84' },
] as const;
const GROUPS = { site: 'insights.group.site', floor: 'insights.group.floor', zone: 'insights.group.zone' } as const;
const GROUPS_IN_TEXT = {
  site: 'insights.groupIn.site',
  floor: 'insights.groupIn.floor',
  zone: 'insights.groupIn.zone',
} as const satisfies Record<Exclude<UtilisationGroupBy, 'desk'>, MessageId>;
const INTERVALS = {
  hour: 'insights.interval.hour',
  day: 'insights.interval.day',
  week: 'insights.interval.week',
} as const satisfies Record<UtilisationInterval, MessageId>;
const INTERVALS_IN_TEXT = {
  hour: 'insights.intervalIn.hour',
  day: 'insights.intervalIn.day',
  week: 'insights.intervalIn.week',
} as const satisfies Record<UtilisationInterval, MessageId>;

/** A local date `days` before today, as YYYY-MM-DD. */
function daysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A desk's (or zone's) figures over the period, for the floor map. */
export interface DeskFigures {
  utilisation: number | null;
  hours: number | null;
  /** Created during the period (an instant), else null. */
  newSince: string | null;
}

/**
 * How the office is used: utilisation over time, when it is full, and the desks nobody wants. `floorMap` draws
 * the chosen floor with its desks shaded by use, and its zones' figures (the page brings it from the floor maps).
 */
export function InsightsPanel({
  floorMap,
}: {
  floorMap: (
    floorId: string,
    figures: ReadonlyMap<string, DeskFigures>,
    zoneFigures: ReadonlyMap<string, DeskFigures>,
  ) => ReactNode;
}) {
  const t = useT();
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
  const byZone = useUtilisation({ ...range, groupBy: 'zone', interval: 'week' });
  const csvPath = `/api/v1${utilisationPath(main, true)}`;
  const figures = useMemo(
    () => new Map(deskTotals(byDesk.data?.rows ?? []).map((desk) => [desk.id, desk] as const)),
    [byDesk.data],
  );
  const zoneFigures = useMemo(
    () => new Map(deskTotals(byZone.data?.rows ?? [], 'shown').map((zone) => [zone.id, zone] as const)),
    [byZone.data],
  );
  const floorName = floors.data?.find((floor) => floor.id === floorId)?.name;
  const where = floorName ? t('insights.onFloor', { floor: floorName }) : '';
  const overTimeTitle = t('insights.overTime', {
    group: t(GROUPS_IN_TEXT[groupBy]),
    interval: t(INTERVALS_IN_TEXT[interval]),
    where,
  });

  return (
    <div className="insights">
      <div className="card table-toolbar insights-controls">
        <SelectField
          id="insights-range"
          label={t('insights.period')}
          value={String(days)}
          options={RANGES.map((option) => ({ value: String(option.days), label: t(option.label) }))}
          onChange={(value) => setDays(Number(value))}
        />
        <SelectField
          id="insights-floor"
          label={t('board.floor')}
          value={floorId}
          options={[
            { value: '', label: t('board.allFloors') },
            ...(floors.data ?? []).map((floor) => ({
              value: floor.id,
              label: floor.building ? `${floor.building} · ${floor.name}` : floor.name,
            })),
          ]}
          onChange={setFloorId}
        />
        <SelectField
          id="insights-group"
          label={t('insights.per')}
          value={groupBy}
          options={(Object.keys(GROUPS) as (keyof typeof GROUPS)[]).map((value) => ({
            value,
            label: t(GROUPS[value]),
          }))}
          onChange={setGroupBy}
        />
        <SelectField
          id="insights-interval"
          label={t('insights.by')}
          value={interval}
          options={(Object.keys(INTERVALS) as UtilisationInterval[]).map((value) => ({
            value,
            label: t(INTERVALS[value]),
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
          {t('insights.csv')}
        </a>
      </div>

      <section className="card" aria-labelledby="over-time">
        <h2 id="over-time">{overTimeTitle}</h2>
        {overTime.isPending ? (
          <LoadingPanel label={t('insights.loading')} />
        ) : overTime.isError ? (
          <ErrorPanel error={overTime.error} onRetry={() => void overTime.refetch()} />
        ) : overTime.data.rows.length === 0 ? (
          <p className="muted">{t('insights.noDesks')}</p>
        ) : (
          <>
            <p className="field-hint">{t('insights.meaning')}</p>
            {overTime.data.aggregateOnly && (
              <p className="field-hint">{t('insights.aggregateOnly', { group: t(GROUPS_IN_TEXT[groupBy]) })}</p>
            )}
            <UtilisationChart
              rows={overTime.data.rows}
              timeZone={overTime.data.timeZone}
              label={t('insights.chartLabel', { title: overTimeTitle })}
            />
            <details>
              <summary>{t('insights.tableView')}</summary>
              <UtilisationTable rows={overTime.data.rows} timeZone={overTime.data.timeZone} interval={interval} />
            </details>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="week-hours">
        <h2 id="week-hours">{t('insights.whenFull', { where })}</h2>
        {byHour.isPending ? (
          <LoadingPanel label={t('common.loading')} />
        ) : byHour.isError ? (
          <ErrorPanel error={byHour.error} onRetry={() => void byHour.refetch()} />
        ) : (
          <WeekGrid rows={byHour.data.rows} timeZone={byHour.data.timeZone} />
        )}
      </section>

      <section className="card" aria-labelledby="desk-map">
        <h2 id="desk-map">{t('insights.deskMap', { where })}</h2>
        {floorId === '' ? (
          <p className="muted">{t('insights.chooseFloor')}</p>
        ) : byDesk.isPending ? (
          <LoadingPanel label={t('common.loading')} />
        ) : byDesk.isError ? (
          <ErrorPanel error={byDesk.error} onRetry={() => void byDesk.refetch()} />
        ) : (
          floorMap(floorId, figures, zoneFigures)
        )}
      </section>

      <BookingFigures range={range} where={where} />

      <section className="card" aria-labelledby="least-used">
        <h2 id="least-used">{t('insights.leastUsed', { where })}</h2>
        {byDesk.isPending ? (
          <LoadingPanel label={t('common.loading')} />
        ) : byDesk.isError ? (
          <ErrorPanel error={byDesk.error} onRetry={() => void byDesk.refetch()} />
        ) : (
          <LeastUsedDesks rows={byDesk.data.rows} />
        )}
      </section>
    </div>
  );
}
