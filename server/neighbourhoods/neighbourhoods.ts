import type { z } from 'zod';
import { isUuid } from '../../contract/ids.ts';
import type {
  Neighbourhood,
  NeighbourhoodList,
  NeighbourhoodRule,
  neighbourhoodInputSchema,
} from '../../contract/neighbourhoods.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { nameTaken } from '../db/names.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { msg } from '../../i18n/message.ts';

/** Neighbourhoods: which zones and desks are kept for which PBX group (contract/neighbourhoods.ts has the rule). */

export interface NeighbourhoodDeps {
  db: Db;
  events: EventBus;
  pbx: Pbx;
}

type Input = z.output<typeof neighbourhoodInputSchema>;

interface Row {
  id: string;
  name: string;
  pbx_group: string;
  others_from: string | null;
  version: number;
  zones: { id: string; name: string; floorName: string }[] | null;
  desks: { id: string; name: string }[] | null;
}

const SELECT = `SELECT n.id::text AS id, n.name, n.pbx_group, n.others_from, n.version,
    (SELECT json_agg(json_build_object('id', z.id::text, 'name', z.name, 'floorName', f.name) ORDER BY f.sort_order, f.name, z.name)
       FROM neighbourhood_places p JOIN zones z ON z.id = p.zone_id JOIN floors f ON f.id = z.floor_id
       WHERE p.neighbourhood_id = n.id) AS zones,
    (SELECT json_agg(json_build_object('id', d.id::text, 'name', d.name) ORDER BY lower(d.name))
       FROM neighbourhood_places p JOIN desks d ON d.id = p.desk_id WHERE p.neighbourhood_id = n.id) AS desks
  FROM neighbourhoods n`;

const toNeighbourhood = (row: Row): Neighbourhood => ({
  id: row.id,
  name: row.name,
  pbxGroup: row.pbx_group,
  othersFrom: row.others_from,
  zones: row.zones ?? [],
  desks: row.desks ?? [],
  version: row.version,
});

export async function listNeighbourhoods(deps: NeighbourhoodDeps): Promise<NeighbourhoodList> {
  const rows = await deps.db.query<Row>(`${SELECT} ORDER BY lower(n.name)`);
  const groups = new Set<string>();
  for (const user of deps.pbx.listUsers()) for (const group of user.groups) groups.add(group);
  return {
    neighbourhoods: rows.map(toNeighbourhood),
    groups: [...groups].sort((a, b) => a.localeCompare(b)),
  };
}

async function one(db: Queryable, id: string): Promise<Neighbourhood | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<Row>(`${SELECT} WHERE n.id = $1::uuid`, [id]);
  return row ? toNeighbourhood(row) : null;
}

const notFound = () => new DomainError('not_found', 'not_found', msg('api.neighbourhoods.neighbourhoodDoesExistAny'));

/** Writes its places; a zone or desk already in another neighbourhood (the unique keys) is refused, by name. */
async function writePlaces(tx: Queryable, id: string, given: Input): Promise<void> {
  const named = await resolveDeskNames(tx, given.deskNames);
  const input = { ...given, deskIds: [...new Set([...given.deskIds, ...named])] };
  if (![...input.zoneIds, ...input.deskIds].every(isUuid))
    throw new DomainError('invalid', 'bad_request', msg('api.neighbourhoods.zoneDeskChosenDoes'));
  await tx.query('DELETE FROM neighbourhood_places WHERE neighbourhood_id = $1::uuid', [id]);
  const taken = await tx.query<{ name: string; other: string }>(
    `SELECT COALESCE(z.name, d.name) AS name, n.name AS other FROM neighbourhood_places p
       JOIN neighbourhoods n ON n.id = p.neighbourhood_id
       LEFT JOIN zones z ON z.id = p.zone_id LEFT JOIN desks d ON d.id = p.desk_id
     WHERE p.zone_id = ANY($1::uuid[]) OR p.desk_id = ANY($2::uuid[]) LIMIT 1`,
    [input.zoneIds, input.deskIds],
  );
  const [clash] = taken;
  if (clash)
    throw new DomainError(
      'conflict',
      'neighbourhood_overlap',
      msg('api.neighbourhoods.alreadyNeighbourhood', { clashName: clash.name, clashOther: clash.other }),
    );
  const known = await tx.query<{ count: number }>(
    `SELECT (SELECT count(*)::int FROM zones WHERE id = ANY($1::uuid[])) + (SELECT count(*)::int FROM desks WHERE id = ANY($2::uuid[])) AS count`,
    [input.zoneIds, input.deskIds],
  );
  if ((known[0]?.count ?? 0) !== new Set([...input.zoneIds, ...input.deskIds]).size)
    throw new DomainError('invalid', 'bad_request', msg('api.neighbourhoods.zoneDeskChosenDoes'));
  await tx.query(
    `INSERT INTO neighbourhood_places (neighbourhood_id, zone_id)
     SELECT $1::uuid, zone FROM unnest($2::uuid[]) AS zone ON CONFLICT DO NOTHING`,
    [id, input.zoneIds],
  );
  await tx.query(
    `INSERT INTO neighbourhood_places (neighbourhood_id, desk_id)
     SELECT $1::uuid, desk FROM unnest($2::uuid[]) AS desk ON CONFLICT DO NOTHING`,
    [id, input.deskIds],
  );
}

