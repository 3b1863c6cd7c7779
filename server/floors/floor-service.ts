import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { zoneAt } from '../../contract/geometry.ts';
import type { Desk, Floor, floorInputSchema, layoutSaveRequestSchema, Zone } from '../../contract/desks.ts';
import { recordAudit } from '../audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { isUuid } from '../../contract/ids.ts';
import { getDesk, getDesksByIds } from '../desks/desk-store.ts';
import { DomainError } from '../domain-error.ts';
import type { EventBus } from '../events.ts';
import { assertSiteExists } from '../sites/site-service.ts';
import { decodePlanImage } from './plan-image.ts';

export interface FloorDeps {
  db: Db;
  events: EventBus;
}

interface FloorRow {
  id: string;
  name: string;
  building: string;
  site_id: string | null;
  sort_order: number;
  version: number;
  mime: NonNullable<Floor['plan']>['mime'] | null;
  width: number | null;
  height: number | null;
  size: number | null;
  plan_updated_at: Date | null;
}

const FLOOR_SELECT = `SELECT f.id::text AS id, f.name, f.building, f.site_id::text AS site_id, f.sort_order, f.version,
  p.mime, p.width, p.height, p.size, p.updated_at AS plan_updated_at
  FROM floors f LEFT JOIN floor_plans p ON p.floor_id = f.id`;

const toFloor = (row: FloorRow): Floor => ({
  id: row.id,
  name: row.name,
  building: row.building,
  siteId: row.site_id,
  sortOrder: row.sort_order,
  version: row.version,
  plan:
    row.mime === null || row.width === null || row.height === null || row.size === null || row.plan_updated_at === null
      ? null
      : {
          mime: row.mime,
          width: row.width,
          height: row.height,
          size: row.size,
          updatedAt: row.plan_updated_at.toISOString(),
        },
});

export async function listFloors(db: Queryable): Promise<Floor[]> {
  const rows = await db.query<FloorRow>(`${FLOOR_SELECT} ORDER BY f.sort_order, lower(f.building), lower(f.name)`);
  return rows.map(toFloor);
}

export async function getFloor(db: Queryable, id: string): Promise<Floor | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<FloorRow>(`${FLOOR_SELECT} WHERE f.id = $1::uuid`, [id]);
  return row ? toFloor(row) : null;
}

async function assertFloorNameFree(db: Queryable, name: string, building: string, excludeId: string | null) {
  const [row] = await db.query(
    'SELECT 1 FROM floors WHERE lower(name) = lower($1) AND lower(building) = lower($2) AND id <> $3::uuid',
    [name, building, excludeId ?? '00000000-0000-0000-0000-000000000000'],
  );
  if (row) {
    throw new DomainError(
      'conflict',
      'floor_name_taken',
      {
        en: `There is already a floor "${name}"${building ? ` in ${building}` : ''}.`,
        de: `Es gibt bereits eine Etage „${name}“${building ? ` in ${building}` : ''}.`,
      },
      {
        name: {
          en: 'This floor name is already used in this building.',
          de: 'Dieser Etagenname ist in diesem Gebäude schon vergeben.',
        },
      },
    );
  }
}

