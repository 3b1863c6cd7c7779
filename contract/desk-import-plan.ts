import { MAX_ISSUES, type CsvDesk, type CsvIssue, type ParsedDeskFile } from './desk-csv.ts';
import type { Desk, ImportResponse } from './desks.ts';
import { formatMac } from './mac.ts';
import { messageText } from '../i18n/message.ts';

/**
 * The import's thinking, without a database: a checked file and the stored tables in, the plan out (what
 * is added, changed, removed, which floors are created, which rows are wrong, who sits at a desk that
 * goes). Shared by the service (server/desks/desk-import.ts decides what to do with it, import-store.ts
 * writes it) and the browser-only demo's mock, so both judge a file the same way. A holder is whoever holds
 * a desk's phone: the service's PBX user, the mock's occupant.
 */

export interface ImportTables {
  desks: Desk[];
  floors: { id: string; name: string }[];
  zones: { id: string; floorId: string; name: string }[];
}

export interface Target {
  row: number;
  mac: string;
  name: string;
  computerNames: string[];
  floorId: string | null;
  zoneId: string | null;
  x: number | null;
  y: number | null;
  rotation: number;
  enabled: boolean;
  /** false: walk-in only, never booked ahead. */
  bookable: boolean;
}

/**
 * A number from the file that differs from the stored one by less than `tolerance` is the stored one: a
 * spreadsheet keeps 15 significant digits, so an export opened and saved in Excel must not read as 148 changes.
 */
function keepIfNear(value: number | null, stored: number | null | undefined, tolerance: number): number | null {
  if (value === null || stored === null || stored === undefined) return value;
  return Math.abs(value - stored) <= tolerance ? stored : value;
}
/** Positions are fractions of the plan: a billionth is far below a pixel. Rotations are degrees. */
const POSITION_TOLERANCE = 1e-9;
const ROTATION_TOLERANCE = 1e-6;

/** Changes listed in the answer (`summary` counts them all). */
const CHANGES_LISTED = 20_000;

const view = (desk: Omit<Target, 'row'>, floorNames: Map<string, string>, zoneNames: Map<string, string>) => ({
  hw_id: formatMac(desk.mac),
  name: desk.name,
  computername: desk.computerNames.join('|'),
  floor: desk.floorId ? (floorNames.get(desk.floorId) ?? null) : null,
  zone: desk.zoneId ? (zoneNames.get(desk.zoneId) ?? null) : null,
  x: desk.x,
  y: desk.y,
  rotation: desk.rotation,
  enabled: desk.enabled,
  bookable: desk.bookable,
});

/** Who sits at a desk, as far as the import needs to know. */
export interface Holder {
  displayName: string;
}

export interface ImportPlan<H extends Holder = Holder> {
  /** Every desk the file describes, with floors and zones resolved (`new:<name>` for a floor to create). */
  targets: Target[];
  added: Target[];
  changed: { target: Target; current: Desk }[];
  removed: Desk[];
  /** Floors to create: key (`new:<lowercase name>`) → name. */
  newFloors: Map<string, string>;
  errors: CsvIssue[];
  errorCount: number;
  summary: ImportResponse['summary'];
  changes: ImportResponse['changes'];
  /** Removed desks somebody sits at, and who. */
  occupiedRemoved: { desk: Desk; deskName: string; occupant: string; holder: H }[];
}

