import { describe, expect, it } from 'vitest';
import { parseDeskCsv } from './desk-csv.ts';
import type { Desk } from './desks.ts';
import { planImport, type ImportTables } from './desk-import-plan.ts';

const desk = (id: string, name: string, mac: string, floorId: string | null = null): Desk => ({
  id,
  name,
  mac,
  computerNames: [],
  floorId,
  zoneId: null,
  x: null,
  y: null,
  rotation: 0,
  enabled: true,
  bookable: true,
  version: 1,
});

const tables: ImportTables = {
  desks: [desk('d1', 'Kept', '009033000001', 'f1'), desk('d2', 'Gone', '009033000002')],
  floors: [{ id: 'f1', name: 'Ground' }],
  zones: [{ id: 'z1', floorId: 'f1', name: 'East' }],
};
const anna = { guid: 'g-anna', name: 'anna', displayName: 'Anna Weber' };
const file = (text: string) => parseDeskCsv(new TextEncoder().encode(text));

describe('planning an import (no database)', () => {
  it('replace: adds, changes and removes by MAC, and names who sits at a desk that goes', () => {
    const plan = planImport(
      file('hw_id,name,floor,zone\n009033000001,Kept renamed,Ground,East\n009033000003,New,,\n'),
      tables,
      { mode: 'replace', createFloors: false },
      (mac) => (mac === '009033000002' ? anna : null),
    );
    expect(plan.summary).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 0 });
    expect(plan.changed[0]?.target).toMatchObject({ name: 'Kept renamed', floorId: 'f1', zoneId: 'z1' });
    expect(plan.occupiedRemoved.map(({ deskName, occupant }) => [deskName, occupant])).toEqual([
      ['Gone', 'Anna Weber'],
    ]);
    expect(plan.errorCount).toBe(0);
  });

  it('makes desks walk-in only from the bookable column, and keeps what is stored where the file says nothing', () => {
    const walkIn = { ...tables, desks: [{ ...desk('d1', 'Kept', '009033000001', 'f1'), bookable: false }] };
    const plan = (text: string) => planImport(file(text), walkIn, { mode: 'merge', createFloors: false }, () => null);
    // No column, or an empty cell: the desk stays walk-in only, unchanged.
    expect(plan('hw_id,name,floor\n009033000001,Kept,Ground\n').summary).toMatchObject({ changed: 0, unchanged: 1 });
    expect(plan('hw_id,name,floor,bookable\n009033000001,Kept,Ground,\n').summary).toMatchObject({ unchanged: 1 });
    const bookable = plan('hw_id,name,floor,bookable\n009033000001,Kept,Ground,yes\n009033000009,New,,no\n');
    expect(bookable.changed[0]?.target).toMatchObject({ bookable: true });
    expect(bookable.changes[0]).toMatchObject({ before: { bookable: false }, after: { bookable: true } });
    expect(bookable.added[0]).toMatchObject({ name: 'New', bookable: false });
    const wrong = plan('hw_id,name,bookable\n009033000001,Kept,sometimes\n');
    expect(wrong.errors[0]).toMatchObject({ row: 2, column: 'bookable', code: 'invalid_boolean' });
  });

  it('reads a position Excel rounded to 15 significant digits as unchanged, and a real move as a change', () => {
    const placed: Desk = { ...desk('d1', 'Kept', '009033000001', 'f1'), x: 0.1234567890123456, y: 2 / 3, rotation: 90 };
    const current = { ...tables, desks: [placed] };
    const excel = (x: string, y: string) =>
      planImport(
        file(`hw_id,name,floor,x,y,rotation\n009033000001,Kept,Ground,${x},${y},90\n`),
        current,
        { mode: 'merge', createFloors: false },
        () => null,
      );
    expect(excel('0.123456789012346', '"0,666666666666667"').summary).toMatchObject({ changed: 0, unchanged: 1 });
    const moved = excel('0.1235', '0.666666666666667');
    expect(moved.summary).toMatchObject({ changed: 1 });
    expect(moved.changes[0]).toMatchObject({ before: { x: 0.1234567890123456 }, after: { x: 0.1235, y: 2 / 3 } });
  });

  it('merge keeps desks not in the file and refuses a name one of them holds', () => {
    const plan = planImport(
      file('hw_id,name\n009033000009,Kept\n'),
      tables,
      { mode: 'merge', createFloors: false },
      () => null,
    );
    expect(plan.removed).toEqual([]);
    expect(plan.errors).toMatchObject([{ row: 2, column: 'name', code: 'name_taken' }]);
  });

  it('an unknown floor is an error, or with createFloors a floor to create', () => {
    const text = 'hw_id,name,floor\n009033000009,Upstairs desk,Roof\n';
    expect(planImport(file(text), tables, { mode: 'merge', createFloors: false }, () => null).errors).toMatchObject([
      { code: 'unknown_floor' },
    ]);
    const creating = planImport(file(text), tables, { mode: 'merge', createFloors: true }, () => null);
    expect([...creating.newFloors]).toEqual([['new:roof', 'Roof']]);
    expect(creating.added[0]?.floorId).toBe('new:roof');
  });
});
