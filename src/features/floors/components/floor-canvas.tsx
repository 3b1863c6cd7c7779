import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type CSSProperties,
  type RefObject,
} from 'react';
import type { Point } from '../../../../contract/geometry.ts';
import { useT } from '../../../i18n/use-t.ts';

export interface Viewport {
  k: number;
  tx: number;
  ty: number;
}

/**
 * Zoom and pan for a plan of `width` × `height` pixels shown in `svgRef`: one transform on one group
 * (cheapest to redraw, see TOOLING.md). Wheel zooms around the pointer.
 */
export function useViewport(svgRef: RefObject<SVGSVGElement | null>, width: number, height: number) {
  const [size, setSize] = useState({ width: 800, height: 560 });
  const [viewport, setViewport] = useState<Viewport>({ k: 1, tx: 0, ty: 0 });
  const needsFit = useRef(true);

  const fitTo = useCallback(
    (box: { width: number; height: number }) => {
      const k = Math.min(box.width / width, box.height / height) * 0.96;
      setViewport({ k, tx: (box.width - width * k) / 2, ty: (box.height - height * k) / 2 });
    },
    [width, height],
  );

  // ResizeObserver reports the first size at once; the plan is fitted then, and kept as it is afterwards.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const rect = svg.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return;
      const box = { width: rect.width, height: rect.height };
      setSize(box);
      if (needsFit.current) {
        needsFit.current = false;
        fitTo(box);
      }
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [svgRef, fitTo]);

  const zoomBy = useCallback(
    (factor: number, around?: { x: number; y: number }) => {
      setViewport((current) => {
        const k = Math.min(20, Math.max(0.05, current.k * factor));
        const cx = around?.x ?? size.width / 2;
        const cy = around?.y ?? size.height / 2;
        return { k, tx: cx - ((cx - current.tx) * k) / current.k, ty: cy - ((cy - current.ty) * k) / current.k };
      });
    },
    [size],
  );

  const panBy = useCallback(
    (dx: number, dy: number) => setViewport((current) => ({ ...current, tx: current.tx + dx, ty: current.ty + dy })),
    [],
  );

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      zoomBy(Math.exp(-event.deltaY * 0.0015), { x: event.clientX - rect.left, y: event.clientY - rect.top });
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svgRef, zoomBy]);

  /** Screen position → plan position (0..1 on both axes). */
  const toPlan = useCallback(
    (clientX: number, clientY: number): Point => {
      const rect = svgRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
      return {
        x: (clientX - rect.left - viewport.tx) / viewport.k / width,
        y: (clientY - rect.top - viewport.ty) / viewport.k / height,
      };
    },
    [svgRef, viewport, width, height],
  );

  /** The whole plan in view: fitted to the canvas, and the canvas (shorter than the window) scrolled into it. */
  const fit = () => {
    fitTo(size);
    svgRef.current?.scrollIntoView?.({ block: 'nearest' });
  };

  /** The plan position in the middle of what is on screen now (for placing by keyboard). */
  const viewCenter = (): Point => {
    const rect = svgRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return toPlan(rect.left + size.width / 2, rect.top + size.height / 2);
  };

  return { viewport, size, zoomBy, panBy, fit, toPlan, viewCenter };
}

/** `booked`: nobody sits there, and someone booked it for now or later today. */
export type DeskState = 'free' | 'booked' | 'occupied' | 'oncall' | 'offline' | 'closed' | 'emergency';

export interface DeskGlyphProps {
  id: string;
  name: string;
  x: number;
  y: number;
  rotation: number;
  planWidth: number;
  planHeight: number;
  selected?: boolean;
  state?: DeskState | undefined;
  /** Instead of a state: a shade (a class `heat-0` … `heat-5`, `heat-hidden`) and a short text in the corner. */
  heat?: { shade: string; mark: string } | undefined;
  label: string;
  onPointerDown?: (event: PointerEvent<SVGGElement>) => void;
  onKeyDown?: (event: KeyboardEvent<SVGGElement>) => void;
  onFocus?: () => void;
  onBlur?: () => void;
  onClick?: () => void;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  /** A native tooltip on hover (the live map). */
  tooltip?: string;
  /** A line under the desk: who sits there (the live map). */
  caption?: string | null | undefined;
  /** Found by the map's search: ringed. */
  found?: boolean;
}

/** The props that put a stored desk on a plan of this size (the live map and the heat map draw the same way). */
export function placedDeskProps(
  desk: { id: string; name: string; x: number | null; y: number | null; rotation: number },
  planWidth: number,
  planHeight: number,
) {
  return {
    id: desk.id,
    name: desk.name,
    x: desk.x ?? 0,
    y: desk.y ?? 0,
    rotation: desk.rotation,
    planWidth,
    planHeight,
  };
}

/** Desk size on the plan, relative to the plan's width so that plans of any resolution look alike. */
export const deskSize = (planWidth: number) => ({ width: planWidth * 0.052, height: planWidth * 0.032 });

