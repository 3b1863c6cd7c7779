import type { Point } from '../../../../contract/geometry.ts';
import type { Desk } from '../../../../contract/desks.ts';
import type { LayoutConflict, LayoutSaveRequest, Zone } from '../../../../contract/floors.ts';
import { foldForSearch, matchesWords, searchWords } from '../../../../contract/search.ts';
import { sortNaturally } from '../../../lib/natural-sort.ts';

/** Where a desk stands in the draft. `onFloor: false` is off this floor (the desk stays in the table). */
export interface DraftDesk {
  id: string;
  name: string;
  x: number | null;
  y: number | null;
  rotation: number;
  onFloor: boolean;
}

export interface DraftZone {
  /** The zone id, or a temporary key for a zone drawn in this draft. */
  key: string;
  id: string | undefined;
  name: string;
  color: string;
  polygon: Point[];
  deleted: boolean;
}

export interface Layout {
  desks: Record<string, DraftDesk>;
  zones: DraftZone[];
}

export interface EditorState {
  /** What the server had when this draft started (or was last rebased). */
  base: Layout;
  /** The version of every desk and zone the draft is based on. */
  versions: Record<string, number>;
  draft: Layout;
  past: Layout[];
  future: Layout[];
}

const HISTORY_LIMIT = 200;

export function layoutFrom(
  floorId: string,
  desks: readonly Desk[],
  zones: readonly Zone[],
): { layout: Layout; versions: Record<string, number> } {
  const layout: Layout = { desks: {}, zones: [] };
  const versions: Record<string, number> = {};
  for (const desk of desks) {
    versions[desk.id] = desk.version;
    layout.desks[desk.id] = {
      id: desk.id,
      name: desk.name,
      x: desk.x,
      y: desk.y,
      rotation: desk.rotation,
      onFloor: desk.floorId === floorId && desk.x !== null && desk.y !== null,
    };
  }
  for (const zone of zones) {
    versions[zone.id] = zone.version;
    layout.zones.push({
      key: zone.id,
      id: zone.id,
      name: zone.name,
      color: zone.color,
      polygon: zone.polygon,
      deleted: false,
    });
  }
  return { layout, versions };
}

export function startEditor(floorId: string, desks: readonly Desk[], zones: readonly Zone[]): EditorState {
  const { layout, versions } = layoutFrom(floorId, desks, zones);
  return { base: layout, versions, draft: layout, past: [], future: [] };
}

/**
 * Desks the service has and the draft does not (made meanwhile, here or elsewhere) join the draft as they are,
 * in every step of its history too, so that neither undo nor a save touches them; the draft's edits stay.
 */
export function withNewDesks(state: EditorState, floorId: string, desks: readonly Desk[]): EditorState {
  const fresh = desks.filter((desk) => state.base.desks[desk.id] === undefined);
  if (fresh.length === 0) return state;
  const { layout, versions } = layoutFrom(floorId, fresh, []);
  const add = (into: Layout): Layout => ({ ...into, desks: { ...into.desks, ...layout.desks } });
  return {
    base: add(state.base),
    versions: { ...state.versions, ...versions },
    draft: add(state.draft),
    past: state.past.map(add),
    future: state.future.map(add),
  };
}

/** One undoable step. */
export function applyChange(state: EditorState, change: (draft: Layout) => Layout): EditorState {
  const next = change(state.draft);
  if (next === state.draft) return state;
  return { ...state, draft: next, past: [...state.past.slice(-HISTORY_LIMIT + 1), state.draft], future: [] };
}

export function undo(state: EditorState): EditorState {
  const previous = state.past.at(-1);
  if (!previous) return state;
  return { ...state, draft: previous, past: state.past.slice(0, -1), future: [state.draft, ...state.future] };
}

export function redo(state: EditorState): EditorState {
  const [next, ...rest] = state.future;
  if (!next) return state;
  return { ...state, draft: next, past: [...state.past, state.draft], future: rest };
}

