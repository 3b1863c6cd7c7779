import { useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { layoutConflictSchema, type Floor, type Zone } from '../../../../contract/floors.ts';
import { type Desk } from '../../../../contract/desks.ts';
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
  placeDesk as placeDeskIn,
  redo,
  resolveConflicts,
  rotateDesks,
  saveRequest,
  snap,
  startEditor,
  takeOffFloor,
  toggled,
  undo,
  unplacedDesks,
  withNewDesks,
  type EditorState,
  type Layout,
} from './editor-state.ts';
import { keyCommand, ROTATE_FINE_STEP, ROTATE_STEP } from './editor-keys.ts';
import { CanvasHint, EditorLayers } from './editor-layers.tsx';
import { useEditorGestures } from './editor-gestures.ts';
import { deskShapeStyle, useViewport } from './floor-canvas.tsx';
import { EditorSidebar } from './editor-sidebar.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { idle, interact } from './editor-interaction.ts';
import { NewDesksDialog } from './new-desks-dialog.tsx';
import { proposeFirstName } from './new-desks.ts';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard.tsx';
import { ZoneDialog } from './zone-dialog.tsx';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';
import { useT } from '../../../i18n/use-t.ts';

const GRID = 0.01;

interface FloorEditorProps {
  floor: Floor;
  desks: Desk[];
  zones: Zone[];
}