export function planImport<H extends Holder>(
  parsed: ParsedDeskFile,
  tables: ImportTables,
  options: { mode: 'replace' | 'merge'; createFloors: boolean },
  holderOf: (mac: string) => H | null,
): ImportPlan<H> {
  const errors: CsvIssue[] = [...parsed.errors];
  let errorCount = parsed.errorCount;
  const addError = (problem: CsvIssue) => {
    errorCount += 1;
    if (errors.length < MAX_ISSUES) errors.push(problem);
  };
  const { floors, zones } = tables;
  const existing = tables.desks;
  const floorNames = new Map(floors.map((floor) => [floor.id, floor.name]));
  const zoneNames = new Map(zones.map((zone) => [zone.id, zone.name]));
  const floorsByName = new Map<string, string[]>();
  for (const floor of floors)
    floorsByName.set(floor.name.toLowerCase(), [...(floorsByName.get(floor.name.toLowerCase()) ?? []), floor.id]);
  const newFloors = new Map<string, string>();

  const byMac = new Map(existing.map((desk) => [desk.mac, desk]));
  const has = (column: string) => parsed.columns.includes(column as never);
  const targets: Target[] = [];
  for (const row of parsed.desks) {
    const current = byMac.get(row.mac);
    const floorId = resolveFloor(row, current);
    if (floorId === undefined) continue;
    const zoneId = resolveZone(row, floorId, current);
    if (zoneId === undefined) continue;
    targets.push({
      row: row.row,
      mac: row.mac,
      name: row.name,
      computerNames: has('computername') ? row.computerNames : (current?.computerNames ?? []),
      floorId,
      zoneId,
      x: has('x') ? keepIfNear(row.x, current?.x, POSITION_TOLERANCE) : (current?.x ?? null),
      y: has('y') ? keepIfNear(row.y, current?.y, POSITION_TOLERANCE) : (current?.y ?? null),
      rotation: keepIfNear(row.rotation, current?.rotation, ROTATION_TOLERANCE) ?? current?.rotation ?? 0,
      enabled: row.enabled ?? current?.enabled ?? true,
      bookable: row.bookable ?? current?.bookable ?? true,
    });
  }

  const fileMacs = new Set(parsed.desks.map((desk) => desk.mac));
  const kept = options.mode === 'merge' ? existing.filter((desk) => !fileMacs.has(desk.mac)) : [];
  const removed = options.mode === 'replace' ? existing.filter((desk) => !fileMacs.has(desk.mac)) : [];
  checkUniqueAgainstKept(targets, kept, addError);

  const changes: ImportResponse['changes'] = [];
  const summary = { added: 0, changed: 0, removed: removed.length, unchanged: 0 };
  const added: Target[] = [];
  const changed: { target: Target; current: Desk }[] = [];
  for (const target of targets) {
    const current = byMac.get(target.mac);
    const after = view(target, floorNames, zoneNames);
    if (!current) {
      summary.added += 1;
      added.push(target);
      if (changes.length < CHANGES_LISTED)
        changes.push({ kind: 'added', row: target.row, mac: target.mac, before: null, after });
      continue;
    }
    const before = view(current, floorNames, zoneNames);
    if (
      JSON.stringify(before) === JSON.stringify(after) &&
      target.zoneId === current.zoneId &&
      target.floorId === current.floorId
    ) {
      summary.unchanged += 1;
      continue;
    }
    summary.changed += 1;
    changed.push({ target, current });
    if (changes.length < CHANGES_LISTED)
      changes.push({ kind: 'changed', row: target.row, mac: target.mac, before, after });
  }
  for (const desk of removed) {
    if (changes.length < CHANGES_LISTED)
      changes.push({
        kind: 'removed',
        row: null,
        mac: desk.mac,
        before: view(desk, floorNames, zoneNames),
        after: null,
      });
  }

  const occupiedRemoved = removed.flatMap((desk) => {
    const holder = holderOf(desk.mac);
    return holder ? [{ desk, deskName: desk.name, occupant: holder.displayName, holder }] : [];
  });
  return {
    targets,
    added,
    changed,
    removed,
    newFloors,
    errors,
    errorCount,
    summary,
    changes,
    occupiedRemoved,
  };

  function resolveFloor(row: CsvDesk, current: Desk | undefined): string | null | undefined {
    if (!has('floor')) return current?.floorId ?? null;
    if (row.floor === null) return null;
    const ids = floorsByName.get(row.floor.toLowerCase()) ?? [];
    if (ids.length === 1) return ids[0];
    if (ids.length > 1) {
      addError({
        row: row.row,
        column: 'floor',
        value: row.floor,
        code: 'ambiguous_floor',
        message: messageText('contract.deskImportPlan.ambiguousFloor', { floor: row.floor }),
      });
      return undefined;
    }
    if (options.createFloors) {
      const key = `new:${row.floor.toLowerCase()}`;
      if (!newFloors.has(key)) newFloors.set(key, row.floor);
      return key;
    }
    addError({
      row: row.row,
      column: 'floor',
      value: row.floor,
      code: 'unknown_floor',
      message: messageText('contract.deskImportPlan.unknownFloor', { floor: row.floor }),
    });
    return undefined;
  }

  function resolveZone(row: CsvDesk, floorId: string | null, current: Desk | undefined): string | null | undefined {
    if (!has('zone')) return floorId === (current?.floorId ?? null) ? (current?.zoneId ?? null) : null;
    if (row.zone === null) return null;
    const zone = zones.find(
      (candidate) => candidate.floorId === floorId && candidate.name.toLowerCase() === row.zone?.toLowerCase(),
    );
    if (zone) return zone.id;
    addError({
      row: row.row,
      column: 'zone',
      value: row.zone,
      code: 'unknown_zone',
      message: messageText('contract.deskImportPlan.unknownZone', { floor: row.floor ?? '', zone: row.zone }),
    });
    return undefined;
  }
}

