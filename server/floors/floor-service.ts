import { createHash } from 'node:crypto';
import type { Desk } from '../../contract/desks.ts';
import type { Floor, Zone } from '../../contract/floors.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { nameTaken } from '../db/names.ts';
import { getDesk, getDesksByIds } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { assertSiteExists } from '../sites/site-service.ts';
import {
  deleteFloorRow,
  getFloor,
  insertFloor,
  listZones,
  lockFloorRow,
  rezoneDesks,
  writeDeskPlaces,
  writeFloor,
  writePlan,
  writeZones,
  type FloorValues,
  type LayoutSave,
} from './floor-store.ts';
import { decodePlanImage } from './plan-image.ts';
import { msg } from '../../i18n/message.ts';

/** Floors, their plans and layouts: the rules (names, versions, conflicts), audit and events; SQL in floor-store.ts. */

export { getFloor, getPlan, listAllZones, listFloors, listZones } from './floor-store.ts';

export interface FloorDeps {
  db: Db;
  events: EventBus;
}

async function assertFloorNameFree(db: Queryable, name: string, building: string, excludeId: string | null) {
  if (await nameTaken(db, 'floors', name, excludeId, building)) {
    throw new DomainError(
      'conflict',
      'floor_name_taken',
      msg('api.floorService.thereAlreadyFloor', { name, value2: building ? ` in ${building}` : '' }),
      {
        name: msg('api.floorService.floorNameAlreadyUsed'),
      },
    );
  }
}

export async function createFloor(deps: FloorDeps, actor: string, input: FloorValues): Promise<Floor> {
  const floor = await deps.db.transaction(async (tx) => {
    await assertFloorNameFree(tx, input.name, input.building, null);
    await assertSiteExists(tx, input.siteId);
    const created = await getFloor(tx, await insertFloor(tx, input));
    await recordAudit(tx, {
      actor,
      action: 'floor.create',
      target: input.name,
      result: 'ok',
      detail: { after: created },
    });
    return created;
  });
  if (!floor) throw new Error('created floor vanished');
  deps.events.publish({ type: 'floors', ids: [floor.id] });
  return floor;
}

async function lockFloor(db: Queryable, id: string, expectedVersion: number): Promise<Floor> {
  const current = await getFloor(db, id);
  if (!current) throw new DomainError('not_found', 'not_found', msg('api.floorService.floorDoesExistAny'));
  if ((await lockFloorRow(db, id)) !== expectedVersion) {
    throw new DomainError('stale', 'version_conflict', msg('api.floorService.someoneElseChangedFloor'), undefined, {
      current,
    });
  }
  return current;
}

export async function updateFloor(
  deps: FloorDeps,
  actor: string,
  id: string,
  expectedVersion: number,
  patch: { [Key in keyof FloorValues]?: FloorValues[Key] | undefined },
): Promise<Floor> {
  const floor = await deps.db.transaction(async (tx) => {
    const before = await lockFloor(tx, id, expectedVersion);
    const next = {
      name: patch.name ?? before.name,
      building: patch.building ?? before.building,
      siteId: patch.siteId === undefined ? before.siteId : patch.siteId,
      sortOrder: patch.sortOrder ?? before.sortOrder,
    };
    await assertFloorNameFree(tx, next.name, next.building, id);
    await assertSiteExists(tx, next.siteId);
    await writeFloor(tx, id, next);
    const after = await getFloor(tx, id);
    await recordAudit(tx, {
      actor,
      action: 'floor.update',
      target: next.name,
      result: 'ok',
      detail: { before, after },
    });
    return after;
  });
  if (!floor) throw new Error('updated floor vanished');
  deps.events.publish({ type: 'floors', ids: [id] });
  return floor;
}

/** Desks on a deleted floor stay in the desk table, unplaced. */
export async function deleteFloor(deps: FloorDeps, actor: string, id: string, expectedVersion: number): Promise<void> {
  const unplaced = await deps.db.transaction(async (tx) => {
    const before = await lockFloor(tx, id, expectedVersion);
    const desks = await deleteFloorRow(tx, id);
    await recordAudit(tx, {
      actor,
      action: 'floor.delete',
      target: before.name,
      result: 'ok',
      detail: { before, unplacedDesks: desks.length },
    });
    return desks;
  });
  deps.events.publish({ type: 'floors', ids: [id] });
  if (unplaced.length > 0) deps.events.publish({ type: 'desks', ids: unplaced });
}

