import pg from 'pg';
import { errorField, log } from '../lib/log.ts';
import { KeyedMutex, type Mutex } from '../lib/keyed-mutex.ts';

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
    this.pool.on('error', (error) =>
      log.warn({ error: errorField(error) }, 'a lock connection was lost; it is replaced'),
    );
  }

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.local.run(keys, async () => {
      const client = await this.pool.connect();
      // The connection holds the locks while the work runs on other connections: if the database drops it
      // meanwhile, the error is noted here (unheard it would end the process) and the connection destroyed.
      let lost = false;
      const onError = (error: Error) => {
        lost = true;
        log.warn({ error: errorField(error) }, 'a lock connection was lost while its work ran');
      };
      client.on('error', onError);
      try {
        // One round trip: the transaction and every lock, in the array's (sorted) order.
        const literals = [...new Set(keys)].sort().map((key) => client.escapeLiteral(`${this.namespace}:${key}`));
        await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(ARRAY[${literals.join(', ')}]::text[]) AS key`,
        );
        return await work();
      } finally {
        // Ending the transaction releases the locks.
        if (!lost) await client.query('COMMIT').catch(() => (lost = true));
        client.off('error', onError);
        client.release(lost);
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