/** Names and computer names must be unique across the whole table the import leaves behind. */
function checkUniqueAgainstKept(targets: Target[], kept: Desk[], addError: (problem: CsvIssue) => void) {
  const names = new Map(kept.map((desk) => [desk.name.toLowerCase(), desk.name]));
  const computers = new Map(
    kept.flatMap((desk) => desk.computerNames.map((name) => [name.toLowerCase(), desk.name] as const)),
  );
  for (const target of targets) {
    const other = names.get(target.name.toLowerCase());
    if (other !== undefined) {
      addError({
        row: target.row,
        column: 'name',
        value: target.name,
        code: 'name_taken',
        message: messageText('contract.deskImportPlan.nameKept', { desk: other }),
      });
    }
    for (const computer of target.computerNames) {
      const holder = computers.get(computer.toLowerCase());
      if (holder !== undefined) {
        addError({
          row: target.row,
          column: 'computername',
          value: computer,
          code: 'computer_name_taken',
          message: messageText('contract.deskImportPlan.computerKept', { desk: holder, computer }),
        });
      }
    }
  }
}

export interface ImportOptions {
  mode: 'replace' | 'merge';
  dryRun: boolean;
  createFloors: boolean;
  confirmRemoveAll: boolean;
  /** What happens to people at desks a replace removes: log them out, or leave their phones as they are. */
  occupied: 'logout' | 'leave' | null;
  /** Whether the caller may log others out (helpdesk, admin); facility may not. */
  mayLogOut: boolean;
}

/** Occupied desks named in a dry run's answer (`occupiedRemovedCount` has them all). */
const OCCUPIED_LISTED = 100;

/** What an apply needs the person to decide first (the answer's `needs`). */
export function importNeeds(plan: ImportPlan, tables: ImportTables, options: ImportOptions): ImportResponse['needs'] {
  return {
    confirmRemoveAll:
      options.mode === 'replace' && tables.desks.length > 0 && plan.removed.length === tables.desks.length,
    occupiedRemoved: plan.occupiedRemoved
      .slice(0, OCCUPIED_LISTED)
      .map(({ deskName, occupant }) => ({ deskName, occupant })),
    occupiedRemovedCount: plan.occupiedRemoved.length,
    mayLogOut: options.mayLogOut,
  };
}

/** Why an apply must not happen: `semantic` (422, the file is wrong) or `conflict` (409, a decision is missing). */
export interface ImportRefusal {
  kind: 'semantic' | 'conflict';
  code: 'import_invalid' | 'confirm_remove_all' | 'occupied_desks' | 'desk_occupied';
  message: string;
}

/** The rules an apply passes, in order; null when it may go ahead. */
export function importRefusal(
  plan: ImportPlan,
  needs: ImportResponse['needs'],
  options: ImportOptions,
): ImportRefusal | null {
  if (plan.errorCount > 0) {
    return {
      kind: 'semantic',
      code: 'import_invalid',
      message: messageText('contract.deskImportPlan.fileHasErrors', { count: plan.errorCount }),
    };
  }
  if (needs.confirmRemoveAll && !options.confirmRemoveAll) {
    return {
      kind: 'conflict',
      code: 'confirm_remove_all',
      message: messageText('contract.deskImportPlan.importRemovesEveryDesk'),
    };
  }
  const occupied = plan.occupiedRemoved;
  if (occupied.length > 0 && options.occupied === null) {
    return {
      kind: 'conflict',
      code: 'occupied_desks',
      message: messageText('contract.deskImportPlan.removesOccupied', { count: occupied.length }),
    };
  }
  if (options.occupied === 'logout' && occupied.length > 0 && !options.mayLogOut) {
    const named = occupied
      .slice(0, 3)
      .map(({ deskName, occupant }) => `${occupant} (${deskName})`)
      .join(', ');
    return {
      kind: 'conflict',
      code: 'desk_occupied',
      message: messageText('contract.deskImportPlan.helpdeskLogsOut', {
        named,
        more: Math.max(0, occupied.length - 3),
        count: occupied.length,
      }),
    };
  }
  return null;
}
