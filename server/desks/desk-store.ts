import type { ExportDesk } from '../../contract/desk-csv-export.ts';
import type { Desk } from '../../contract/desks.ts';
import { isUuid } from '../../contract/ids.ts';
import type { Queryable } from '../db/db.ts';
import type { Message } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

interface DeskRow {
  id: string;
  name: string;
  mac: string;
  computer_names: string[] | null;
  floor_id: string | null;
  x: number | null;
  y: number | null;
  rotation: number;
  zone_id: string | null;
  enabled: boolean;
  bookable: boolean;
  version: number;
}

const DESK_COLUMNS = `d.id::text AS id, d.name, d.mac,
  (SELECT array_agg(c.name ORDER BY c.position) FROM desk_computer_names c WHERE c.desk_id = d.id) AS computer_names,
  d.floor_id::text AS floor_id, d.x, d.y, d.rotation, d.zone_id::text AS zone_id, d.enabled, d.bookable, d.version`;

const toDesk = (row: DeskRow): Desk => ({
  id: row.id,
  name: row.name,
  mac: row.mac,
  computerNames: row.computer_names ?? [],
  floorId: row.floor_id,
  x: row.x,
  y: row.y,
  rotation: row.rotation,
  zoneId: row.zone_id,
  enabled: row.enabled,
  bookable: row.bookable,
  version: row.version,
});

export interface DeskFilter {
  /** A floor id, or 'none' for desks on no floor. */
  floorId?: string | undefined;
  zoneId?: string | undefined;
  /** Matches the desk name or a computer name (substring, ignoring case) or, as hex digits, the MAC. */
  text?: string | undefined;
  macHex?: string | null | undefined;
  after?: { nameKey: string; id: string } | undefined;
  limit: number;
}

