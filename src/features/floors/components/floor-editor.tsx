import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useBlocker } from 'react-router';
import {
  layoutConflictSchema,
  type Desk,
  type Floor,
  type LayoutConflict,
  type Zone,
} from '../../../../contract/desks.ts';
import type { Point } from '../../../../contract/geometry.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { planUrl, useSaveLayout } from '../api/floors.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import {
  addZone,
  applyChange,
  changedDeskIds,
  changedZones,
  clamp01,
  describeZone,
  isDirty,
  moveDesks,
  moveZoneCorner,
  placeDesk as placeDeskIn,
  redo,
  resolveConflicts,
  rotateDesks,
  saveRequest,
  setPositions,
  snap,
  startEditor,
  takeOffFloor,
  undo,
  type EditorState,
  type Layout,
} from './editor-state.ts';
import { DeskGlyph, ZoneShape, useViewport } from './floor-canvas.tsx';
import { EditorSidebar } from './editor-sidebar.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { ZoneDialog } from './zone-dialog.tsx';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';

const GRID = 0.01;
const NUDGE = 0.005;
const NUDGE_LARGE = 0.025;
const ROTATE_STEP = 15;

type Drag =
  | { kind: 'move'; start: Point; current: Point; origin: Record<string, Point>; moved: boolean }
  | { kind: 'box'; start: Point; current: Point; additive: boolean }
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'vertex'; zoneKey: string; index: number; current: Point };

interface FloorEditorProps {
  floor: Floor;
  desks: Desk[];
  zones: Zone[];
}

