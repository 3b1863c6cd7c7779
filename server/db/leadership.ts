import pg from 'pg';

/**
 * One instance at a time does the background work (following the PBX's changes and calls, the automatic logout,
 * base objects, waiting logouts): the one holding a session-level advisory lock on a connection of its own. When
 * that instance dies, its connection closes and the lock goes with it; the others try every `intervalMs` and one
 * takes over. The leader checks its connection as often, and steps down when it is lost.
 */
export class Leadership {
  private client: pg.Client | null = null;
  private leading = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly namespace: string,
    private readonly onChange: (leading: boolean) => void,
    private readonly intervalMs = 2000,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries at once (so that a single instance leads from its start), then every `intervalMs`. */
  start(): Promise<void> {
    return this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.leading = false;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.client === null) {
        const client = new pg.Client({ connectionString: this.connectionString });
        client.on('error', () => this.lose(client));
        await client.connect();
        this.client = client;
      }
      if (this.leading) await this.client.query('SELECT 1');
      else {
        const { rows } = await this.client.query<{ got: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got',
          [`${this.namespace}:leader`],
        );
        if (rows[0]?.got === true && !this.stopped) {
          this.leading = true;
          this.onChange(true);
        }
      }
    } catch {
      if (this.client) this.lose(this.client);
    }
    if (!this.stopped) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  private lose(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      this.onChange(false);
    }
  }
}
