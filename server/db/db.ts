import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { errorField, log } from '../lib/log.ts';

/** Something SQL can be sent to: the database itself, or one transaction. */
export interface Queryable {
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** The storage the service runs on: PGlite (embedded) or PostgreSQL, with the same SQL. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL's pool, for the metrics; absent on PGlite. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** PGlite's files as a tarball (tests start databases from a migrated one); absent on PostgreSQL. */
  dump?(): Promise<Blob>;
}

/**
 * Embedded PGlite; `dataDir` undefined keeps everything in memory (tests). `loadDataDir`: a new database starts
 * as a copy of that tarball (tests: one migrated database, copied instead of migrated again each time).
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Db> {
  const lite = new PGlite(dataDir, options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir });
  await lite.waitReady;
  // PGlite is single-connection: transactions must not interleave with other statements, so every
  // statement goes through one queue.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    kind: 'pglite',
    query: <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      serialize(async () => (await lite.query<Row>(sql, [...params])).rows),
    exec: (sql) => serialize(async () => void (await lite.exec(sql))),
    transaction: (work) =>
      serialize(() =>
        lite.transaction((tx) =>
          work({
            query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
              (await tx.query<Row>(sql, [...params])).rows,
          }),
        ),
      ),
    close: () => serialize(() => lite.close()),
    dump: () => serialize(() => lite.dumpDataDir('none')),
  };
}

/** PostgreSQL through a connection pool; `searchPath` isolates test runs in their own schema. */
export function openPostgres(connectionString: string, searchPath?: string): Db {
  // No JIT: it compiles a plan to machine code when the estimated cost is high, and the utilisation queries'
  // estimates (generate_series has no statistics) are far above the threshold: each paid about 1 s of
  // compilation for milliseconds of work. The service runs short queries only.
  const options = ['-c jit=off', ...(searchPath === undefined ? [] : [`-c search_path=${searchPath}`])].join(' ');
  const pool = new pg.Pool({ connectionString, max: 10, options });
  // An idle connection the database closed (a restart, a failover): the pool drops it and opens a new one when
  // asked. Without a listener the error would end the process.
  pool.on('error', (error) => log.warn({ error: errorField(error) }, 'a database connection was lost; it is replaced'));
  return {
    kind: 'postgres',
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query<Row & pg.QueryResultRow>(sql, [...params])).rows,
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (work) => {
      const client = await pool.connect();
      // Checked out, the connection's own errors are ours to take (the pool listens only while it is idle).
      const onError = (error: Error) =>
        log.warn({ error: errorField(error) }, 'a database connection was lost mid-transaction');
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
            (await client.query<Row & pg.QueryResultRow>(sql, [...params])).rows,
        });
        await client.query('COMMIT');
        client.off('error', onError);
        client.release();
        return result;
      } catch (error) {
        // A lost connection cannot roll back; it is destroyed instead of going back to the pool.
        const broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        client.off('error', onError);
        client.release(broken);
        throw error;
      }
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** Whether the database answers a trivial query (the health endpoint). */
export async function databaseAnswers(db: Queryable): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL error classes and socket errors that mean "the database went away", not "the request was wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** The database cannot be reached now (restarting, shutting down, the network gone): a 503, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // 08: connection exception; 57P01-57P03: shutdown, crash shutdown, cannot connect now; 53300: too many connections.
    if (code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300' || UNAVAILABLE_CODES.has(code))
      return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
    error.message,
  );
}