export function FloorEditor({ floor, desks, zones }: FloorEditorProps) {
  const plan = floor.plan;
  const width = plan?.width ?? 1000;
  const height = plan?.height ?? 700;
  const [state, setState] = useState<EditorState>(() => startEditor(floor.id, desks, zones));
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [zoneSelection, setZoneSelection] = useState<string | null>(null);
  const [mode, setMode] = useState<'select' | 'zone'>('select');
  const [placing, setPlacing] = useState<string | null>(null);
  const [snapOn, setSnapOn] = useState(true);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [zonePoints, setZonePoints] = useState<Point[]>([]);
  const [pendingZone, setPendingZone] = useState<Point[] | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [conflict, setConflict] = useState<LayoutConflict | null>(null);
  const [unplacedFilter, setUnplacedFilter] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const save = useSaveLayout(floor.id);
  const svgRef = useRef<SVGSVGElement>(null);
  const { viewport, size, zoomBy, panBy, fit, toPlan } = useViewport(svgRef, width, height);
  const dirty = isDirty(state);
  const changeCount = changedDeskIds(state).length + changedZones(state).length;
  const place = (value: number) => (snapOn ? snap(value, GRID) : clamp01(value));

  // Someone else's saves show up live while this editor has nothing unsaved (React's "adjust state
  // when a prop changes" pattern: compare with what the draft was started from, during render).
  const [source, setSource] = useState({ desks, zones });
  if (source.desks !== desks || source.zones !== zones) {
    setSource({ desks, zones });
    if (!isDirty(state)) setState(startEditor(floor.id, desks, zones));
  }

  const blocker = useBlocker(dirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (mutate: (draft: Layout) => Layout, message: string) => {
    setState((current) => applyChange(current, mutate));
    setAnnouncement(message);
  };

  const placed = Object.values(state.draft.desks).filter((desk) => desk.onFloor && desk.x !== null && desk.y !== null);
  const deskById = useMemo(() => new Map(desks.map((desk) => [desk.id, desk])), [desks]);
  // Desks on no floor, or taken off this one in the draft; desks on other floors are not offered.
  const unplaced = Object.values(state.draft.desks)
    .filter((desk) => {
      const serverFloor = deskById.get(desk.id)?.floorId ?? null;
      return !desk.onFloor && (serverFloor === null || serverFloor === floor.id);
    })
    .filter((desk) => desk.name.toLowerCase().includes(unplacedFilter.trim().toLowerCase()))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

  const positionOf = (id: string, x: number, y: number): Point => {
    if (drag?.kind === 'move' && drag.origin[id]) {
      const origin = drag.origin[id];
      return { x: place(origin.x + drag.current.x - drag.start.x), y: place(origin.y + drag.current.y - drag.start.y) };
    }
    return { x, y };
  };

  const placeDesk = (id: string, at: Point) => {
    const name = state.draft.desks[id]?.name ?? '';
    change((draft) => placeDeskIn(draft, id, { x: place(at.x), y: place(at.y) }), `Placed ${name}.`);
    setPlacing(null);
    setSelection(new Set([id]));
  };

  const moveSelection = (dx: number, dy: number) => {
    if (selection.size === 0) return;
    change(
      (draft) => moveDesks(draft, selection, dx, dy),
      `Moved ${selection.size} desk${selection.size === 1 ? '' : 's'}.`,
    );
  };

  const rotateSelection = (degrees: number) => {
    if (selection.size === 0) return;
    change(
      (draft) => rotateDesks(draft, selection, degrees),
      `Rotated ${selection.size} desk${selection.size === 1 ? '' : 's'} by ${degrees}°.`,
    );
  };

  const removeSelection = () => {
    const count = selection.size;
    change(
      (draft) => takeOffFloor(draft, selection, zoneSelection),
      count > 0 ? `Removed ${count} desk${count === 1 ? '' : 's'} from the floor.` : 'Removed the zone.',
    );
    setSelection(new Set());
    setZoneSelection(null);
    setConfirmRemove(false);
  };

  const finishZone = () => {
    if (zonePoints.length >= 3) setPendingZone(zonePoints);
    setZonePoints([]);
  };

  const onBackgroundPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    const point = toPlan(event.clientX, event.clientY);
    svgRef.current?.setPointerCapture(event.pointerId);
    if (event.button === 1 || event.altKey) {
      setDrag({ kind: 'pan', lastX: event.clientX, lastY: event.clientY });
      return;
    }
    if (placing !== null) {
      placeDesk(placing, point);
      return;
    }
    if (mode === 'zone') {
      const first = zonePoints[0];
      const closeEnough =
        first && Math.hypot((first.x - point.x) * width, (first.y - point.y) * height) * viewport.k < 12;
      if (closeEnough && zonePoints.length >= 3) finishZone();
      else setZonePoints((points) => [...points, { x: clamp01(point.x), y: clamp01(point.y) }]);
      return;
    }
    setZoneSelection(null);
    setDrag({ kind: 'box', start: point, current: point, additive: event.shiftKey });
  };

  const onDeskPointerDown = (id: string, event: PointerEvent<SVGGElement>) => {
    if (mode !== 'select' || placing !== null || event.button !== 0) return;
    event.stopPropagation();
    svgRef.current?.setPointerCapture(event.pointerId);
    setZoneSelection(null);
    let next: ReadonlySet<string> = selection;
    if (event.shiftKey) {
      const toggled = new Set(selection);
      if (toggled.has(id)) toggled.delete(id);
      else toggled.add(id);
      next = toggled;
    } else if (!selection.has(id)) next = new Set([id]);
    setSelection(next);
    const point = toPlan(event.clientX, event.clientY);
    const origin: Record<string, Point> = {};
    for (const selected of next) {
      const desk = state.draft.desks[selected];
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
        drag.moved || Math.hypot((point.x - drag.start.x) * width, (point.y - drag.start.y) * height) * viewport.k > 3;
      setDrag({ ...drag, current: point, moved });
    } else setDrag({ ...drag, current: point });
  };

  const onPointerUp = () => {
    if (!drag) return;
    if (drag.kind === 'move' && drag.moved) {
      const final = Object.fromEntries(Object.keys(drag.origin).map((id) => [id, positionOf(id, 0, 0)]));
      change(
        (draft) => setPositions(draft, final),
        `Moved ${Object.keys(final).length} desk${Object.keys(final).length === 1 ? '' : 's'}.`,
      );
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
        'Moved a zone corner.',
      );
    }
    setDrag(null);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea, dialog')) return;
    const command = event.ctrlKey || event.metaKey;
    const step = event.shiftKey ? NUDGE_LARGE : NUDGE;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      if (selection.size > 0) moveSelection(arrow[0] * step, arrow[1] * step);
      else panBy(-arrow[0] * 60, -arrow[1] * 60);
    } else if (command && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      setState((current) => (event.shiftKey ? redo(current) : undo(current)));
      setAnnouncement(event.shiftKey ? 'Redone.' : 'Undone.');
    } else if (command && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      setState(redo);
    } else if (command && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection(new Set(placed.map((desk) => desk.id)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      if (selection.size > 0 || zoneSelection !== null) {
        event.preventDefault();
        setConfirmRemove(true);
      }
    } else if (event.key === 'r' || event.key === 'R') {
      rotateSelection(event.shiftKey ? -ROTATE_STEP : ROTATE_STEP);
    } else if (event.key === 'Escape') {
      setSelection(new Set());
      setZoneSelection(null);
      setZonePoints([]);
      setPlacing(null);
    } else if (event.key === 'Enter' && mode === 'zone') {
      finishZone();
    } else if (event.key === '+' || event.key === '=') {
      zoomBy(1.25);
    } else if (event.key === '-') {
      zoomBy(0.8);
    } else if (event.key === '0') {
      fit();
    }
  };

  const onDeskKeyDown = (id: string, event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelection((current) => {
        if (!event.shiftKey) return current.has(id) && current.size === 1 ? new Set() : new Set([id]);
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    }
  };

  const doSave = (editor: EditorState) => {
    save.mutate(saveRequest(editor), {
      onSuccess: (result) => {
        const merged = desks.map((desk) => result.desks.find((saved) => saved.id === desk.id) ?? desk);
        setState(startEditor(floor.id, merged, result.zones));
        setAnnouncement('Floor saved.');
      },
      onError: (error) => {
        const parsed = layoutConflictSchema.safeParse(error.body.conflicts);
        if (error.code === 'layout_conflict' && parsed.success) setConflict(parsed.data);
      },
    });
  };

  const url = useResourceUrl(planUrl(floor));
  const box = drag?.kind === 'box' ? drag : null;
  const selectedZone = state.draft.zones.find((zone) => zone.key === zoneSelection && !zone.deleted) ?? null;
  /** The plan position in the middle of what is on screen now (for placing by keyboard). */
  const viewCenter = (): Point => {
    const rect = svgRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return toPlan(rect.left + size.width / 2, rect.top + size.height / 2);
  };

  return (
    <div className="floor-editor">
      <EditorToolbar
        mode={mode}
        onMode={(next) => {
          setMode(next);
          if (next === 'zone') setSelection(new Set());
        }}
        zoom={{ zoomBy, fit, level: viewport.k }}
        snapOn={snapOn}
        onSnap={setSnapOn}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        onUndo={() => setState(undo)}
        onRedo={() => setState(redo)}
        unsaved={dirty ? changeCount : 0}
        saving={save.isPending}
        onDiscard={() => setState(startEditor(floor.id, desks, zones))}
        onSave={() => doSave(state)}
      />
      {save.error && save.error.code !== 'layout_conflict' && (
        <div className="alert alert-error" role="alert">
          Could not save: {save.error.message}
        </div>
      )}
      <div className="editor-body">
        <div className="editor-canvas-wrap">
          <svg
            ref={svgRef}
            className={`floor-canvas mode-${placing !== null ? 'place' : mode}`}
            role="application"
            tabIndex={0}
            aria-label={`Floor map of ${floor.name}. Arrow keys move the selected desks, R rotates, Delete removes, Ctrl+Z undoes.`}
            onKeyDown={onKeyDown}
            onPointerDown={onBackgroundPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
            onDoubleClick={() => mode === 'zone' && finishZone()}
          >
            <g transform={`translate(${viewport.tx} ${viewport.ty}) scale(${viewport.k})`}>
              {url && <image href={url} width={width} height={height} preserveAspectRatio="none" />}
              <rect className="plan-frame" width={width} height={height} />
              {state.draft.zones
                .filter((zone) => !zone.deleted)
                .map((zone) => (
                  <ZoneShape
                    key={zone.key}
                    polygon={
                      drag?.kind === 'vertex' && drag.zoneKey === zone.key
                        ? zone.polygon.map((point, index) => (index === drag.index ? drag.current : point))
                        : zone.polygon
                    }
                    color={zone.color}
                    name={zone.name}
                    planWidth={width}
                    planHeight={height}
                    selected={zone.key === zoneSelection}
                    onPointerDown={(event) => {
                      if (mode !== 'select' || placing !== null) return;
                      event.stopPropagation();
                      setSelection(new Set());
                      setZoneSelection(zone.key);
                    }}
                  />
                ))}
              {placed.map((desk) => {
                const at = positionOf(desk.id, desk.x ?? 0, desk.y ?? 0);
                return (
                  <DeskGlyph
                    key={desk.id}
                    id={desk.id}
                    name={desk.name}
                    x={at.x}
                    y={at.y}
                    rotation={desk.rotation}
                    planWidth={width}
                    planHeight={height}
                    selected={selection.has(desk.id)}
                    label={`Desk ${desk.name}${selection.has(desk.id) ? ', selected' : ''}`}
                    onPointerDown={(event) => onDeskPointerDown(desk.id, event)}
                    onKeyDown={(event) => onDeskKeyDown(desk.id, event)}
                  />
                );
              })}
              {selectedZone &&
                selectedZone.polygon.map((point, index) => (
                  <circle
                    key={index}
                    className="vertex-handle"
                    cx={(drag?.kind === 'vertex' && drag.index === index ? drag.current : point).x * width}
                    cy={(drag?.kind === 'vertex' && drag.index === index ? drag.current : point).y * height}
                    r={7 / viewport.k}
                    onPointerDown={(event) => {
                      event.stopPropagation();
                      svgRef.current?.setPointerCapture(event.pointerId);
                      setDrag({ kind: 'vertex', zoneKey: selectedZone.key, index, current: point });
                    }}
                  />
                ))}
              {zonePoints.length > 0 && (
                <g className="zone-draft">
                  <polyline
                    points={zonePoints.map((point) => `${point.x * width},${point.y * height}`).join(' ')}
                    strokeWidth={2 / viewport.k}
                  />
                  {zonePoints.map((point, index) => (
                    <circle key={index} cx={point.x * width} cy={point.y * height} r={5 / viewport.k} />
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
                  strokeWidth={1 / viewport.k}
                />
              )}
              {placing !== null && <title>Click where the desk stands</title>}
            </g>
          </svg>
          <p className="canvas-hint">
            {placing !== null
              ? `Click on the plan where desk ${state.draft.desks[placing]?.name ?? ''} stands, or press Escape.`
              : mode === 'zone'
                ? 'Click to add corners; click the first corner, double-click or press Enter to finish. Escape cancels.'
                : 'Drag desks to move them. Drag on the plan to select several, Shift adds. Alt-drag or the middle button pans; the wheel zooms.'}
          </p>
        </div>
        <EditorSidebar
          selection={[...selection].map((id) => state.draft.desks[id]?.name ?? '')}
          zone={selectedZone}
          unplaced={unplaced}
          filter={unplacedFilter}
          onFilter={setUnplacedFilter}
          placing={placing}
          onRotate={(left) => rotateSelection(left ? -ROTATE_STEP : ROTATE_STEP)}
          onRemove={() => setConfirmRemove(true)}
          onEditZone={() => selectedZone && setPendingZone(selectedZone.polygon)}
          onPlace={(id) => {
            setMode('select');
            setPlacing(placing === id ? null : id);
          }}
          onToCentre={(id) => {
            const center = viewCenter();
            placeDesk(id, { x: clamp01(center.x), y: clamp01(center.y) });
            requestAnimationFrame(() =>
              (svgRef.current?.querySelector(`[data-desk-id="${id}"]`) as SVGGElement | null)?.focus(),
            );
          }}
        />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={confirmRemove}
        title={
          selection.size > 0
            ? `Remove ${selection.size} desk${selection.size === 1 ? '' : 's'} from this floor?`
            : 'Delete this zone?'
        }
        confirmLabel={selection.size > 0 ? 'Remove' : 'Delete zone'}
        danger
        onCancel={() => setConfirmRemove(false)}
        onConfirm={removeSelection}
      >
        <p>
          {selection.size > 0
            ? 'They stay in the desk table and can be placed again. Nothing is saved until you save the floor.'
            : 'Desks in it keep their places. Nothing is saved until you save the floor.'}
        </p>
      </ConfirmDialog>
      <ZoneDialog
        open={pendingZone !== null}
        initial={
          selectedZone && pendingZone === selectedZone.polygon
            ? { name: selectedZone.name, color: selectedZone.color }
            : null
        }
        onCancel={() => setPendingZone(null)}
        onSubmit={({ name, color }) => {
          const polygon = pendingZone ?? [];
          if (selectedZone && pendingZone === selectedZone.polygon) {
            change((draft) => describeZone(draft, selectedZone.key, name, color), `Zone ${name} changed.`);
          } else {
            const key = `new-${Date.now()}`;
            change((draft) => addZone(draft, { key, name, color, polygon }), `Zone ${name} added.`);
            setZoneSelection(key);
            setMode('select');
          }
          setPendingZone(null);
        }}
      />
      <ConflictDialog
        conflict={conflict}
        state={state}
        floorId={floor.id}
        onCancel={() => setConflict(null)}
        onResolve={(keepMine) => {
          if (!conflict) return;
          const resolved = resolveConflicts(state, floor.id, conflict, keepMine);
          setState(resolved);
          setConflict(null);
          doSave(resolved);
        }}
      />
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        confirmLabel="Leave and discard"
        danger
        onCancel={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
      >
        <p>
          This floor has {changeCount} unsaved change{changeCount === 1 ? '' : 's'}. If you leave now, they are lost.
        </p>
      </ConfirmDialog>
    </div>
  );
}