const sameDesk = (a: DraftDesk | undefined, b: DraftDesk | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.onFloor === b.onFloor &&
  a.x === b.x &&
  a.y === b.y &&
  a.rotation === b.rotation;

const sameZone = (a: DraftZone, b: DraftZone | undefined) =>
  b !== undefined &&
  a.deleted === b.deleted &&
  a.name === b.name &&
  a.color === b.color &&
  JSON.stringify(a.polygon) === JSON.stringify(b.polygon);

export function changedDeskIds(state: EditorState): string[] {
  return Object.keys(state.draft.desks).filter((id) => !sameDesk(state.draft.desks[id], state.base.desks[id]));
}

export function changedZones(state: EditorState): DraftZone[] {
  return state.draft.zones.filter((zone) => {
    const before = state.base.zones.find((candidate) => candidate.key === zone.key);
    if (!before) return !zone.deleted;
    return !sameZone(zone, before);
  });
}

export const isDirty = (state: EditorState) => changedDeskIds(state).length > 0 || changedZones(state).length > 0;

/** The save request: only what changed, each with the version it was based on. */
export function saveRequest(state: EditorState): LayoutSaveRequest {
  return {
    desks: changedDeskIds(state).flatMap((id) => {
      const desk = state.draft.desks[id];
      if (!desk) return [];
      return [
        { id, version: state.versions[id] ?? 0, x: desk.x, y: desk.y, rotation: desk.rotation, onFloor: desk.onFloor },
      ];
    }),
    zones: changedZones(state).map((zone) => ({
      ...(zone.id === undefined ? {} : { id: zone.id, version: state.versions[zone.id] ?? 0 }),
      name: zone.name,
      color: zone.color,
      polygon: zone.polygon,
      deleted: zone.deleted,
    })),
  };
}

/**
 * After a conflict: for each item the person decided on, rebase onto the other side's version.
 * `keepMine`: my draft stays and will overwrite theirs on the next save. Otherwise theirs replaces mine.
 */
export function resolveConflicts(
  state: EditorState,
  floorId: string,
  conflicts: LayoutConflict,
  keepMine: ReadonlySet<string>,
): EditorState {
  const versions = { ...state.versions };
  const base: Layout = { desks: { ...state.base.desks }, zones: [...state.base.zones] };
  const draft: Layout = { desks: { ...state.draft.desks }, zones: [...state.draft.zones] };
  for (const current of conflicts.desks) {
    versions[current.id] = current.version;
    const theirs = layoutFrom(floorId, [current], []).layout.desks[current.id];
    if (!theirs) continue;
    base.desks[current.id] = theirs;
    if (!keepMine.has(current.id)) draft.desks[current.id] = theirs;
  }
  for (const { id, current } of conflicts.zones) {
    const mine = keepMine.has(id);
    if (current) versions[id] = current.version;
    const theirs: DraftZone | null = current
      ? { key: id, id, name: current.name, color: current.color, polygon: current.polygon, deleted: false }
      : null;
    base.zones = base.zones.filter((zone) => zone.key !== id).concat(theirs ? [theirs] : []);
    if (!theirs) {
      // Deleted by them: keeping mine re-creates it as a new zone.
      draft.zones = draft.zones.flatMap((zone) =>
        zone.key !== id ? [zone] : mine ? [{ ...zone, key: `re-${id}`, id: undefined }] : [],
      );
    } else if (!mine) {
      draft.zones = draft.zones.map((zone) => (zone.key === id ? theirs : zone));
    }
  }
  return { base, versions, draft, past: [...state.past, state.draft], future: [] };
}

export function snap(value: number, step: number): number {
  return Math.min(1, Math.max(0, Math.round(value / step) * step));
}

export const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** The editor's layout operations: pure, one draft in, the next out (the component only picks which). */

/** `mutate` applied to each of `ids` that is in the draft. */
function eachDesk(draft: Layout, ids: Iterable<string>, mutate: (desk: DraftDesk) => DraftDesk): Layout {
  const desks = { ...draft.desks };
  for (const id of ids) {
    const desk = desks[id];
    if (desk) desks[id] = mutate(desk);
  }
  return { ...draft, desks };
}

export const placeDesk = (draft: Layout, id: string, at: Point): Layout =>
  eachDesk(draft, [id], (desk) => ({ ...desk, x: at.x, y: at.y, onFloor: true }));

/** Placed desks move by (dx, dy), kept on the plan; unplaced ones stay where they are. */
export const moveDesks = (draft: Layout, ids: Iterable<string>, dx: number, dy: number): Layout =>
  eachDesk(draft, ids, (desk) =>
    desk.x !== null && desk.y !== null ? { ...desk, x: clamp01(desk.x + dx), y: clamp01(desk.y + dy) } : desk,
  );

export const rotateDesks = (draft: Layout, ids: Iterable<string>, degrees: number): Layout =>
  eachDesk(draft, ids, (desk) => ({ ...desk, rotation: (((desk.rotation + degrees) % 360) + 360) % 360 }));

export const setPositions = (draft: Layout, positions: Record<string, Point>): Layout =>
  eachDesk(draft, Object.keys(positions), (desk) => {
    const at = positions[desk.id];
    return at ? { ...desk, x: at.x, y: at.y } : desk;
  });

/** Desks leave the floor (they stay in the desk table); a zone, if given, is deleted. */
export function takeOffFloor(draft: Layout, ids: Iterable<string>, zoneKey: string | null): Layout {
  const next = eachDesk(draft, ids, (desk) => ({ ...desk, onFloor: false, x: null, y: null }));
  return zoneKey === null
    ? next
    : { ...next, zones: next.zones.map((zone) => (zone.key === zoneKey ? { ...zone, deleted: true } : zone)) };
}

export const moveZoneCorner = (draft: Layout, zoneKey: string, index: number, at: Point): Layout => ({
  ...draft,
  zones: draft.zones.map((zone) =>
    zone.key === zoneKey ? { ...zone, polygon: zone.polygon.map((point, i) => (i === index ? at : point)) } : zone,
  ),
});

export const describeZone = (draft: Layout, zoneKey: string, name: string, color: string): Layout => ({
  ...draft,
  zones: draft.zones.map((zone) => (zone.key === zoneKey ? { ...zone, name, color } : zone)),
});

export const addZone = (draft: Layout, zone: Omit<DraftZone, 'id' | 'deleted'>): Layout => ({
  ...draft,
  zones: [...draft.zones, { ...zone, id: undefined, deleted: false }],
});

/**
 * Desks still to place, by name, found by `filter`: this floor's without a position (or taken off it in the draft)
 * and desks on no floor; desks on other floors are not offered. `onThisFloor`: those of them that are this floor's.
 */
export function unplacedDesks(
  state: EditorState,
  stored: ReadonlyMap<string, Desk>,
  floorId: string,
  filter: string,
): { unplaced: DraftDesk[]; onThisFloor: ReadonlySet<string> } {
  const words = searchWords(filter);
  const unplaced = sortNaturally(
    Object.values(state.draft.desks).filter((desk) => {
      const storedFloor = stored.get(desk.id)?.floorId ?? null;
      return (
        !desk.onFloor &&
        (storedFloor === null || storedFloor === floorId) &&
        (words.length === 0 || matchesWords(words, foldForSearch(desk.name)))
      );
    }),
    (desk) => desk.name,
    true,
  );
  const onThisFloor = new Set(
    unplaced.filter((desk) => stored.get(desk.id)?.floorId === floorId).map((desk) => desk.id),
  );
  return { unplaced, onThisFloor };
}

/** The selection with `id` added, or taken out when it was in. */
export function toggled(selection: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
