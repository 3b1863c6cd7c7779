import pg from 'pg';
import { errorField, log } from '../lib/log.ts';

/**
 * Says "this instance is alive" to the other instances on one PostgreSQL: a session-level advisory lock on a
 * connection of its own, held for the instance's life. When the instance dies its connection closes and the
 * lock goes with it, so another instance can tell at once that a move the dead one left open is abandoned
 * (`pg_try_advisory_xact_lock` on its key succeeds) instead of waiting for the move to grow old. A lost
 * connection is opened again (the lock taken again) after a second.
 */
export class InstanceBeacon {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly key: string,
  ) {}

  async start(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', (error) => {
      log.warn({ error: errorField(error) }, 'instance beacon: database connection lost; taken again');
      this.lose(client);
    });
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [this.key]);
      if (this.stopped) await client.end();
      else this.client = client;
    } catch (error) {
      log.warn({ error: errorField(error) }, 'instance beacon: database not reached; tried again');
      this.lose(client);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private lose(client: pg.Client): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), 1000);
    this.retry.unref();
  }
}
