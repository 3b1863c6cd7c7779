import type { Queryable } from './db.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Tables whose rows each have a name no other row has, in any case; a floor's within its building. */
export type NamedTable = 'sites' | 'neighbourhoods' | 'floors';

/** Whether a row of `table` other than `excludeId` has this name (and for floors, this building). */
export async function nameTaken(
  db: Queryable,
  table: NamedTable,
  name: string,
  excludeId: string | null,
  building = '',
): Promise<boolean> {
  const [row] =
    table === 'floors'
      ? await db.query(
          'SELECT 1 FROM floors WHERE lower(name) = lower($1) AND id <> $2::uuid AND lower(building) = lower($3)',
          [name, excludeId ?? NO_ID, building],
        )
      : await db.query(`SELECT 1 FROM ${table} WHERE lower(name) = lower($1) AND id <> $2::uuid`, [
          name,
          excludeId ?? NO_ID,
        ]);
  return row !== undefined;
}
