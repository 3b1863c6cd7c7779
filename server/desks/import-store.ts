import type { Queryable } from '../db/db.ts';
import { listDesks } from './desk-store.ts';
import type { ImportPlan, ImportTables, Target } from '../../contract/desk-import-plan.ts';

/** The import's database side: the tables a plan is made against, and writing a plan in one transaction. */

const BATCH = 2000;

export async function loadImportTables(db: Queryable): Promise<ImportTables> {
  const desks = await listDesks(db, { limit: 10_000_000 });
  const floors = await db.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM floors');
  const zones = await db.query<{ id: string; floorId: string; name: string }>(
    'SELECT id::text AS id, floor_id::text AS "floorId", name FROM zones',
  );
  return { desks, floors, zones };
}

/** Writes `plan` with `tx` (the caller's transaction): new floors, then removed, renamed and added desks. */
export async function applyImportPlan(tx: Queryable, plan: ImportPlan): Promise<void> {
  const { targets, removed, changed, added, newFloors } = plan;
  for (const [key, name] of newFloors) {
    const [floor] = await tx.query<{ id: string }>('INSERT INTO floors (name) VALUES ($1) RETURNING id::text AS id', [
      name,
    ]);
    for (const target of targets) if (target.floorId === key) target.floorId = floor?.id ?? null;
  }
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
                enabled = u.enabled, bookable = u.bookable, version = d.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::float8[], $6::float8[], $7::float8[], $8::bool[],
                       $9::bool[])
             AS u(id, name, floor_id, zone_id, x, y, rotation, enabled, bookable)
          WHERE d.id = u.id`,
      columns(batch.map(({ target, current }) => ({ ...target, id: current.id }))),
    );
  }
  const addedIds: string[] = [];
  for (let at = 0; at < added.length; at += BATCH) {
    const batch = added.slice(at, at + BATCH);
    const [, names, floorIds, zoneIds, xs, ys, rotations, enabled, bookable] = columns(
      batch.map((target) => ({ ...target, id: null })),
    );
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO desks (name, mac, floor_id, zone_id, x, y, rotation, enabled, bookable)
         SELECT u.name, u.mac, u.floor_id, u.zone_id, u.x, u.y, u.rotation, u.enabled, u.bookable
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::float8[], $6::float8[], $7::float8[], $8::bool[],
                       $9::bool[])
             WITH ORDINALITY AS u(name, mac, floor_id, zone_id, x, y, rotation, enabled, bookable, position)
          ORDER BY u.position
         RETURNING id::text AS id`,
      [names, batch.map((target) => target.mac), floorIds, zoneIds, xs, ys, rotations, enabled, bookable],
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
    rows.map((row) => row.bookable),
  ] as const;
}
