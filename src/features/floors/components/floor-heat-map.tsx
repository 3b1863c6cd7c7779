import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Desk } from '../../../../contract/desks.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';
import { floorQueries, planUrl, useFloors } from '../api/floors.ts';
import {
  DeskGlyph,
  PlanBackground,
  deskShapeStyle,
  ZoomControls,
  placedDeskProps,
  useViewport,
} from './floor-canvas.tsx';
import { useT, type Translate } from '../../../i18n/use-t.ts';

/** A desk's use over a period: utilisation in percent and desk-hours; null where aggregate-only mode hides it. */
export interface DeskHeat {
  utilisation: number | null;
  hours: number | null;
  /** Created during the period (an instant): unused since then is not "never used". */
  newSince: string | null;
}

const SHADES = 5;

/** The shade of a desk, relative to the busiest desk of the floor (0: unused … 5: the busiest). */
export function shadeOf(heat: DeskHeat | undefined, busiest: number): string {
  if (!heat) return 'heat-none';
  if (heat.utilisation === null) return 'heat-hidden';
  if (heat.utilisation <= 0 || busiest <= 0) return 'heat-0';
  return `heat-${Math.max(1, Math.ceil((heat.utilisation / busiest) * SHADES))}`;
}

export function describeHeat(t: Translate, desk: Desk, heat: DeskHeat | undefined): string {
  if (!heat) return t('heat.noFigures', { desk: desk.name });
  if (heat.utilisation === null || heat.hours === null) return t('heat.hidden', { desk: desk.name });
  if (heat.newSince !== null && heat.hours === 0)
    return t('heat.newUnused', { desk: desk.name, date: new Date(heat.newSince) });
  if (heat.hours === 0) return t('heat.never', { desk: desk.name });
  return t('heat.figures', { desk: desk.name, utilisation: heat.utilisation, hours: Math.round(heat.hours) });
}

/**
 * The floor's map with every desk shaded by how much it was used in the period (darkest: the floor's busiest
 * desk) and its percentage in the corner, so that it reads without colour too. Where aggregate-only mode hides
 * desks, the zones (which count more people at once) carry their figures in their labels.
 */
export function FloorHeatMap({
  floorId,
  heat,
  zoneHeat,
}: {
  floorId: string;
  heat: ReadonlyMap<string, DeskHeat>;
  zoneHeat: ReadonlyMap<string, DeskHeat>;
}) {
  const t = useT();
  const floors = useFloors();
  const desks = useQuery(floorQueries.desks(floorId));
  const zones = useQuery(floorQueries.zones(floorId));
  const floor = floors.data?.find((candidate) => candidate.id === floorId);
  const width = floor?.plan?.width ?? 1000;
  const height = floor?.plan?.height ?? 700;
  const svgRef = useRef<SVGSVGElement>(null);
  const { viewport, zoomBy, fit } = useViewport(svgRef, width, height);
  const [pointed, setPointed] = useState<string | null>(null);
  const url = useResourceUrl(floor ? planUrl(floor) : null);

  if (floors.isPending || desks.isPending || zones.isPending) return <LoadingPanel label={t('heat.loading')} />;
  const failed = floors.error ?? desks.error ?? zones.error;
  if (failed) {
    return (
      <ErrorPanel
        error={failed}
        onRetry={() => void Promise.all([floors.refetch(), desks.refetch(), zones.refetch()])}
      />
    );
  }
  const placed = (desks.data ?? []).filter((desk) => desk.floorId === floorId && desk.x !== null && desk.y !== null);
  if (!floor || placed.length === 0) {
    return <p className="muted">{t('heat.nonePlaced')}</p>;
  }
  const busiest = Math.max(0, ...placed.map((desk) => heat.get(desk.id)?.utilisation ?? 0));
  const hidden = placed.filter((desk) => heat.get(desk.id)?.utilisation === null).length;
  const pointedDesk = placed.find((desk) => desk.id === pointed);
  // Zones whose figures stand in for hidden desks: their label (name and figure) goes above the desks.
  const zoneFigures = (zones.data ?? []).flatMap((zone) => {
    const figures = zoneHeat.get(zone.id);
    return hidden > 0 && figures && figures.utilisation !== null
      ? [{ zone, text: t('heat.zoneFigure', { zone: zone.name, utilisation: figures.utilisation }) }]
      : [];
  });
  const labelled = new Set(zoneFigures.map(({ zone }) => zone.id));
  const background = (zones.data ?? []).map((zone) => (labelled.has(zone.id) ? { ...zone, name: '' } : zone));
  const zonesShown = zoneFigures.length;

  return (
    <div className="floor-live floor-heat">
      <div className="editor-toolbar">
        <ul className="legend" aria-label={t('live.legend')}>
          <li>
            <HeatSwatch shade="heat-0" />
            {t('heat.neverUsed')}
          </li>
          {Array.from({ length: SHADES }, (_, index) => (
            <li key={index}>
              <HeatSwatch shade={`heat-${index + 1}`} />
              {index === SHADES - 1
                ? busiest > 0
                  ? t('heat.mostUsedAt', { percent: busiest })
                  : t('heat.mostUsed')
                : ''}
            </li>
          ))}
          <li>
            <HeatSwatch shade="heat-hidden" />
            {t('heat.hiddenLegend')}
          </li>
        </ul>
        <div className="toolbar-spacer" />
        <ZoomControls zoomBy={zoomBy} fit={fit} />
      </div>
      {hidden > 0 && (
        <p className="field-hint" role="note">
          {t('heat.hiddenWhy', { hidden, total: placed.length })}
          {zonesShown > 0 && ` ${t('heat.zonesShown', { zones: zonesShown })}`}
        </p>
      )}
      <div className="editor-canvas-wrap">
        <svg ref={svgRef} className="floor-canvas" role="group" aria-label={t('heat.mapOf', { floor: floor.name })}>
          <g transform={`translate(${viewport.tx} ${viewport.ty}) scale(${viewport.k})`} style={deskShapeStyle(width)}>
            <PlanBackground url={url} width={width} height={height} zones={background} />
            {placed.map((desk) => {
              const figures = heat.get(desk.id);
              return (
                <DeskGlyph
                  key={desk.id}
                  {...placedDeskProps(desk, width, height)}
                  heat={{
                    shade: shadeOf(figures, busiest),
                    mark: figures && figures.utilisation !== null ? String(Math.round(figures.utilisation)) : '–',
                  }}
                  label={describeHeat(t, desk, figures)}
                  tooltip={describeHeat(t, desk, figures)}
                  onFocus={() => setPointed(desk.id)}
                  onBlur={() => setPointed(null)}
                  onPointerEnter={() => setPointed(desk.id)}
                  onPointerLeave={() => setPointed(null)}
                />
              );
            })}
            {zoneFigures.map(({ zone, text }) => (
              <text
                key={zone.id}
                className="zone-figure"
                x={(Math.min(...zone.polygon.map((point) => point.x)) + 0.01) * width}
                y={Math.min(...zone.polygon.map((point) => point.y)) * height + width * 0.022}
                fontSize={width * 0.018}
              >
                {text}
              </text>
            ))}
          </g>
        </svg>
        <p className="canvas-hint" role="status">
          {pointedDesk ? describeHeat(t, pointedDesk, heat.get(pointedDesk.id)) : t('heat.hint')}
        </p>
      </div>
    </div>
  );
}

function HeatSwatch({ shade }: { shade: string }) {
  return (
    <svg width="30" height="20" aria-hidden="true" className={`desk-glyph ${shade}`}>
      <rect x="1" y="1" width="28" height="18" rx="3" />
    </svg>
  );
}