export async function createFloor(deps: FloorDeps, actor: string, input: FloorValues): Promise<Floor> {
  const floor = await deps.db.transaction(async (tx) => {
    await assertFloorNameFree(tx, input.name, input.building, null);
    await assertSiteExists(tx, input.siteId);
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO floors (name, building, site_id, sort_order) VALUES ($1, $2, $3::uuid, $4) RETURNING id::text AS id',
      [input.name, input.building, input.siteId, input.sortOrder],
    );
    const created = await getFloor(tx, row?.id ?? '');
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
  if (!current)
    throw new DomainError('not_found', 'not_found', {
      en: 'This floor does not exist (any more).',
      de: 'Diese Etage gibt es nicht (mehr).',
    });
  const [locked] = await db.query<{ version: number }>('SELECT version FROM floors WHERE id = $1::uuid FOR UPDATE', [
    id,
  ]);
  if (locked?.version !== expectedVersion) {
    throw new DomainError(
      'stale',
      'version_conflict',
      { en: 'Someone else changed this floor meanwhile.', de: 'Jemand anderes hat diese Etage inzwischen geändert.' },
      undefined,
      {
        current,
      },
    );
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
    await tx.query(
      'UPDATE floors SET name = $2, building = $3, site_id = $4::uuid, sort_order = $5, version = version + 1, updated_at = now() WHERE id = $1::uuid',
      [id, next.name, next.building, next.siteId, next.sortOrder],
    );
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
    const desks = await tx.query<{ id: string }>(
      `UPDATE desks SET floor_id = NULL, x = NULL, y = NULL, zone_id = NULL, version = version + 1, updated_at = now()
        WHERE floor_id = $1::uuid RETURNING id::text AS id`,
      [id],
    );
    await tx.query('DELETE FROM floors WHERE id = $1::uuid', [id]);
    await recordAudit(tx, {
      actor,
      action: 'floor.delete',
      target: before.name,
      result: 'ok',
      detail: { before, unplacedDesks: desks.length },
    });
    return desks.map((desk) => desk.id);
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
    await tx.query(
      `INSERT INTO floor_plans (floor_id, mime, width, height, size, sha256, bytes) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (floor_id) DO UPDATE SET mime = EXCLUDED.mime, width = EXCLUDED.width, height = EXCLUDED.height,
         size = EXCLUDED.size, sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, updated_at = now()`,
      [id, image.mime, image.width, image.height, bytes.byteLength, sha256, bytes],
    );
    await tx.query('UPDATE floors SET version = version + 1, updated_at = now() WHERE id = $1::uuid', [id]);
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

export async function getPlan(
  db: Queryable,
  id: string,
): Promise<{ mime: string; bytes: Uint8Array; sha256: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<{ mime: string; bytes: Uint8Array; sha256: string }>(
    'SELECT mime, bytes, sha256 FROM floor_plans WHERE floor_id = $1::uuid',
    [id],
  );
  return row ?? null;
}

interface ZoneRow {
  id: string;
  floor_id: string;
  name: string;
  color: string;
  polygon: Zone['polygon'];
  version: number;
}

const toZone = (row: ZoneRow): Zone => ({
  id: row.id,
  floorId: row.floor_id,
  name: row.name,
  color: row.color,
  polygon: row.polygon,
  version: row.version,
});

export async function listAllZones(db: Queryable): Promise<Zone[]> {
  const rows = await db.query<ZoneRow>(
    `SELECT id::text AS id, floor_id::text AS floor_id, name, color, polygon, version FROM zones ORDER BY lower(name), id`,
  );
  return rows.map(toZone);
}

export async function listZones(db: Queryable, floorId: string): Promise<Zone[]> {
  if (!isUuid(floorId)) return [];
  const rows = await db.query<ZoneRow>(
    `SELECT id::text AS id, floor_id::text AS floor_id, name, color, polygon, version FROM zones
      WHERE floor_id = $1::uuid ORDER BY lower(name), id`,
    [floorId],
  );
  return rows.map(toZone);
}

type LayoutSave = z.output<typeof layoutSaveRequestSchema>;
type FloorValues = z.output<typeof floorInputSchema>;

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
    if (!floor)
      throw new DomainError('not_found', 'not_found', {
        en: 'This floor does not exist (any more).',
        de: 'Diese Etage gibt es nicht (mehr).',
      });
    await tx.query('SELECT 1 FROM floors WHERE id = $1::uuid FOR UPDATE', [floorId]);
    const currentZones = new Map((await listZones(tx, floorId)).map((zone) => [zone.id, zone]));
    const deskConflicts: Desk[] = [];
    const zoneConflicts: { id: string; current: Zone | null }[] = [];
    const befores = new Map<string, Desk>();
    for (const item of draft.desks) {
      const current = await getDesk(tx, item.id, true);
      if (!current || current.version !== item.version) {
        if (current) deskConflicts.push(current);
        else
          throw new DomainError('conflict', 'layout_conflict', {
            en: 'A desk in this layout was deleted meanwhile. Reload the floor.',
            de: 'Ein Arbeitsplatz dieses Plans wurde inzwischen gelöscht. Laden Sie die Etage neu.',
          });
      } else befores.set(item.id, current);
    }
    for (const zone of draft.zones) {
      if (zone.id === undefined) continue;
      const current = currentZones.get(zone.id) ?? null;
      if (!current || current.version !== zone.version) zoneConflicts.push({ id: zone.id, current });
    }
    if (deskConflicts.length > 0 || zoneConflicts.length > 0) {
      throw new DomainError(
        'stale',
        'layout_conflict',
        {
          en: 'Someone else changed this floor while you were editing.',
          de: 'Jemand anderes hat diese Etage geändert, während Sie sie bearbeitet haben.',
        },
        undefined,
        {
          conflicts: { desks: deskConflicts, zones: zoneConflicts },
        },
      );
    }
    for (const zone of draft.zones) {
      if (zone.deleted && zone.id !== undefined) {
        await tx.query('DELETE FROM zones WHERE id = $1::uuid', [zone.id]);
      } else if (zone.id !== undefined) {
        await tx.query(
          'UPDATE zones SET name = $2, color = $3, polygon = $4, version = version + 1 WHERE id = $1::uuid',
          [zone.id, zone.name, zone.color, JSON.stringify(zone.polygon)],
        );
      } else if (!zone.deleted) {
        await tx.query('INSERT INTO zones (floor_id, name, color, polygon) VALUES ($1::uuid, $2, $3, $4)', [
          floorId,
          zone.name,
          zone.color,
          JSON.stringify(zone.polygon),
        ]);
      }
    }
    const zones = await listZones(tx, floorId);
    for (const item of draft.desks) {
      const placed = item.onFloor && item.x !== null && item.y !== null;
      await tx.query(
        `UPDATE desks SET floor_id = $2::uuid, x = $3, y = $4, rotation = $5, zone_id = NULL, version = version + 1,
                updated_at = now() WHERE id = $1::uuid`,
        [item.id, placed ? floorId : null, placed ? item.x : null, placed ? item.y : null, item.rotation],
      );
    }
    // Zones follow positions: every desk on this floor gets the zone it stands in.
    const onFloor = await tx.query<{ id: string; x: number | null; y: number | null; zone_id: string | null }>(
      'SELECT id::text AS id, x, y, zone_id::text AS zone_id FROM desks WHERE floor_id = $1::uuid',
      [floorId],
    );
    const changedIds = new Set(draft.desks.map((item) => item.id));
    for (const desk of onFloor) {
      const zoneId = desk.x === null || desk.y === null ? null : zoneAt({ x: desk.x, y: desk.y }, zones);
      if (zoneId === desk.zone_id) continue;
      await tx.query(
        `UPDATE desks SET zone_id = $2::uuid${changedIds.has(desk.id) ? '' : ', version = version + 1'} WHERE id = $1::uuid`,
        [desk.id, zoneId],
      );
      changedIds.add(desk.id);
    }
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
