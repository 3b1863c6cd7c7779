import type { Desk } from '../../contract/desks.ts';
import { recordAudit } from '../audit/audit.ts';
import { listDesks } from '../desks/desk-store.ts';
import type { OwnedObject } from '../pbx/pbx.ts';
import { BASE_GROUP, isBaseObject, takePhone, type OccupancyContext } from './occupancy-context.ts';
import { errorField, log } from '../lib/log.ts';

/**
 * A desk's base object as the PBX shows it: named from the desk (a rename renames it), with a login name
 * from the desk's id that never changes, so that an object created just before a crash is found again.
 */
export function baseObjectOf(desk: Pick<Desk, 'id' | 'name'>, node: string, config: string, loc: string): OwnedObject {
  return {
    cn: `desk ${desk.name}`,
    dn: `Desk ${desk.name}`,
    h323: `hotdesk-${desk.id.replace(/-/g, '')}`,
    node,
    config,
    loc,
    groups: [BASE_GROUP],
  };
}

interface BaseRow {
  desk_id: string;
  guid: string;
  cn: string;
}

/**
 * Makes the PBX's base objects match the desk table: one per desk (created, renamed), none for a desk
 * that is gone or when the setting is off, and each free desk's phone on its base object. Idempotent:
 * run at start, after every reconnect and after desks or settings change. Returns what it changed.
 */
export async function syncBaseObjects(
  ctx: OccupancyContext,
): Promise<{ created: number; removed: number; phones: number }> {
  const counts = { created: 0, removed: 0, phones: 0 };
  if (ctx.pbx.status().state !== 'connected' || !ctx.pbx.status().replicaLoaded) return counts;
  const { phones } = await ctx.settings.get();
  const desks = phones.baseObjects ? await listDesks(ctx.db, { limit: 1_000_000 }) : [];
  const wanted = new Map(desks.map((desk) => [desk.id, desk]));
  const rows = await ctx.db.query<BaseRow>('SELECT desk_id::text AS desk_id, guid, cn FROM base_objects');
  for (const row of rows) {
    if (wanted.has(row.desk_id)) continue;
    await ctx.locks.run([`desk:${row.desk_id}`], () => removeBaseObject(ctx, row));
    counts.removed += 1;
  }
  const known = new Map(rows.map((row) => [row.desk_id, row]));
  // A base object lives at its desk's site's PBX location, so that the free phone calls 112 from there.
  const siteLocations = new Map(
    (
      await ctx.db.query<{ desk_id: string; loc: string }>(
        `SELECT d.id::text AS desk_id, s.pbx_location AS loc FROM desks d JOIN floors f ON f.id = d.floor_id
         JOIN sites s ON s.id = f.site_id WHERE s.pbx_location IS NOT NULL`,
      )
    ).map((row) => [row.desk_id, row.loc]),
  );
  for (const desk of desks) {
    await ctx.locks.run([`desk:${desk.id}`], async () => {
      const spec = baseObjectOf(desk, phones.baseNode, phones.baseConfig, siteLocations.get(desk.id) ?? '');
      const guid = await ensureBaseObject(ctx, desk, known.get(desk.id), spec);
      if (guid === null) return;
      if (!known.has(desk.id)) counts.created += 1;
      counts.phones += await holdFreePhone(ctx, desk, guid);
    });
  }
  if (counts.created + counts.removed + counts.phones > 0) {
    await recordAudit(ctx.db, { actor: 'system', action: 'pbx.base_objects', result: 'ok', detail: counts });
    ctx.events.publish({ type: 'occupancy', deskIds: [] });
  }
  return counts;
}

/** Creates or renames the desk's base object; returns its guid (null when the PBX refused). Caller holds the lock. */
async function ensureBaseObject(
  ctx: OccupancyContext,
  desk: Desk,
  row: BaseRow | undefined,
  spec: OwnedObject,
): Promise<string | null> {
  // Ours by the row, or found again by its login name (created, then a crash before the row was written).
  try {
    const found = row ? ctx.pbx.userByGuid(row.guid) : null;
    const byName = found ? null : await ctx.pbx.findUser(spec.h323);
    const existing = found ?? (byName && isBaseObject(byName) ? byName : null);
    const guid = existing
      ? existing.cn === spec.cn && (spec.loc === '' || existing.loc === spec.loc)
        ? existing.guid
        : await ctx.pbx.saveObject(spec, existing.guid)
      : await ctx.pbx.saveObject(spec);
    if (!row || row.guid !== guid || row.cn !== spec.cn) {
      await ctx.db.query(
        `INSERT INTO base_objects (desk_id, guid, cn) VALUES ($1::uuid, $2, $3)
         ON CONFLICT (desk_id) DO UPDATE SET guid = EXCLUDED.guid, cn = EXCLUDED.cn`,
        [desk.id, guid, spec.cn],
      );
    }
    return guid;
  } catch (error) {
    log.error({ error: errorField(error) }, `base object of desk ${desk.name} not created:`);
    return null;
  }
}

/**
 * The base object holds exactly the desk's phone while nobody sits there: a phone on nobody goes to it,
 * a phone it holds that is no longer this desk's (the desk's MAC changed) leaves it. Returns moves made.
 */
async function holdFreePhone(ctx: OccupancyContext, desk: Desk, guid: string): Promise<number> {
  let moves = 0;
  const base = ctx.pbx.userByGuid(guid);
  for (const device of base?.devices ?? []) {
    if (device.hw.toLowerCase() === desk.mac.toLowerCase()) continue;
    await takePhone(ctx, device.hw, guid, null).catch(() => undefined);
    moves += 1;
  }
  if (ctx.pbx.holderOf(desk.mac) === null) {
    try {
      await takePhone(ctx, desk.mac, null, guid);
      moves += 1;
    } catch (error) {
      log.error({ error: errorField(error), desk: desk.name }, 'phone not given to its base object');
    }
  }
  return moves;
}

/** The phone leaves the object (so it is not deleted with it by surprise), then the object goes. */
async function removeBaseObject(ctx: OccupancyContext, row: BaseRow): Promise<void> {
  const base = ctx.pbx.userByGuid(row.guid);
  try {
    for (const device of base?.devices ?? []) await takePhone(ctx, device.hw, row.guid, null);
    if (base) await ctx.pbx.deleteObject(row.guid);
    await ctx.db.query('DELETE FROM base_objects WHERE desk_id = $1::uuid', [row.desk_id]);
  } catch (error) {
    log.error({ error: errorField(error) }, `base object ${row.cn} not removed yet:`);
  }
}
