import type { PbxState } from '../../contract/api.ts';
import { AppWebsocketConnection, PbxLoginRefusedError, PbxUnavailableError, type AppMessage } from './app-websocket.ts';
import type { Pbx, PbxStatus, PbxUser } from './pbx.ts';
import { replicatedUserColumns, UserReplica, userFromRow } from './user-replica.ts';

export interface InnovaphoneOptions {
  /** `wss://pbx/PBX0/APPS/websocket` */
  url: string;
  /** The App object's name and password. */
  app: string;
  password: string;
  requestTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  random?: () => number;
}

const TABLE = 'PbxTableUsers';

/**
 * The innovaphone PBX behind the Pbx interface: logs in as the App object, replicates the user table,
 * and reconnects with exponential backoff and jitter, resynchronising fully after every reconnect.
 */
export class InnovaphonePbx implements Pbx {
  private connection: AppWebsocketConnection | null = null;
  private replica = new UserReplica();
  private replicaLoaded = false;
  private state: PbxState = 'disconnected';
  private since = new Date().toISOString();
  private lastError: string | null = null;
  private running = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly statusListeners = new Set<(status: PbxStatus) => void>();
  private loadWaiters: (() => void)[] = [];
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: InnovaphoneOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('connecting');
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connection?.close();
    this.connection = null;
    this.setState('disconnected');
    this.releaseLoadWaiters();
    await Promise.resolve();
  }

  status(): PbxStatus {
    return {
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      replicaLoaded: this.replicaLoaded,
      users: this.replica.size,
    };
  }

  onStatusChange(listener: (status: PbxStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async verifyUserPassword(username: string, password: string): Promise<boolean> {
    // A separate, short-lived connection logged in as the user: the PBX checks the password, we never
    // see or store it beyond this call.
    try {
      const connection = await AppWebsocketConnection.open(
        this.options.url,
        { app: '', domain: '', sip: username, guid: '', dn: '' },
        password,
        { timeoutMs: this.requestTimeoutMs },
      );
      connection.close();
      return true;
    } catch (error) {
      if (error instanceof PbxLoginRefusedError) return false;
      throw error;
    }
  }

  async findUser(username: string): Promise<PbxUser | null> {
    const found = this.replica.findByName(username);
    if (found || this.replicaLoaded) return found;
    if (this.state !== 'connecting' && this.state !== 'connected') {
      throw new PbxUnavailableError('The PBX user directory is not available.');
    }
    await this.waitForInitialLoad();
    if (!this.replicaLoaded) throw new PbxUnavailableError('The PBX user directory is still loading.');
    return this.replica.findByName(username);
  }

  private async connect(): Promise<void> {
    let connection: AppWebsocketConnection | null = null;
    try {
      connection = await AppWebsocketConnection.open(
        this.options.url,
        { app: this.options.app, domain: '', sip: '', guid: '', dn: '' },
        this.options.password,
        { timeoutMs: this.requestTimeoutMs },
      );
      if (!this.running) {
        connection.close();
        return;
      }
      this.connection = connection;
      const live = connection;
      live.onClose((reason) => {
        this.onConnectionLost(live, reason);
      });
      await this.replicateUsers(connection);
      this.attempt = 0;
      this.lastError = null;
      this.setState('connected');
    } catch (error) {
      connection?.close();
      if (this.connection === connection) this.connection = null;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.scheduleReconnect('disconnected');
    }
  }

  private onConnectionLost(connection: AppWebsocketConnection, reason: Error): void {
    if (this.connection !== connection || !this.running) return;
    this.connection = null;
    this.lastError = reason.message;
    this.scheduleReconnect('reconnecting');
  }

  /**
   * A lost connection is `reconnecting`; an attempt that fails means the PBX is really away
   * (`disconnected`). Either way the next attempt follows after an exponential, jittered delay.
   */
  private scheduleReconnect(nextState: PbxState): void {
    if (!this.running) return;
    this.setState(nextState);
    if (this.reconnectTimer) return;
    const initial = this.options.reconnectInitialMs ?? 250;
    const max = this.options.reconnectMaxMs ?? 30_000;
    const ceiling = Math.min(max, initial * 2 ** this.attempt);
    const delay = ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  /** ReplicateStart, then ReplicateNext until a result without columns; pushes are applied meanwhile. */
  private async replicateUsers(connection: AppWebsocketConnection): Promise<void> {
    const fresh = new UserReplica();
    // Before the first full load, readers see the rows as they arrive; afterwards they keep the last
    // complete replica until the resync has finished, so a reconnect never shows a half-empty directory.
    if (!this.replicaLoaded) this.replica = fresh;
    connection.onMessage((message) => {
      if (message.api === TABLE) applyPush(fresh, message);
    });
    await connection.request(TABLE, 'ReplicateStart', { add: true, del: true, columns: replicatedUserColumns });
    for (;;) {
      const next = await connection.request(TABLE, 'ReplicateNext');
      const columns = next.columns;
      if (typeof columns !== 'object' || columns === null) break;
      const user = userFromRow(columns as Record<string, unknown>);
      if (user) fresh.upsert(user);
    }
    this.replica = fresh;
    this.replicaLoaded = true;
    this.releaseLoadWaiters();
  }

  private waitForInitialLoad(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.requestTimeoutMs);
      this.loadWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private releaseLoadWaiters(): void {
    const waiters = this.loadWaiters;
    this.loadWaiters = [];
    for (const release of waiters) release();
  }

  private setState(state: PbxState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = new Date().toISOString();
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }
}

function applyPush(replica: UserReplica, message: AppMessage): void {
  const columns = message.columns;
  if (typeof columns !== 'object' || columns === null) return;
  const row = columns as Record<string, unknown>;
  if (message.mt === 'ReplicateDel') {
    if (typeof row.guid === 'string') replica.delete(row.guid);
    return;
  }
  if (message.mt === 'ReplicateAdd' || message.mt === 'ReplicateUpdate') {
    const user = userFromRow(row);
    if (user) replica.upsert(user);
  }
}
