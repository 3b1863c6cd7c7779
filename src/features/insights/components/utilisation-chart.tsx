import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UtilisationRow } from '../../../../contract/analytics.ts';
import { formatChartTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4d7c0f', '#be185d'];

export interface Series {
  name: string;
  /** Utilisation in percent per interval (null: hidden in aggregate-only mode). */
  values: (number | null)[];
}

/** The rows as one series per group over the intervals' starts (seconds since 1970, for uPlot). */
export function toSeries(rows: readonly UtilisationRow[]): { starts: number[]; series: Series[] } {
  const starts = [...new Set(rows.map((row) => Date.parse(row.start) / 1000))].sort((a, b) => a - b);
  const position = new Map(starts.map((start, index) => [start, index]));
  const byGroup = new Map<string, Series>();
  for (const row of rows) {
    const series = byGroup.get(row.groupId) ?? { name: row.groupName, values: starts.map(() => null) };
    series.values[position.get(Date.parse(row.start) / 1000) ?? 0] = row.utilisation;
    byGroup.set(row.groupId, series);
  }
  return { starts, series: [...byGroup.values()] };
}

/**
 * Utilisation over time, one line per group (uPlot: small and fast; canvas, so the same numbers are also
 * in the table view beside it). Times are shown in the office's time zone.
 */
export function UtilisationChart({
  rows,
  timeZone,
  label,
}: {
  rows: readonly UtilisationRow[];
  timeZone: string;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const t = useT();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const { starts, series } = toSeries(rows);
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 280,
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone),
        scales: { y: { range: [0, 100] } },
        // The time axis and legend in the console's language and date format (uPlot's own are US English).
        axes: [
          { values: (_plot, ticks) => ticks.map((tick) => formatChartTime(tick * 1000, timeZone)) },
          { label: '%', values: (_plot, ticks) => ticks.map((tick) => `${tick}%`) },
        ],
        series: [
          {
            label: t('insights.chartTime'),
            value: (_plot: uPlot, seconds: number | null) =>
              seconds === null ? '—' : formatChartTime(seconds * 1000, timeZone),
          },
          ...series.map((line, index) => ({
            label: line.name,
            stroke: PALETTE[index % PALETTE.length] ?? '#2563eb',
            width: 2,
            spanGaps: false,
            value: (_plot: uPlot, value: number | null) => (value === null ? '—' : `${value}%`),
          })),
        ],
      },
      [starts, ...series.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: 280 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [rows, timeZone, t]);
  return <div ref={box} className="utilisation-chart" role="img" aria-label={label} />;
}
