import pg from 'pg';
import { errorField, log } from '../lib/log.ts';

export interface LeadershipOptions {
  /** Whether this instance could do the work now: its PBX connection works. Only then does it compete. */
  eligible: () => boolean;
  /** A leader no longer eligible this long steps down, so that a healthy instance takes over (default 5 s). */
  stepDownAfterMs?: number;
  intervalMs?: number;
}

/**
 * One instance at a time does the background work (following the PBX's changes and calls, the automatic logout,
 * base objects, waiting logouts): the one holding a session-level advisory lock on a connection of its own. When
 * that instance dies, its connection closes and the lock goes with it; the others try every `intervalMs` and one
 * takes over. Only an instance whose PBX connection works competes, and a leader that has lost its PBX for a few
 * seconds steps down (an instance with a wrong PBX password must not hold the cluster's keypad codes). The
 * leader checks its database connection as often, and steps down when it is lost.
 */
export class Leadership {
  private client: pg.Client | null = null;
  private leading = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private ineligibleSince: number | null = null;
  private readonly intervalMs: number;

  constructor(
    private readonly connectionString: string,
    private readonly namespace: string,
    private readonly onChange: (leading: boolean) => void,
    private readonly options: LeadershipOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 2000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries at once (so that a single instance leads from its start), then every `intervalMs`. */
  start(): Promise<void> {
    return this.tick();
  }

  /** Looks again now (the PBX just connected: this instance may compete). */
  poke(): void {
    if (this.stopped || this.leading) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
    this.timer.unref();
  }

  /** Hands the work back: the lock goes with the connection, and another instance takes over within `intervalMs`. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.leading) log.info('leadership handed back (shutting down)');
    this.leading = false;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const eligible = this.options.eligible();
      const since = eligible ? null : (this.ineligibleSince ?? Date.now());
      this.ineligibleSince = since;
      if (this.leading && since !== null && Date.now() - since >= (this.options.stepDownAfterMs ?? 5000)) {
        await this.stepDown();
      } else if (this.leading || eligible) {
        await this.holdOrTry(eligible);
      }
    } catch (error) {
      log.warn({ error: errorField(error) }, 'leadership: database connection lost');
      if (this.client) this.lose(this.client);
    }
    if (!this.stopped) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  private async stepDown(): Promise<void> {
    const client = this.client;
    this.leading = false;
    log.warn('leadership given up: this instance has lost its PBX connection');
    this.onChange(false);
    await client?.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`${this.namespace}:leader`]);
  }

  /** The leader checks its connection; an eligible follower tries to take the lock. */
  private async holdOrTry(eligible: boolean): Promise<void> {
    if (this.client === null) {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('error', () => this.lose(client));
      await client.connect();
      this.client = client;
    }
    if (this.leading) {
      await this.client.query('SELECT 1');
      return;
    }
    if (!eligible) return;
    const { rows } = await this.client.query<{ got: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got',
      [`${this.namespace}:leader`],
    );
    if (rows[0]?.got === true && !this.stopped) {
      this.leading = true;
      log.info('leadership gained: this instance does the background work');
      this.onChange(true);
    }
  }

  private lose(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      log.warn('leadership lost with the database connection');
      this.onChange(false);
    }
  }
}
