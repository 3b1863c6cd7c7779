import { memo, useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { Point } from '../../../../contract/geometry.ts';
import type { DraftDesk, DraftZone } from './editor-state.ts';
import { DeskGlyph, ZoneShape, type DeskGlyphProps } from './floor-canvas.tsx';
import { useT } from '../../../i18n/use-t.ts';
import type { EditorMode } from './editor-toolbar.tsx';

/** A gesture in progress on the editor's canvas. */
export type Drag =
  | { kind: 'move'; start: Point; current: Point; origin: Record<string, Point>; moved: boolean }
  | { kind: 'box'; start: Point; current: Point; additive: boolean }
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'vertex'; zoneKey: string; index: number; current: Point };

interface EditorLayersProps {
  width: number;
  height: number;
  /** The plan image, once loaded. */
  url: string | null;
  /** The zoom level (lines and handles keep their size on screen). */
  scale: number;
  zones: DraftZone[];
  desks: DraftDesk[];
  /** Where a desk is drawn now (it follows a drag before the drop is applied). */
  positionOf: (id: string, x: number, y: number) => Point;
  selection: ReadonlySet<string>;
  selectedZone: DraftZone | null;
  drag: Drag | null;
  /** The corners of a zone being drawn. */
  zonePoints: readonly Point[];
  placing: boolean;
  onZonePointerDown: (zoneKey: string, event: PointerEvent<SVGElement>) => void;
  onDeskPointerDown: (id: string, event: PointerEvent<SVGGElement>) => void;
  onDeskKeyDown: (id: string, event: KeyboardEvent<SVGGElement>) => void;
  onVertexPointerDown: (index: number, point: Point, event: PointerEvent<SVGCircleElement>) => void;
}

/** What the floor editor draws: the plan, zones, desks, the selected zone's corner handles, a zone being drawn, the selection box. */
export function EditorLayers(props: EditorLayersProps) {
  const { width, height, scale, drag, selectedZone } = props;
  const t = useT();
  const box = drag?.kind === 'box' ? drag : null;
  // The desks' handlers through one ref that never changes, so that a drag re-renders only the desks that move.
  const handlers = useRef<DeskHandlers>(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });
  const vertexAt = (zoneKey: string, index: number, point: Point) =>
    drag?.kind === 'vertex' && drag.zoneKey === zoneKey && drag.index === index ? drag.current : point;
  return (
    <>
      {props.url && <image href={props.url} width={width} height={height} preserveAspectRatio="none" />}
      <rect className="plan-frame" width={width} height={height} />
      {props.zones.map((zone) => (
        <ZoneShape
          key={zone.key}
          polygon={zone.polygon.map((point, index) => vertexAt(zone.key, index, point))}
          color={zone.color}
          name={zone.name}
          planWidth={width}
          planHeight={height}
          selected={zone.key === selectedZone?.key}
          onPointerDown={(event) => props.onZonePointerDown(zone.key, event)}
        />
      ))}
      {props.desks.map((desk) => {
        const at = props.positionOf(desk.id, desk.x ?? 0, desk.y ?? 0);
        return (
          <EditorDesk
            key={desk.id}
            id={desk.id}
            name={desk.name}
            x={at.x}
            y={at.y}
            rotation={desk.rotation}
            planWidth={width}
            planHeight={height}
            selected={props.selection.has(desk.id)}
            handlers={handlers}
          />
        );
      })}
      {selectedZone?.polygon.map((point, index) => {
        const at = vertexAt(selectedZone.key, index, point);
        return (
          <circle
            key={index}
            className="vertex-handle"
            cx={at.x * width}
            cy={at.y * height}
            r={7 / scale}
            onPointerDown={(event) => props.onVertexPointerDown(index, point, event)}
          />
        );
      })}
      {props.zonePoints.length > 0 && (
        <g className="zone-draft">
          <polyline
            points={props.zonePoints.map((point) => `${point.x * width},${point.y * height}`).join(' ')}
            strokeWidth={2 / scale}
          />
          {props.zonePoints.map((point, index) => (
            <circle key={index} cx={point.x * width} cy={point.y * height} r={5 / scale} />
          ))}
        </g>
      )}
      {box && (
        <rect
          className="selection-box"
          x={Math.min(box.start.x, box.current.x) * width}
          y={Math.min(box.start.y, box.current.y) * height}
          width={Math.abs(box.current.x - box.start.x) * width}
          height={Math.abs(box.current.y - box.start.y) * height}
          strokeWidth={1 / scale}
        />
      )}
      {props.placing && <title>{t('layers.clickWhere')}</title>}
    </>
  );
}

type DeskHandlers = Pick<EditorLayersProps, 'onDeskPointerDown' | 'onDeskKeyDown'>;

/** One desk of the editor: drawn again only when its own position, name, rotation or selection change. */
const EditorDesk = memo(function EditorDesk({
  handlers,
  ...desk
}: Pick<DeskGlyphProps, 'id' | 'name' | 'x' | 'y' | 'rotation' | 'planWidth' | 'planHeight'> & {
  selected: boolean;
  handlers: RefObject<DeskHandlers>;
}) {
  const t = useT();
  return (
    <DeskGlyph
      {...desk}
      label={desk.selected ? t('layers.deskSelected', { desk: desk.name }) : t('live.desk', { desk: desk.name })}
      onPointerDown={(event) => handlers.current.onDeskPointerDown(desk.id, event)}
      onKeyDown={(event) => handlers.current.onDeskKeyDown(desk.id, event)}
    />
  );
});

/** What a pointer does on the canvas now, in words. */
export function CanvasHint({ placing, mode }: { placing: string | null; mode: EditorMode }) {
  const t = useT();
  return (
    <p className="canvas-hint">
      {placing !== null
        ? t('layers.placeHint', { desk: placing })
        : mode === 'zone'
          ? t('layers.zoneHint')
          : mode === 'add'
            ? t('layers.addHint')
            : t('layers.selectHint')}
    </p>
  );
}