export async function listDesks(db: Queryable, filter: DeskFilter): Promise<Desk[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.floorId === 'none') where.push('d.floor_id IS NULL');
  else if (filter.floorId !== undefined) where.push(`d.floor_id = ${param(filter.floorId)}::uuid`);
  if (filter.zoneId !== undefined) where.push(`d.zone_id = ${param(filter.zoneId)}::uuid`);
  if (filter.text !== undefined && filter.text !== '') {
    const like = param(`%${filter.text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    const alternatives = [
      `lower(d.name) LIKE ${like}`,
      `EXISTS (SELECT 1 FROM desk_computer_names c WHERE c.desk_id = d.id AND lower(c.name) LIKE ${like})`,
    ];
    if (filter.macHex) alternatives.push(`d.mac LIKE ${param(`%${filter.macHex}%`)}`);
    where.push(`(${alternatives.join(' OR ')})`);
  }
  if (filter.after)
    where.push(`(lower(d.name), d.id) > (${param(filter.after.nameKey)}, ${param(filter.after.id)}::uuid)`);
  const rows = await db.query<DeskRow>(
    `SELECT ${DESK_COLUMNS} FROM desks d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY lower(d.name), d.id LIMIT ${param(filter.limit)}`,
    params,
  );
  return rows.map(toDesk);
}

export async function getDesk(db: Queryable, id: string, forUpdate = false): Promise<Desk | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<DeskRow>(
    `SELECT ${DESK_COLUMNS} FROM desks d WHERE d.id = $1::uuid ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return row ? toDesk(row) : null;
}

/** A desk by its name or by one of its computer names (ignoring case), in one query; null when none has it. */
export async function findDeskNamed(db: Queryable, by: 'desk' | 'computer', name: string): Promise<Desk | null> {
  const [row] = await db.query<DeskRow>(
    by === 'desk'
      ? `SELECT ${DESK_COLUMNS} FROM desks d WHERE lower(d.name) = lower($1)`
      : `SELECT ${DESK_COLUMNS} FROM desks d
         WHERE d.id IN (SELECT c.desk_id FROM desk_computer_names c WHERE lower(c.name) = lower($1)) LIMIT 1`,
    [name],
  );
  return row ? toDesk(row) : null;
}

export async function getDesksByIds(db: Queryable, ids: readonly string[]): Promise<Desk[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.query<DeskRow>(`SELECT ${DESK_COLUMNS} FROM desks d WHERE d.id = ANY($1::uuid[])`, [valid]);
  return rows.map(toDesk);
}

export async function getDesksByMacs(db: Queryable, macs: readonly string[]): Promise<Desk[]> {
  if (macs.length === 0) return [];
  const rows = await db.query<DeskRow>(`SELECT ${DESK_COLUMNS} FROM desks d WHERE d.mac = ANY($1::text[])`, [macs]);
  return rows.map(toDesk);
}

export interface DeskConflicts {
  name?: Message;
  mac?: Message;
  computerNames?: Message;
}

/** Other desks that already use this name, MAC or one of these computer names (ignoring case). */
export async function findDeskConflicts(
  db: Queryable,
  values: { name?: string | undefined; mac?: string | undefined; computerNames?: readonly string[] | undefined },
  excludeId: string | null,
): Promise<DeskConflicts> {
  const conflicts: DeskConflicts = {};
  const exclude = excludeId ?? '00000000-0000-0000-0000-000000000000';
  if (values.name !== undefined) {
    const [row] = await db.query<{ name: string }>(
      'SELECT name FROM desks WHERE lower(name) = lower($1) AND id <> $2::uuid',
      [values.name, exclude],
    );
    if (row) conflicts.name = msg('api.deskStore.deskNameAlreadyUsed', { rowName: row.name });
  }
  if (values.mac !== undefined) {
    const [row] = await db.query<{ name: string }>('SELECT name FROM desks WHERE mac = $1 AND id <> $2::uuid', [
      values.mac,
      exclude,
    ]);
    if (row) conflicts.mac = msg('api.deskStore.phoneAlreadyDesk', { rowName: row.name });
  }
  if (values.computerNames !== undefined && values.computerNames.length > 0) {
    const [row] = await db.query<{ name: string; desk: string }>(
      `SELECT c.name, d.name AS desk FROM desk_computer_names c JOIN desks d ON d.id = c.desk_id
        WHERE lower(c.name) = ANY($1::text[]) AND c.desk_id <> $2::uuid LIMIT 1`,
      [values.computerNames.map((name) => name.toLowerCase()), exclude],
    );
    if (row)
      conflicts.computerNames = msg('api.deskStore.computerNameAlreadyDesk', { rowName: row.name, rowDesk: row.desk });
  }
  return conflicts;
}

export interface DeskRecord {
  name: string;
  mac: string;
  computerNames: readonly string[];
  floorId: string | null;
  x: number | null;
  y: number | null;
  rotation: number;
  zoneId: string | null;
  enabled: boolean;
}

export async function insertDesk(db: Queryable, desk: DeskRecord, id?: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO desks (id, name, mac, floor_id, x, y, rotation, zone_id, enabled)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4::uuid, $5, $6, $7, $8::uuid, $9) RETURNING id::text AS id`,
    [id ?? null, desk.name, desk.mac, desk.floorId, desk.x, desk.y, desk.rotation, desk.zoneId, desk.enabled],
  );
  if (!row) throw new Error('desk insert returned no id');
  await replaceComputerNames(db, row.id, desk.computerNames);
  return row.id;
}

/** Writes every field and bumps the version. */
export async function writeDesk(db: Queryable, id: string, desk: DeskRecord): Promise<void> {
  await db.query(
    `UPDATE desks SET name = $2, mac = $3, floor_id = $4::uuid, x = $5, y = $6, rotation = $7, zone_id = $8::uuid,
            enabled = $9, version = version + 1, updated_at = now() WHERE id = $1::uuid`,
    [id, desk.name, desk.mac, desk.floorId, desk.x, desk.y, desk.rotation, desk.zoneId, desk.enabled],
  );
  await replaceComputerNames(db, id, desk.computerNames);
}

async function replaceComputerNames(db: Queryable, deskId: string, names: readonly string[]): Promise<void> {
  await db.query('DELETE FROM desk_computer_names WHERE desk_id = $1::uuid', [deskId]);
  if (names.length === 0) return;
  await db.query(
    `INSERT INTO desk_computer_names (desk_id, name, position)
     SELECT $1::uuid, name, position FROM unnest($2::text[]) WITH ORDINALITY AS t(name, position)`,
    [deskId, names],
  );
}

export async function deleteDeskRow(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM desks WHERE id = $1::uuid', [id]);
}

export const deskRecord = (desk: Desk): DeskRecord => ({
  name: desk.name,
  mac: desk.mac,
  computerNames: desk.computerNames,
  floorId: desk.floorId,
  x: desk.x,
  y: desk.y,
  rotation: desk.rotation,
  zoneId: desk.zoneId,
  enabled: desk.enabled,
});

/** The whole table with floor, zone and site names, as the CSV export writes it. */
export async function deskTableForExport(db: Queryable): Promise<ExportDesk[]> {
  const desks = await listDesks(db, { limit: 10_000_000 });
  const names = async (table: 'floors' | 'zones') =>
    new Map(
      (await db.query<{ id: string; name: string }>(`SELECT id::text AS id, name FROM ${table}`)).map((row) => [
        row.id,
        row.name,
      ]),
    );
  const [floors, zones] = [await names('floors'), await names('zones')];
  const sites = new Map(
    (
      await db.query<{ id: string; site: string }>(
        'SELECT f.id::text AS id, s.name AS site FROM floors f JOIN sites s ON s.id = f.site_id',
      )
    ).map((row) => [row.id, row.site]),
  );
  return desks.map((desk) => ({
    ...desk,
    floor: desk.floorId ? (floors.get(desk.floorId) ?? null) : null,
    zone: desk.zoneId ? (zones.get(desk.zoneId) ?? null) : null,
    site: desk.floorId ? (sites.get(desk.floorId) ?? null) : null,
  }));
}

/** Up to 8 open desks whose name contains `text`, those starting with it first (check-in suggestions). */
export async function suggestDeskNames(db: Queryable, text: string): Promise<string[]> {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, '\\$&');
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM desks WHERE enabled AND lower(name) LIKE $1 ORDER BY (lower(name) LIKE $2) DESC, lower(name) LIMIT 8`,
    [`%${escaped}%`, `${escaped}%`],
  );
  return rows.map((row) => row.name);
}