export function FloorEditor({ floor, desks, zones }: FloorEditorProps) {
  const t = useT();
  const plan = floor.plan;
  const width = plan?.width ?? 1000;
  const height = plan?.height ?? 700;
  const [state, setState] = useState<EditorState>(() => startEditor(floor.id, desks, zones));
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [zoneSelection, setZoneSelection] = useState<string | null>(null);
  const [interaction, dispatch] = useReducer(interact, idle);
  const { tool: mode, placing, zonePoints, dialog } = interaction;
  const [snapOn, setSnapOn] = useState(true);
  const [unplacedFilter, setUnplacedFilter] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const save = useSaveLayout(floor.id);
  const svgRef = useRef<SVGSVGElement>(null);
  const { viewport, zoomBy, panBy, fit, toPlan, viewCenter } = useViewport(svgRef, width, height);
  const dirty = isDirty(state);
  const changeCount = changedDeskIds(state).length + changedZones(state).length;
  const place = (value: number) => (snapOn ? snap(value, GRID) : clamp01(value));

  // Someone else's saves show up live while this editor has nothing unsaved (React's "adjust state
  // when a prop changes" pattern: compare with what the draft was started from, during render).
  const [source, setSource] = useState({ desks, zones });
  if (source.desks !== desks || source.zones !== zones) {
    setSource({ desks, zones });
    setState(isDirty(state) ? withNewDesks(state, floor.id, desks) : startEditor(floor.id, desks, zones));
  }

  const change = (mutate: (draft: Layout) => Layout, message: string) => {
    setState((current) => applyChange(current, mutate));
    setAnnouncement(message);
  };

  const placed = Object.values(state.draft.desks).filter((desk) => desk.onFloor && desk.x !== null && desk.y !== null);
  const deskById = useMemo(() => new Map(desks.map((desk) => [desk.id, desk])), [desks]);
  const { unplaced, onThisFloor } = unplacedDesks(state, deskById, floor.id, unplacedFilter);
  const proposedName = proposeFirstName(
    desks.filter((desk) => desk.floorId === floor.id).map((desk) => desk.name),
    t('newDesks.namePrefix'),
  );

  const placeDesk = (id: string, at: Point) => {
    const name = state.draft.desks[id]?.name ?? '';
    change((draft) => placeDeskIn(draft, id, { x: place(at.x), y: place(at.y) }), t('editor.placed', { desk: name }));
    dispatch({ type: 'placed' });
    setSelection(new Set([id]));
  };

  const moveSelection = (dx: number, dy: number) => {
    if (selection.size === 0) return;
    change((draft) => moveDesks(draft, selection, dx, dy), t('editor.moved', { count: selection.size }));
  };

  const rotateSelection = (degrees: number) => {
    if (selection.size === 0) return;
    change((draft) => rotateDesks(draft, selection, degrees), t('editor.rotated', { count: selection.size, degrees }));
  };

  const removeSelection = () => {
    const count = selection.size;
    change(
      (draft) => takeOffFloor(draft, selection, zoneSelection),
      count > 0 ? t('editor.removed', { count }) : t('editor.removedZone'),
    );
    setSelection(new Set());
    setZoneSelection(null);
    dispatch({ type: 'close' });
  };

  /**
   * A press on the plan itself: places the desk being placed, opens "New desks" there, or adds a corner to the
   * zone being drawn.
   */
  const onPlanPress = (point: Point): boolean => {
    if (placing !== null) {
      placeDesk(placing, point);
      return true;
    }
    if (mode === 'add') {
      dispatch({ type: 'open', dialog: { kind: 'newDesks', at: { x: place(point.x), y: place(point.y) } } });
      return true;
    }
    if (mode !== 'zone') return false;
    const first = zonePoints[0];
    const closeEnough =
      first && Math.hypot((first.x - point.x) * width, (first.y - point.y) * height) * viewport.k < 12;
    if (closeEnough && zonePoints.length >= 3) dispatch({ type: 'finishZone' });
    else dispatch({ type: 'corner', point: { x: clamp01(point.x), y: clamp01(point.y) } });
    return true;
  };

  const { drag, setDrag, positionOf, onBackgroundPointerDown, onDeskPointerDown, onPointerMove, onPointerUp } =
    useEditorGestures({
      svgRef,
      toPlan,
      panBy,
      scale: viewport.k,
      width,
      height,
      canDragDesks: mode === 'select' && placing === null,
      onPlanPress,
      selection,
      setSelection,
      clearZoneSelection: () => setZoneSelection(null),
      draftDesks: state.draft.desks,
      placed,
      place,
      change,
    });

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if ((event.target as HTMLElement).closest('input, select, textarea, dialog')) return;
    const command = keyCommand(event, {
      hasSelection: selection.size > 0,
      hasZoneSelection: zoneSelection !== null,
      drawingZone: mode === 'zone',
    });
    if (!command) return;
    event.preventDefault();
    switch (command.kind) {
      case 'nudge':
        return moveSelection(command.dx, command.dy);
      case 'pan':
        return panBy(command.dx, command.dy);
      case 'undo':
      case 'redo':
        setState(command.kind === 'undo' ? undo : redo);
        return setAnnouncement(command.kind === 'undo' ? t('editor.undone') : t('editor.redone'));
      case 'selectAll':
        return setSelection(new Set(placed.map((desk) => desk.id)));
      case 'remove':
        return dispatch({ type: 'open', dialog: { kind: 'remove' } });
      case 'rotate':
        return rotateSelection(command.degrees);
      case 'cancel':
        setSelection(new Set());
        setZoneSelection(null);
        return dispatch({ type: 'cancel' });
      case 'finishZone':
        return dispatch({ type: 'finishZone' });
      case 'zoom':
        return zoomBy(command.factor);
      case 'fit':
        return fit();
    }
  };

  const onDeskKeyDown = (id: string, event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelection((current) =>
        event.shiftKey ? toggled(current, id) : current.has(id) && current.size === 1 ? new Set() : new Set([id]),
      );
    }
  };

  const doSave = (editor: EditorState) => {
    save.mutate(saveRequest(editor), {
      onSuccess: (result) => {
        const merged = desks.map((desk) => result.desks.find((saved) => saved.id === desk.id) ?? desk);
        setState(startEditor(floor.id, merged, result.zones));
        setAnnouncement(t('editor.saved'));
      },
      onError: (error) => {
        const parsed = layoutConflictSchema.safeParse(error.body.conflicts);
        if (error.code === 'layout_conflict' && parsed.success) {
          dispatch({ type: 'open', dialog: { kind: 'conflict', conflict: parsed.data } });
        }
      },
    });
  };

  const url = useResourceUrl(planUrl(floor));
  const selectedZone = state.draft.zones.find((zone) => zone.key === zoneSelection && !zone.deleted) ?? null;
  return (
    <div className="floor-editor">
      <EditorToolbar
        mode={mode}
        onMode={(next) => {
          dispatch({ type: 'tool', tool: next });
          if (next !== 'select') setSelection(new Set());
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
          {t('editor.couldNotSave', { message: save.error.message })}
        </div>
      )}
      <div className="editor-body">
        <div className="editor-canvas-wrap">
          <svg
            ref={svgRef}
            className={`floor-canvas mode-${placing !== null ? 'place' : mode}`}
            role="application"
            tabIndex={0}
            aria-label={t('editor.mapLabel', { floor: floor.name })}
            onKeyDown={onKeyDown}
            onPointerDown={onBackgroundPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
            onDoubleClick={() => mode === 'zone' && dispatch({ type: 'finishZone' })}
          >
            <g
              transform={`translate(${viewport.tx} ${viewport.ty}) scale(${viewport.k})`}
              style={deskShapeStyle(width)}
            >
              <EditorLayers
                width={width}
                height={height}
                url={url}
                scale={viewport.k}
                zones={state.draft.zones.filter((zone) => !zone.deleted)}
                desks={placed}
                positionOf={positionOf}
                selection={selection}
                selectedZone={selectedZone}
                drag={drag}
                zonePoints={zonePoints}
                placing={placing !== null}
                onZonePointerDown={(zoneKey, event) => {
                  if (mode !== 'select' || placing !== null) return;
                  event.stopPropagation();
                  setSelection(new Set());
                  setZoneSelection(zoneKey);
                }}
                onDeskPointerDown={onDeskPointerDown}
                onDeskKeyDown={onDeskKeyDown}
                onVertexPointerDown={(index, point, event) => {
                  if (!selectedZone) return;
                  event.stopPropagation();
                  svgRef.current?.setPointerCapture(event.pointerId);
                  setDrag({ kind: 'vertex', zoneKey: selectedZone.key, index, current: point });
                }}
              />
            </g>
          </svg>
          <CanvasHint placing={placing === null ? null : (state.draft.desks[placing]?.name ?? '')} mode={mode} />
        </div>
        <EditorSidebar
          selection={[...selection].map((id) => state.draft.desks[id]?.name ?? '')}
          zone={selectedZone}
          unplaced={unplaced}
          onThisFloor={onThisFloor}
          filter={unplacedFilter}
          onFilter={setUnplacedFilter}
          placing={placing}
          onRotate={(left, fine) => {
            const step = fine ? ROTATE_FINE_STEP : ROTATE_STEP;
            rotateSelection(left ? -step : step);
          }}
          onRemove={() => dispatch({ type: 'open', dialog: { kind: 'remove' } })}
          onEditZone={() =>
            selectedZone &&
            dispatch({ type: 'open', dialog: { kind: 'zone', polygon: selectedZone.polygon, editing: true } })
          }
          onNewDesks={() => dispatch({ type: 'open', dialog: { kind: 'newDesks', at: viewCenter() } })}
          onPlace={(id) => dispatch({ type: 'place', id })}
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
        open={dialog?.kind === 'remove'}
        title={selection.size > 0 ? t('editor.removeTitle', { count: selection.size }) : t('editor.deleteZoneTitle')}
        confirmLabel={selection.size > 0 ? t('editor.remove') : t('editor.deleteZone')}
        danger
        onCancel={() => dispatch({ type: 'close' })}
        onConfirm={removeSelection}
      >
        <p>{selection.size > 0 ? t('editor.removeBody') : t('editor.deleteZoneBody')}</p>
      </ConfirmDialog>
      <ZoneDialog
        open={dialog?.kind === 'zone'}
        initial={
          selectedZone && dialog?.kind === 'zone' && dialog.editing
            ? { name: selectedZone.name, color: selectedZone.color }
            : null
        }
        onCancel={() => dispatch({ type: 'close' })}
        onSubmit={({ name, color }) => {
          if (dialog?.kind !== 'zone') return;
          const polygon = [...dialog.polygon];
          if (selectedZone && dialog.editing) {
            change(
              (draft) => describeZone(draft, selectedZone.key, name, color),
              t('editor.zoneChanged', { zone: name }),
            );
          } else {
            const key = `new-${Date.now()}`;
            change((draft) => addZone(draft, { key, name, color, polygon }), t('editor.zoneAdded', { zone: name }));
            setZoneSelection(key);
          }
          dispatch({ type: 'done' });
        }}
      />
      <NewDesksDialog
        key={interaction.newDesksOpenings}
        at={dialog?.kind === 'newDesks' ? dialog.at : null}
        floorId={floor.id}
        plan={{ width, height }}
        proposedName={proposedName}
        takenNames={desks.map((desk) => desk.name)}
        onClose={() => dispatch({ type: 'close' })}
        onCreated={(ids) => {
          dispatch({ type: 'done' });
          setSelection(new Set(ids));
          setAnnouncement(t('newDesks.created', { count: ids.length }));
        }}
      />
      <ConflictDialog
        conflict={dialog?.kind === 'conflict' ? dialog.conflict : null}
        state={state}
        floorId={floor.id}
        onCancel={() => dispatch({ type: 'close' })}
        onResolve={(keepMine) => {
          if (dialog?.kind !== 'conflict') return;
          const resolved = resolveConflicts(state, floor.id, dialog.conflict, keepMine);
          setState(resolved);
          dispatch({ type: 'close' });
          doSave(resolved);
        }}
      />
      <UnsavedChangesGuard dirty={dirty} message={t('unsaved.floor', { count: changeCount })} />
    </div>
  );
}
