import { describe, expect, it } from 'vitest';
import type { Desk } from '../../../../contract/desks.ts';
import {
  addZone,
  describeZone,
  moveDesks,
  moveZoneCorner,
  placeDesk,
  rotateDesks,
  setPositions,
  takeOffFloor,
  applyChange,
  type DraftDesk,
  isDirty,
  redo,
  resolveConflicts,
  saveRequest,
  snap,
  startEditor,
  undo,
  withNewDesks,
} from './editor-state.ts';

const desk = (id: string, x: number | null, y: number | null, version = 1, floorId: string | null = 'f1'): Desk => ({
  id,
  name: id.toUpperCase(),
  mac: '009033000000',
  computerNames: [],
  floorId: x === null ? null : floorId,
  x,
  y,
  rotation: 0,
  zoneId: null,
  enabled: true,
  bookable: true,
  version,
});

const move = (id: string, x: number, y: number) => (layout: ReturnType<typeof startEditor>['draft']) => ({
  ...layout,
  desks: { ...layout.desks, [id]: { ...(layout.desks[id] as DraftDesk), x, y, onFloor: true } },
});

describe('the floor editor draft', () => {
  it('tracks changes, undoes and redoes them', () => {
    let state = startEditor('f1', [desk('a', 0.1, 0.1), desk('b', null, null)], []);
    expect(isDirty(state)).toBe(false);
    state = applyChange(state, move('a', 0.2, 0.2));
    state = applyChange(state, move('b', 0.5, 0.5));
    expect(saveRequest(state).desks.map((item) => [item.id, item.x, item.onFloor, item.version])).toEqual([
      ['a', 0.2, true, 1],
      ['b', 0.5, true, 1],
    ]);
    state = undo(state);
    expect(saveRequest(state).desks.map((item) => item.id)).toEqual(['a']);
    state = undo(state);
    expect(isDirty(state)).toBe(false);
    state = redo(redo(state));
    expect(saveRequest(state).desks).toHaveLength(2);
  });

  it('sends new, changed and deleted zones with their versions', () => {
    let state = startEditor(
      'f1',
      [],
      [
        {
          id: 'z1',
          floorId: 'f1',
          name: 'Quiet',
          color: '#22c55e',
          polygon: [
            { x: 0, y: 0 },
            { x: 1, y: 0 },
            { x: 1, y: 1 },
          ],
          version: 4,
        },
      ],
    );
    state = applyChange(state, (draft) => ({
      ...draft,
      zones: [
        ...draft.zones.map((zone) => ({ ...zone, deleted: true })),
        {
          key: 'new-1',
          id: undefined,
          name: 'Team',
          color: '#3b82f6',
          polygon: [
            { x: 0, y: 0 },
            { x: 0.5, y: 0 },
            { x: 0.5, y: 0.5 },
          ],
          deleted: false,
        },
      ],
    }));
    expect(saveRequest(state).zones).toEqual([
      { id: 'z1', version: 4, name: 'Quiet', color: '#22c55e', polygon: expect.any(Array), deleted: true },
      { name: 'Team', color: '#3b82f6', polygon: expect.any(Array), deleted: false },
    ]);
  });

  it('resolves a conflict by keeping mine on their version, or by taking theirs', () => {
    let state = startEditor('f1', [desk('a', 0.1, 0.1), desk('b', 0.3, 0.3)], []);
    state = applyChange(state, move('a', 0.2, 0.2));
    state = applyChange(state, move('b', 0.4, 0.4));
    const conflicts = { desks: [desk('a', 0.9, 0.9, 2), desk('b', 0.8, 0.8, 5)], zones: [] };
    state = resolveConflicts(state, 'f1', conflicts, new Set(['a']));
    const request = saveRequest(state);
    expect(request.desks).toEqual([{ id: 'a', version: 2, x: 0.2, y: 0.2, rotation: 0, onFloor: true }]);
    expect(state.draft.desks.b).toMatchObject({ x: 0.8, y: 0.8 });
  });

  it('snaps to the grid and stays on the plan', () => {
    expect(snap(0.123, 0.05)).toBeCloseTo(0.1);
    expect(snap(1.2, 0.05)).toBe(1);
    expect(snap(-0.1, 0.05)).toBe(0);
  });
});

describe('layout operations', () => {
  const draft = () =>
    addZone(startEditor('f1', [desk('a', 0.5, 0.5), desk('b', null, null, 1, null)], []).draft, {
      key: 'z',
      name: 'East',
      color: '#0af',
      polygon: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
      ],
    });

  it('moves placed desks and keeps them on the plan; unplaced desks do not move', () => {
    const moved = moveDesks(draft(), ['a', 'b'], 0.7, -0.1);
    expect([moved.desks.a?.x, moved.desks.a?.y]).toEqual([1, 0.4]);
    expect([moved.desks.b?.x, moved.desks.b?.y]).toEqual([null, null]);
  });

  it('rotates in whole turns both ways, places, and takes off the floor with a zone', () => {
    expect(rotateDesks(draft(), ['a'], -15).desks.a?.rotation).toBe(345);
    expect(placeDesk(draft(), 'b', { x: 0.2, y: 0.3 }).desks.b).toMatchObject({ x: 0.2, y: 0.3, onFloor: true });
    const taken = takeOffFloor(draft(), ['a'], 'z');
    expect(taken.desks.a).toMatchObject({ onFloor: false, x: null, y: null });
    expect(taken.zones[0]?.deleted).toBe(true);
  });

  it('moves one zone corner and renames a zone, leaving the rest', () => {
    const cornered = moveZoneCorner(draft(), 'z', 1, { x: 0.9, y: 0.1 });
    expect(cornered.zones[0]?.polygon).toEqual([
      { x: 0, y: 0 },
      { x: 0.9, y: 0.1 },
      { x: 1, y: 1 },
    ]);
    expect(describeZone(draft(), 'z', 'West', '#f00').zones[0]).toMatchObject({ name: 'West', color: '#f00' });
    expect(setPositions(draft(), { a: { x: 0.1, y: 0.2 } }).desks.a).toMatchObject({ x: 0.1, y: 0.2 });
  });

  it('takes in desks made meanwhile without losing the draft, and keeps them through undo', () => {
    const moved = applyChange(startEditor('f1', [desk('a', 0.1, 0.1)], []), move('a', 0.5, 0.5));
    const later = withNewDesks(moved, 'f1', [desk('a', 0.1, 0.1), desk('b', 0.7, 0.2)]);
    expect(later.draft.desks.a).toMatchObject({ x: 0.5, y: 0.5 });
    expect(later.draft.desks.b).toMatchObject({ x: 0.7, y: 0.2, onFloor: true });
    expect(saveRequest(later).desks.map((saved) => saved.id)).toEqual(['a']);
    const undone = undo(later);
    expect(undone.draft.desks.b).toMatchObject({ x: 0.7, y: 0.2 });
    expect(isDirty(undone)).toBe(false);
    expect(withNewDesks(later, 'f1', [desk('a', 0.1, 0.1), desk('b', 0.7, 0.2)])).toBe(later);
  });
});
