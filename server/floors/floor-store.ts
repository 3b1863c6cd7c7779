import type { z } from 'zod';
import { zoneAt } from '../../contract/geometry.ts';
import type { Floor, floorInputSchema, layoutSaveRequestSchema, Zone } from '../../contract/floors.ts';
import { isUuid } from '../../contract/ids.ts';
import type { Queryable } from '../db/db.ts';

/** The SQL of floors, their plans and zones; the rules are floor-service.ts's. */

export type FloorValues = z.output<typeof floorInputSchema>;
export type LayoutSave = z.output<typeof layoutSaveRequestSchema>;

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

/** The floor's version, its row locked until the transaction ends (null: no such floor). */
export async function lockFloorRow(db: Queryable, id: string): Promise<number | null> {
  const [row] = await db.query<{ version: number }>('SELECT version FROM floors WHERE id = $1::uuid FOR UPDATE', [id]);
  return row?.version ?? null;
}

export async function insertFloor(db: Queryable, input: FloorValues): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO floors (name, building, site_id, sort_order) VALUES ($1, $2, $3::uuid, $4) RETURNING id::text AS id',
    [input.name, input.building, input.siteId, input.sortOrder],
  );
  if (!row) throw new Error('floor insert returned nothing');
  return row.id;
}

export async function writeFloor(db: Queryable, id: string, values: FloorValues): Promise<void> {
  await db.query(
    'UPDATE floors SET name = $2, building = $3, site_id = $4::uuid, sort_order = $5, version = version + 1, updated_at = now() WHERE id = $1::uuid',
    [id, values.name, values.building, values.siteId, values.sortOrder],
  );
}

/** Deletes a floor; its desks stay in the desk table, on no floor. Answers the ids of those desks. */
export async function deleteFloorRow(db: Queryable, id: string): Promise<string[]> {
  const desks = await db.query<{ id: string }>(
    `UPDATE desks SET floor_id = NULL, x = NULL, y = NULL, zone_id = NULL, version = version + 1, updated_at = now()
      WHERE floor_id = $1::uuid RETURNING id::text AS id`,
    [id],
  );
  await db.query('DELETE FROM floors WHERE id = $1::uuid', [id]);
  return desks.map((desk) => desk.id);
}

export interface StoredPlan {
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  sha256: string;
}

/** Stores the floor's plan image (replacing any) and moves the floor's version on. */
export async function writePlan(db: Queryable, id: string, plan: StoredPlan): Promise<void> {
  await db.query(
    `INSERT INTO floor_plans (floor_id, mime, width, height, size, sha256, bytes) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (floor_id) DO UPDATE SET mime = EXCLUDED.mime, width = EXCLUDED.width, height = EXCLUDED.height,
       size = EXCLUDED.size, sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, updated_at = now()`,
    [id, plan.mime, plan.width, plan.height, plan.bytes.byteLength, plan.sha256, plan.bytes],
  );
  await db.query('UPDATE floors SET version = version + 1, updated_at = now() WHERE id = $1::uuid', [id]);
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

/** Writes the layout's zones: deleted, changed or new. */
export async function writeZones(db: Queryable, floorId: string, zones: LayoutSave['zones']): Promise<void> {
  for (const zone of zones) {
    if (zone.deleted && zone.id !== undefined) {
      await db.query('DELETE FROM zones WHERE id = $1::uuid', [zone.id]);
    } else if (zone.id !== undefined) {
      await db.query(
        'UPDATE zones SET name = $2, color = $3, polygon = $4, version = version + 1 WHERE id = $1::uuid',
        [zone.id, zone.name, zone.color, JSON.stringify(zone.polygon)],
      );
    } else if (!zone.deleted) {
      await db.query('INSERT INTO zones (floor_id, name, color, polygon) VALUES ($1::uuid, $2, $3, $4)', [
        floorId,
        zone.name,
        zone.color,
        JSON.stringify(zone.polygon),
      ]);
    }
  }
}

/** Puts the layout's desks where it says (on this floor, or on none), their zones worked out after. */
export async function writeDeskPlaces(db: Queryable, floorId: string, desks: LayoutSave['desks']): Promise<void> {
  for (const item of desks) {
    const placed = item.onFloor && item.x !== null && item.y !== null;
    await db.query(
      `UPDATE desks SET floor_id = $2::uuid, x = $3, y = $4, rotation = $5, zone_id = NULL, version = version + 1,
              updated_at = now() WHERE id = $1::uuid`,
      [item.id, placed ? floorId : null, placed ? item.x : null, placed ? item.y : null, item.rotation],
    );
  }
}

/**
 * Zones follow positions: every desk on the floor gets the zone it stands in. `changed` (the desks already
 * written, whose version moved on) grows by the desks whose zone this changes; it answers them all.
 */
export async function rezoneDesks(
  db: Queryable,
  floorId: string,
  zones: readonly Zone[],
  changed: ReadonlySet<string>,
): Promise<Set<string>> {
  const onFloor = await db.query<{ id: string; x: number | null; y: number | null; zone_id: string | null }>(
    'SELECT id::text AS id, x, y, zone_id::text AS zone_id FROM desks WHERE floor_id = $1::uuid',
    [floorId],
  );
  const all = new Set(changed);
  for (const desk of onFloor) {
    const zoneId = desk.x === null || desk.y === null ? null : zoneAt({ x: desk.x, y: desk.y }, zones);
    if (zoneId === desk.zone_id) continue;
    await db.query(
      `UPDATE desks SET zone_id = $2::uuid${all.has(desk.id) ? '' : ', version = version + 1'} WHERE id = $1::uuid`,
      [desk.id, zoneId],
    );
    all.add(desk.id);
  }
  return all;
}