/** Desk names (any case) as ids; a name no desk has is refused at the field, with the names. */
async function resolveDeskNames(tx: Queryable, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await tx.query<{ id: string; name: string }>(
    'SELECT id::text AS id, name FROM desks WHERE lower(name) = ANY($1::text[])',
    [names.map((name) => name.toLowerCase())],
  );
  const known = new Set(rows.map((row) => row.name.toLowerCase()));
  const unknown = names.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0)
    throw new DomainError(
      'invalid',
      'bad_request',
      msg('api.neighbourhoods.deskNamed', { value1: unknown.join(', ') }),
      { deskNames: msg('api.neighbourhoods.unknown', { value1: unknown.join(', ') }) },
    );
  return rows.map((row) => row.id);
}

async function assertNameFree(tx: Queryable, name: string, id: string | null): Promise<void> {
  if (await nameTaken(tx, 'neighbourhoods', name, id))
    throw new DomainError(
      'conflict',
      'neighbourhood_name_taken',
      msg('api.neighbourhoods.thereAlreadyNeighbourhood', { name }),
      { name: msg('api.neighbourhoods.nameAlreadyUsed') },
    );
}

export async function createNeighbourhood(
  deps: NeighbourhoodDeps,
  actor: string,
  input: Input,
): Promise<Neighbourhood> {
  const made = await deps.db.transaction(async (tx) => {
    await assertNameFree(tx, input.name, null);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO neighbourhoods (name, pbx_group, others_from) VALUES ($1, $2, $3) RETURNING id::text AS id`,
      [input.name, input.pbxGroup, input.othersFrom],
    );
    if (!row) throw new Error('neighbourhood insert returned nothing');
    await writePlaces(tx, row.id, input);
    const created = await one(tx, row.id);
    if (!created) throw new Error('neighbourhood vanished');
    await recordAudit(tx, {
      actor,
      action: 'neighbourhood.create',
      target: created.name,
      result: 'ok',
      detail: { after: created },
    });
    return created;
  });
  deps.events.publish({ type: 'bookings', floorIds: [] });
  return made;
}

export async function updateNeighbourhood(
  deps: NeighbourhoodDeps,
  actor: string,
  id: string,
  version: number,
  input: Input,
): Promise<Neighbourhood> {
  const updated = await deps.db.transaction(async (tx) => {
    const before = await one(tx, id);
    if (!before) throw notFound();
    if (before.version !== version)
      throw new DomainError(
        'stale',
        'version_conflict',
        msg('api.neighbourhoods.someoneElseChangedNeighbourhood'),
        undefined,
        { current: before },
      );
    await assertNameFree(tx, input.name, id);
    await tx.query(
      `UPDATE neighbourhoods SET name = $2, pbx_group = $3, others_from = $4, version = version + 1, updated_at = now()
       WHERE id = $1::uuid`,
      [id, input.name, input.pbxGroup, input.othersFrom],
    );
    await writePlaces(tx, id, input);
    const after = await one(tx, id);
    if (!after) throw notFound();
    await recordAudit(tx, {
      actor,
      action: 'neighbourhood.update',
      target: after.name,
      result: 'ok',
      detail: { before, after },
    });
    return after;
  });
  deps.events.publish({ type: 'bookings', floorIds: [] });
  return updated;
}

export async function deleteNeighbourhood(deps: NeighbourhoodDeps, actor: string, id: string): Promise<void> {
  const before = await one(deps.db, id);
  if (!before) throw notFound();
  await deps.db.transaction(async (tx) => {
    await tx.query('DELETE FROM neighbourhoods WHERE id = $1::uuid', [id]);
    await recordAudit(tx, {
      actor,
      action: 'neighbourhood.delete',
      target: before.name,
      result: 'ok',
      detail: { before },
    });
  });
  deps.events.publish({ type: 'bookings', floorIds: [] });
}

/** The neighbourhood of each desk: its own, else its zone's. */
export async function neighbourhoodsOfDesks(
  db: Queryable,
  deskIds: readonly string[],
): Promise<Map<string, NeighbourhoodRule>> {
  if (deskIds.length === 0) return new Map();
  const rows = await db.query<{ desk_id: string; name: string; pbx_group: string; others_from: string | null }>(
    `SELECT d.id::text AS desk_id, n.name, n.pbx_group, n.others_from FROM desks d
       LEFT JOIN neighbourhood_places own ON own.desk_id = d.id
       LEFT JOIN neighbourhood_places zone ON zone.zone_id = d.zone_id
       JOIN neighbourhoods n ON n.id = COALESCE(own.neighbourhood_id, zone.neighbourhood_id)
     WHERE d.id = ANY($1::uuid[])`,
    [deskIds],
  );
  return new Map(
    rows.map((row) => [row.desk_id, { name: row.name, pbxGroup: row.pbx_group, othersFrom: row.others_from }]),
  );
}
