import { createHash } from 'node:crypto';
import { MAX_ISSUES, parseDeskCsv, type CsvDesk, type CsvIssue } from '../../contract/desk-csv.ts';
import type { Desk, ImportResponse } from '../../contract/desks.ts';
import { formatMac } from '../../contract/mac.ts';
import { recordAudit } from '../audit.ts';
import { DeskOccupancyService } from '../checkin/desk-occupancy.ts';
import type { Db } from '../db/db.ts';
import { DomainError } from '../domain-error.ts';
import type { EventBus } from '../events.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { assertPbxConnected } from './desk-service.ts';
import { listDesks } from './desk-store.ts';

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

export interface ImportDeps {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  occupancy: Pick<DeskOccupancyService, 'completePendingLogouts'>;
}

interface Target {
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
}

const CHANGES_LISTED = 1000;
/** Occupied desks named in a dry run's answer (`occupiedRemovedCount` has them all). */
const OCCUPIED_LISTED = 100;
const BATCH = 2000;

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
});

/**
 * Imports a desk file: parse and validate, resolve floors and zones, check the table that would result,
 * and diff it with the stored one. A dry run stops there. An apply with any error is refused (422) and
 * changes nothing; otherwise it is one transaction.
 */
export async function importDesks(
  deps: ImportDeps,
  actor: string,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportResponse> {
  const parsed = parseDeskCsv(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const errors: CsvIssue[] = [...parsed.errors];
  let errorCount = parsed.errorCount;
  const addError = (problem: CsvIssue) => {
    errorCount += 1;
    if (errors.length < MAX_ISSUES) errors.push(problem);
  };

  const existing = await listDesks(deps.db, { limit: 10_000_000 });
  const floors = await deps.db.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM floors');
  const zones = await deps.db.query<{ id: string; floor_id: string; name: string }>(
    'SELECT id::text AS id, floor_id::text AS floor_id, name FROM zones',
  );
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
      x: has('x') ? row.x : (current?.x ?? null),
      y: has('y') ? row.y : (current?.y ?? null),
      rotation: row.rotation ?? current?.rotation ?? 0,
      enabled: row.enabled ?? current?.enabled ?? true,
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
    const holder = deps.pbx.holderOf(desk.mac);
    return holder ? [{ desk, deskName: desk.name, occupant: holder.displayName, holder }] : [];
  });
  const needs = {
    confirmRemoveAll: options.mode === 'replace' && existing.length > 0 && removed.length === existing.length,
    occupiedRemoved: occupiedRemoved
      .slice(0, OCCUPIED_LISTED)
      .map(({ deskName, occupant }) => ({ deskName, occupant })),
    occupiedRemovedCount: occupiedRemoved.length,
    mayLogOut: options.mayLogOut,
  };
  const response = (applied: boolean): ImportResponse => ({
    summary,
    changes,
    errors,
    errorCount,
    warnings: parsed.warnings,
    needs,
    applied,
    file: { encoding: parsed.encoding, delimiter: parsed.delimiter, rows: parsed.rowCount, sha256 },
  });

  if (options.dryRun) return response(false);
  if (errorCount > 0) {
    throw new DomainError(
      'semantic',
      'import_invalid',
      `The file has ${errorCount} error${errorCount === 1 ? '' : 's'}; nothing was changed.`,
      undefined,
      response(false),
    );
  }
  if (needs.confirmRemoveAll && !options.confirmRemoveAll) {
    throw new DomainError(
      'conflict',
      'confirm_remove_all',
      'This import removes every desk. Confirm that this is what you want.',
      undefined,
      response(false),
    );
  }
  if (occupiedRemoved.length > 0 && options.occupied === null) {
    throw new DomainError(
      'conflict',
      'occupied_desks',
      `This import removes ${occupiedRemoved.length} desk${occupiedRemoved.length === 1 ? '' : 's'} someone is sitting at. Choose what happens to them.`,
      undefined,
      response(false),
    );
  }
  const logouts = options.occupied === 'logout' ? occupiedRemoved : [];
  if (logouts.length > 0 && !options.mayLogOut) {
    const named = logouts
      .slice(0, 3)
      .map(({ deskName, occupant }) => `${occupant} (${deskName})`)
      .join(', ');
    const more = logouts.length > 3 ? ` and ${logouts.length - 3} more` : '';
    throw new DomainError(
      'conflict',
      'desk_occupied',
      `${named}${more} ${logouts.length === 1 ? 'sits' : 'sit'} at desks this import removes. Helpdesk can log them out; or keep their phones as they are.`,
      undefined,
      response(false),
    );
  }
  if (logouts.length > 0) assertPbxConnected(deps.pbx, 'log people out of the desks this import removes');

  await deps.db.transaction(async (tx) => {
    for (const [key, name] of newFloors) {
      const [floor] = await tx.query<{ id: string }>('INSERT INTO floors (name) VALUES ($1) RETURNING id::text AS id', [
        name,
      ]);
      for (const target of targets) if (target.floorId === key) target.floorId = floor?.id ?? null;
    }
    // Who is logged out is written down with the removal and done after the commit: never one without the other.
    await DeskOccupancyService.planLogouts(
      tx,
      actor,
      'desk_deleted',
      logouts.map(({ desk, holder }) => ({
        mac: desk.mac,
        userGuid: holder.guid,
        userName: holder.name,
        deskName: desk.name,
      })),
    );
    // Removed first, then renamed, then added: names and computer names can move between desks.
    for (let at = 0; at < removed.length; at += BATCH) {
      await tx.query('DELETE FROM desks WHERE id = ANY($1::uuid[])', [
        removed.slice(at, at + BATCH).map((desk) => desk.id),
      ]);
    }
    const changedIds = changed.map(({ current }) => current.id);
    for (let at = 0; at < changedIds.length; at += BATCH) {
      await tx.query('DELETE FROM desk_computer_names WHERE desk_id = ANY($1::uuid[])', [
        changedIds.slice(at, at + BATCH),
      ]);
    }
    for (let at = 0; at < changed.length; at += BATCH) {
      const batch = changed.slice(at, at + BATCH);
      // Two steps, so that two desks may swap names inside one import.
      await tx.query(`UPDATE desks SET name = '~import~' || id::text WHERE id = ANY($1::uuid[])`, [
        batch.map(({ current }) => current.id),
      ]);
    }
    for (let at = 0; at < changed.length; at += BATCH) {
      const batch = changed.slice(at, at + BATCH);
      await tx.query(
        `UPDATE desks d SET name = u.name, floor_id = u.floor_id, zone_id = u.zone_id, x = u.x, y = u.y, rotation = u.rotation,
                enabled = u.enabled, version = d.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::float8[], $6::float8[], $7::float8[], $8::bool[])
             AS u(id, name, floor_id, zone_id, x, y, rotation, enabled)
          WHERE d.id = u.id`,
        columns(batch.map(({ target, current }) => ({ ...target, id: current.id }))),
      );
    }
    const addedIds: string[] = [];
    for (let at = 0; at < added.length; at += BATCH) {
      const batch = added.slice(at, at + BATCH);
      const [, names, floorIds, zoneIds, xs, ys, rotations, enabled] = columns(
        batch.map((target) => ({ ...target, id: null })),
      );
      const rows = await tx.query<{ id: string }>(
        `INSERT INTO desks (name, mac, floor_id, zone_id, x, y, rotation, enabled)
         SELECT u.name, u.mac, u.floor_id, u.zone_id, u.x, u.y, u.rotation, u.enabled
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::float8[], $6::float8[], $7::float8[], $8::bool[])
             WITH ORDINALITY AS u(name, mac, floor_id, zone_id, x, y, rotation, enabled, position)
          ORDER BY u.position
         RETURNING id::text AS id`,
        [names, batch.map((target) => target.mac), floorIds, zoneIds, xs, ys, rotations, enabled],
      );
      addedIds.push(...rows.map((row) => row.id));
    }
    const withNames = [
      ...changed.map(({ target, current }) => ({ id: current.id, names: target.computerNames })),
      ...added.map((target, index) => ({ id: addedIds[index] ?? '', names: target.computerNames })),
    ].flatMap(({ id, names }) => names.map((name, position) => ({ id, name, position: position + 1 })));
    for (let at = 0; at < withNames.length; at += BATCH) {
      const batch = withNames.slice(at, at + BATCH);
      await tx.query(
        `INSERT INTO desk_computer_names (desk_id, name, position) SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[])`,
        [batch.map((entry) => entry.id), batch.map((entry) => entry.name), batch.map((entry) => entry.position)],
      );
    }
    await recordAudit(tx, {
      actor,
      action: 'desks.import',
      result: 'ok',
      detail: {
        mode: options.mode,
        ...summary,
        sha256,
        bytes: bytes.byteLength,
        rows: parsed.rowCount,
        occupied: options.occupied,
      },
    });
  });
  deps.events.publish({ type: 'desks', ids: [] });
  deps.events.publish({ type: 'occupancy', deskIds: [] });
  if (logouts.length > 0) await deps.occupancy.completePendingLogouts();
  return response(true);

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
        message: `More than one floor is called "${row.floor}"; rename one of them first.`,
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
      message: `There is no floor "${row.floor}". Create it first, or let the import create missing floors.`,
    });
    return undefined;
  }

  function resolveZone(row: CsvDesk, floorId: string | null, current: Desk | undefined): string | null | undefined {
    if (!has('zone')) return floorId === (current?.floorId ?? null) ? (current?.zoneId ?? null) : null;
    if (row.zone === null) return null;
    const zone = zones.find(
      (candidate) => candidate.floor_id === floorId && candidate.name.toLowerCase() === row.zone?.toLowerCase(),
    );
    if (zone) return zone.id;
    addError({
      row: row.row,
      column: 'zone',
      value: row.zone,
      code: 'unknown_zone',
      message: `Floor "${row.floor ?? ''}" has no zone "${row.zone}". Zones are drawn on the floor map.`,
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
        message: `Desk "${other}" stays and already has this name.`,
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
          message: `Desk "${holder}" stays and already has the computer "${computer}".`,
        });
      }
    }
  }
}

function columns(rows: (Target & { id: string | null })[]) {
  return [
    rows.map((row) => row.id),
    rows.map((row) => row.name),
    rows.map((row) => row.floorId),
    rows.map((row) => row.zoneId),
    rows.map((row) => row.x),
    rows.map((row) => row.y),
    rows.map((row) => row.rotation),
    rows.map((row) => row.enabled),
  ] as const;
}
