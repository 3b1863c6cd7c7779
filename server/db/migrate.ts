import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { KEEP_BEHAVIOUR_MIGRATION, keepUpgradedBehaviour } from './upgrade-behaviour.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface MigrationOutcome {
  /** The files applied now. */
  applied: string[];
  /** The highest version the database had before (0: a new installation). */
  previous: number;
}

/** The database was written by a newer version of the service: running on it would write what this one does not know. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
}

/**
 * Applies the numbered SQL files in `migrations/` that have not been applied yet, in order. Refuses a database
 * that has migrations this version does not know (a downgrade), naming them.
 */
export async function migrate(db: Db, options: { until?: number } = {}): Promise<MigrationOutcome> {
  const all = (await readdir(migrationsDir)).filter((name) => MIGRATION_FILE.test(name)).sort();
  // Tests build an older release's schema with `until`; the service always goes to the newest.
  const files = all.filter((file) => Number(MIGRATION_FILE.exec(file)?.[1]) <= (options.until ?? Infinity));
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const known = new Set(all.map((file) => Number(MIGRATION_FILE.exec(file)?.[1])));
  const existing = await db.query<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  const unknown = existing.filter((row) => !known.has(row.version));
  if (unknown.length > 0) {
    const newest = all.at(-1) ?? 'none';
    throw new NewerSchemaError(
      `The database was upgraded by a newer Hotdesk: it has migration${unknown.length === 1 ? '' : 's'} ${unknown.map((row) => row.name).join(', ')}, this version knows up to ${newest}. Start the newer version, or restore the backup taken before the upgrade.`,
    );
  }
  const previous = existing.at(-1)?.version ?? 0;
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(MIGRATION_FILE.exec(file)?.[1]);
    const sql = await readFile(migrationsDir + file, 'utf8');
    const done = await db.transaction(async (tx) => {
      // Two service instances starting at once against one PostgreSQL must not both migrate.
      await tx.query('SELECT pg_advisory_xact_lock(7301)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      if (version === KEEP_BEHAVIOUR_MIGRATION) await keepUpgradedBehaviour(tx, previous);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return { applied, previous };
}

/**
 * Migrations are plain SQL: statements end with `;` at the end of a line; a function body between `$$` lines
 * keeps its own semicolons.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && /^\s*--/.test(line)) continue;
    current.push(line);
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  statements.push(current.join('\n').trim());
  return statements.filter((statement) => statement.length > 0);
}