/** Stores a plan image recognised by content. Desk positions are relative, so they survive a new plan. */
export async function putPlan(
  deps: FloorDeps,
  actor: string,
  id: string,
  expectedVersion: number,
  bytes: Uint8Array,
): Promise<Floor> {
  const image = await decodePlanImage(bytes);
  const floor = await deps.db.transaction(async (tx) => {
    const before = await lockFloor(tx, id, expectedVersion);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await writePlan(tx, id, { ...image, bytes, sha256 });
    await recordAudit(tx, {
      actor,
      action: before.plan ? 'floor.plan_replace' : 'floor.plan_upload',
      target: before.name,
      result: 'ok',
      detail: { before: before.plan, after: { ...image, size: bytes.byteLength, sha256 } },
    });
    return getFloor(tx, id);
  });
  if (!floor) throw new Error('floor vanished');
  deps.events.publish({ type: 'floors', ids: [id] });
  return floor;
}

/**
 * Saves the floor editor's draft in one transaction. Any item whose version moved on is a conflict: nothing
 * is written and the current state of every conflicting item comes back, so the editor can merge.
 */
export async function saveLayout(
  deps: FloorDeps,
  actor: string,
  floorId: string,
  draft: LayoutSave,
): Promise<{ desks: Desk[]; zones: Zone[] }> {
  const result = await deps.db.transaction(async (tx) => {
    const floor = await getFloor(tx, floorId);
    if (!floor) throw new DomainError('not_found', 'not_found', msg('api.floorService.floorDoesExistAny'));
    await lockFloorRow(tx, floorId);
    const currentZones = new Map((await listZones(tx, floorId)).map((zone) => [zone.id, zone]));
    const deskConflicts: Desk[] = [];
    const zoneConflicts: { id: string; current: Zone | null }[] = [];
    const befores = new Map<string, Desk>();
    for (const item of draft.desks) {
      const current = await getDesk(tx, item.id, true);
      if (!current || current.version !== item.version) {
        if (current) deskConflicts.push(current);
        else throw new DomainError('conflict', 'layout_conflict', msg('api.floorService.deskLayoutDeletedMeanwhile'));
      } else befores.set(item.id, current);
    }
    for (const zone of draft.zones) {
      if (zone.id === undefined) continue;
      const current = currentZones.get(zone.id) ?? null;
      if (!current || current.version !== zone.version) zoneConflicts.push({ id: zone.id, current });
    }
    if (deskConflicts.length > 0 || zoneConflicts.length > 0) {
      throw new DomainError('stale', 'layout_conflict', msg('api.floorService.someoneElseChangedFloor2'), undefined, {
        conflicts: { desks: deskConflicts, zones: zoneConflicts },
      });
    }
    await writeZones(tx, floorId, draft.zones);
    const zones = await listZones(tx, floorId);
    await writeDeskPlaces(tx, floorId, draft.desks);
    const changedIds = await rezoneDesks(tx, floorId, zones, new Set(draft.desks.map((item) => item.id)));
    const desks = await getDesksByIds(tx, [...changedIds]);
    await recordAudit(tx, {
      actor,
      action: 'floor.layout_save',
      target: floor.name,
      result: 'ok',
      detail: {
        desks: desks.map((after) => ({
          id: after.id,
          name: after.name,
          before: pick(befores.get(after.id)),
          after: pick(after),
        })),
        zones: {
          saved: draft.zones.filter((zone) => !zone.deleted).length,
          deleted: draft.zones.filter((zone) => zone.deleted).length,
        },
      },
    });
    return { desks, zones };
  });
  deps.events.publish({ type: 'zones', floorId });
  if (result.desks.length > 0) deps.events.publish({ type: 'desks', ids: result.desks.map((desk) => desk.id) });
  return result;
}

const pick = (desk: Desk | undefined) =>
  desk && { floorId: desk.floorId, x: desk.x, y: desk.y, rotation: desk.rotation, zoneId: desk.zoneId };
