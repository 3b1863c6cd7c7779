import pg from 'pg';
import { KeyedMutex, type Mutex } from '../pbx/keyed-mutex.ts';

/**
 * The per-desk and per-person locks across every instance on one PostgreSQL: transaction-scoped advisory locks,
 * taken in sorted order (so two holders of overlapping keys cannot deadlock) on connections of their own (the
 * work runs on the service's pool, so a holder never waits for a connection it holds itself), behind the
 * in-process mutex so that one instance's own callers queue in memory rather than on the database.
 */
export class AdvisoryMutex implements Mutex {
  private readonly local = new KeyedMutex();
  private readonly pool: pg.Pool;

  /** `namespace` keeps the keys of services on other schemas of the same database apart. */
  constructor(
    connectionString: string,
    private readonly namespace: string,
  ) {
    this.pool = new pg.Pool({ connectionString, max: 20, options: '-c jit=off' });
  }

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.local.run(keys, async () => {
      const client = await this.pool.connect();
      try {
        // One round trip: the transaction and every lock, in the array's (sorted) order.
        const literals = [...new Set(keys)].sort().map((key) => client.escapeLiteral(`${this.namespace}:${key}`));
        await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(ARRAY[${literals.join(', ')}]::text[]) AS key`,
        );
        return await work();
      } finally {
        // Ending the transaction releases the locks.
        await client.query('COMMIT').catch(() => undefined);
        client.release();
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
