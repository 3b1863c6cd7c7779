import { useState, type PointerEvent, type RefObject } from 'react';
import type { Point } from '../../../../contract/geometry.ts';
import type { Drag } from './editor-layers.tsx';
import { moveZoneCorner, setPositions, toggled, type DraftDesk, type Layout } from './editor-state.ts';
import { useT } from '../../../i18n/use-t.ts';

interface GestureOptions {
  svgRef: RefObject<SVGSVGElement | null>;
  /** Screen coordinates → plan coordinates (0..1). */
  toPlan: (clientX: number, clientY: number) => Point;
  panBy: (dx: number, dy: number) => void;
  scale: number;
  width: number;
  height: number;
  /** Desks can be picked up (select mode, not placing one). */
  canDragDesks: boolean;
  /** A press on the plan itself; true when the editor used it (placing a desk, drawing a zone). */
  onPlanPress: (point: Point) => boolean;
  selection: ReadonlySet<string>;
  setSelection: (selection: ReadonlySet<string>) => void;
  clearZoneSelection: () => void;
  draftDesks: Record<string, DraftDesk>;
  placed: DraftDesk[];
  /** A position as it lands (snapped to the grid when snapping is on). */
  place: (value: number) => number;
  change: (mutate: (draft: Layout) => Layout, message: string) => void;
}

/**
 * The floor editor's pointer gestures: drag desks (one or the selection), a selection box (Shift adds),
 * pan (middle button or Alt), and drag a zone's corner. Drops become one undoable change each.
 */
export function useEditorGestures(options: GestureOptions) {
  const {
    svgRef,
    toPlan,
    panBy,
    scale,
    width,
    height,
    selection,
    setSelection,
    clearZoneSelection,
    placed,
    place,
    change,
  } = options;
  const [drag, setDrag] = useState<Drag | null>(null);
  const t = useT();

  const positionOf = (id: string, x: number, y: number): Point => {
    if (drag?.kind === 'move' && drag.origin[id]) {
      const origin = drag.origin[id];
      return { x: place(origin.x + drag.current.x - drag.start.x), y: place(origin.y + drag.current.y - drag.start.y) };
    }
    return { x, y };
  };

  const onBackgroundPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    const point = toPlan(event.clientX, event.clientY);
    svgRef.current?.setPointerCapture(event.pointerId);
    if (event.button === 1 || event.altKey) {
      setDrag({ kind: 'pan', lastX: event.clientX, lastY: event.clientY });
      return;
    }
    if (options.onPlanPress(point)) return;
    clearZoneSelection();
    setDrag({ kind: 'box', start: point, current: point, additive: event.shiftKey });
  };

  const onDeskPointerDown = (id: string, event: PointerEvent<SVGGElement>) => {
    if (!options.canDragDesks || event.button !== 0) return;
    event.stopPropagation();
    svgRef.current?.setPointerCapture(event.pointerId);
    clearZoneSelection();
    let next: ReadonlySet<string> = selection;
    if (event.shiftKey) next = toggled(selection, id);
    else if (!selection.has(id)) next = new Set([id]);
    setSelection(next);
    const point = toPlan(event.clientX, event.clientY);
    const origin: Record<string, Point> = {};
    for (const selected of next) {
      const desk = options.draftDesks[selected];
      if (desk && desk.x !== null && desk.y !== null) origin[selected] = { x: desk.x, y: desk.y };
    }
    setDrag({ kind: 'move', start: point, current: point, origin, moved: false });
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    if (drag.kind === 'pan') {
      panBy(event.clientX - drag.lastX, event.clientY - drag.lastY);
      setDrag({ ...drag, lastX: event.clientX, lastY: event.clientY });
      return;
    }
    const point = toPlan(event.clientX, event.clientY);
    if (drag.kind === 'move') {
      const moved =
        drag.moved || Math.hypot((point.x - drag.start.x) * width, (point.y - drag.start.y) * height) * scale > 3;
      setDrag({ ...drag, current: point, moved });
    } else setDrag({ ...drag, current: point });
  };

  const onPointerUp = () => {
    if (!drag) return;
    if (drag.kind === 'move' && drag.moved) {
      const final = Object.fromEntries(Object.keys(drag.origin).map((id) => [id, positionOf(id, 0, 0)]));
      change((draft) => setPositions(draft, final), t('editor.moved', { count: Object.keys(final).length }));
    }
    if (drag.kind === 'box') {
      const [x1, x2] = [Math.min(drag.start.x, drag.current.x), Math.max(drag.start.x, drag.current.x)];
      const [y1, y2] = [Math.min(drag.start.y, drag.current.y), Math.max(drag.start.y, drag.current.y)];
      const inside = placed
        .filter((desk) => (desk.x ?? -1) >= x1 && (desk.x ?? -1) <= x2 && (desk.y ?? -1) >= y1 && (desk.y ?? -1) <= y2)
        .map((desk) => desk.id);
      setSelection(new Set([...(drag.additive ? selection : []), ...inside]));
    }
    if (drag.kind === 'vertex') {
      const { zoneKey, index, current } = drag;
      change(
        (draft) => moveZoneCorner(draft, zoneKey, index, { x: place(current.x), y: place(current.y) }),
        t('editor.movedCorner'),
      );
    }
    setDrag(null);
  };

  return { drag, setDrag, positionOf, onBackgroundPointerDown, onDeskPointerDown, onPointerMove, onPointerUp };
}