/** The style of the layer that holds a plan's `DeskGlyph`s: their shape's size (floor-canvas.css draws it). */
export function deskShapeStyle(planWidth: number): CSSProperties {
  const { width, height } = deskSize(planWidth);
  return { '--desk-w': `${width}px`, '--desk-h': `${height}px` } as CSSProperties;
}

const stateMarks: Record<DeskState, string> = {
  free: '✓',
  booked: '◷',
  occupied: '●',
  oncall: '☎',
  offline: '✕',
  closed: '–',
  emergency: '!',
};

/**
 * One desk (inside a layer styled with `deskShapeStyle`): a rectangle with its name, focusable. State is shown by colour and by a mark (✓, person,
 * crossed phone), so it reads without colour too.
 */
export function DeskGlyph(props: DeskGlyphProps) {
  const { width, height } = deskSize(props.planWidth);
  const mark = props.heat?.mark ?? (props.state ? stateMarks[props.state] : '');
  return (
    <g
      className={`desk-glyph${props.selected ? ' selected' : ''}${props.found ? ' found' : ''}${props.state ? ` state-${props.state}` : ''}${props.heat ? ` ${props.heat.shade}` : ''}`}
      transform={`translate(${props.x * props.planWidth} ${props.y * props.planHeight})${props.rotation ? ` rotate(${props.rotation})` : ''}`}
      tabIndex={0}
      role="button"
      aria-label={props.label}
      aria-pressed={props.selected}
      data-desk-id={props.id}
      onPointerDown={props.onPointerDown}
      onKeyDown={props.onKeyDown}
      onFocus={props.onFocus}
      onBlur={props.onBlur}
      onClick={props.onClick}
      onPointerEnter={props.onPointerEnter}
      onPointerLeave={props.onPointerLeave}
    >
      {props.tooltip && <title>{props.tooltip}</title>}
      <rect />
      <rect className="desk-edge" />
      <text
        className="desk-label"
        fontSize={Math.min(height * 0.5, (width * 0.88) / (0.62 * Math.max(1, props.name.length)))}
      >
        {props.name}
      </text>
      {mark && (
        <text
          className="desk-mark"
          x={width / 2 - height * 0.05}
          y={-height / 2 + height * 0.05}
          fontSize={height * 0.5}
        >
          {mark}
        </text>
      )}
      {props.caption && (
        <text className="desk-caption" y={height / 2 + height * 0.42} fontSize={height * 0.36}>
          {props.caption}
        </text>
      )}
    </g>
  );
}

export function ZoneShape({
  polygon,
  color,
  name,
  planWidth,
  planHeight,
  selected = false,
  onPointerDown,
}: {
  polygon: readonly Point[];
  color: string;
  name: string;
  planWidth: number;
  planHeight: number;
  selected?: boolean;
  onPointerDown?: (event: PointerEvent<SVGPolygonElement>) => void;
}) {
  const points = polygon.map((point) => `${point.x * planWidth},${point.y * planHeight}`).join(' ');
  const labelAt = polygon.reduce(
    (sum, point) => ({ x: sum.x + point.x / polygon.length, y: sum.y + point.y / polygon.length }),
    { x: 0, y: 0 },
  );
  return (
    <g className={`zone-shape${selected ? ' selected' : ''}`}>
      <polygon points={points} fill={color} stroke={color} onPointerDown={onPointerDown} />
      <text
        x={labelAt.x * planWidth}
        y={labelAt.y * planHeight}
        fontSize={planWidth * 0.018}
        textAnchor="middle"
        className="zone-label"
      >
        {name}
      </text>
    </g>
  );
}

/** The plan image, its frame and the zones: what the read-only floor views draw under their desks. */
export function PlanBackground({
  url,
  width,
  height,
  zones,
}: {
  url: string | null;
  width: number;
  height: number;
  zones: readonly { id: string; polygon: readonly Point[]; color: string; name: string }[];
}) {
  return (
    <>
      {url && <image href={url} width={width} height={height} preserveAspectRatio="none" />}
      <rect className="plan-frame" width={width} height={height} />
      {zones.map((zone) => (
        <ZoneShape
          key={zone.id}
          polygon={zone.polygon}
          color={zone.color}
          name={zone.name}
          planWidth={width}
          planHeight={height}
        />
      ))}
    </>
  );
}

/** Zoom out, (the zoom level,) zoom in and fit: the same buttons on the editor and the live map. */
export function ZoomControls({
  zoomBy,
  fit,
  level,
}: {
  zoomBy: (factor: number) => void;
  fit: () => void;
  level?: number;
}) {
  const t = useT();
  return (
    <div className="toolbar-group">
      <button type="button" className="button button-small" onClick={() => zoomBy(0.8)} aria-label={t('map.zoomOut')}>
        −
      </button>
      {level !== undefined && (
        <span className="zoom-level" aria-live="polite">
          {Math.round(level * 100)}%
        </span>
      )}
      <button type="button" className="button button-small" onClick={() => zoomBy(1.25)} aria-label={t('map.zoomIn')}>
        +
      </button>
      <button type="button" className="button button-small" onClick={fit}>
        {t('map.fit')}
      </button>
    </div>
  );
}
