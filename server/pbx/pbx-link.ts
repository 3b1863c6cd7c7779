import type { PbxState } from '../../contract/api.ts';
import { AppWebsocketConnection, PbxLoginRefusedError } from './app-websocket.ts';
import { watchLiveness, type LivenessOptions } from './liveness.ts';

export interface PbxLinkOptions {
  /** `wss://pbx/PBX0/APPS/websocket` */
  url: string;
  /** The App object's name and password. */
  app: string;
  password: string;
  requestTimeoutMs: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  liveness?: LivenessOptions;
  random?: () => number;
}

export interface PbxLinkHooks {
  /**
   * A new connection is logged in. The link counts as connected once this resolves (e.g. the user table is
   * loaded); when it throws, the connection is dropped and built again.
   */
  ready(connection: AppWebsocketConnection): Promise<void>;
  /** The link is connected and answering (after `ready`, or again after being unresponsive). */
  connected(): void;
  /** The connection was lost; it is being built again. */
  lost(): void;
  /** The state changed, or an attempt to connect failed. */
  changed(): void;
}

/**
 * One PBX connection's life: App-object login, readiness, liveness (watchLiveness: a ping every few seconds,
 * `unresponsive` while unanswered) and reconnection with exponential backoff and jitter. What is built on the
 * connection (replicas, feeds) comes from the hooks.
 */
export class PbxLink {
  private connection: AppWebsocketConnection | null = null;
  private running = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopLiveness: () => void = () => undefined;
  state: PbxState = 'disconnected';
  since = new Date().toISOString();
  /** Since when it has not been connected (kept through reconnect attempts); null while connected. */
  downSince: string | null = this.since;
  lastError: string | null = null;
  /** The App object's password was refused at the last attempt. */
  loginRefused = false;

  constructor(
    readonly options: PbxLinkOptions,
    private readonly hooks: PbxLinkHooks,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** The connection while the PBX is connected and answering; null otherwise. */
  live(): AppWebsocketConnection | null {
    return this.connection && !this.connection.closed && this.state === 'connected' ? this.connection : null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('connecting');
    void this.connect();
  }

  stop(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopLiveness();
    this.connection?.close();
    this.connection = null;
    this.setState('disconnected');
  }

  private async connect(): Promise<void> {
    let connection: AppWebsocketConnection | null = null;
    try {
      connection = await AppWebsocketConnection.open(
        this.options.url,
        { app: this.options.app, domain: '', sip: '', guid: '', dn: '' },
        this.options.password,
        { timeoutMs: this.options.requestTimeoutMs },
      );
      this.loginRefused = false;
      if (!this.running) {
        connection.close();
        return;
      }
      this.connection = connection;
      const live = connection;
      live.onClose((reason) => this.onConnectionLost(live, reason));
      await this.hooks.ready(live);
      if (live.closed) throw new Error(this.lastError ?? 'The connection to the PBX was closed.');
      this.attempt = 0;
      this.lastError = null;
      this.setState('connected');
      this.hooks.connected();
      this.startLiveness(live);
    } catch (error) {
      connection?.close();
      if (this.connection === connection) this.connection = null;
      this.loginRefused = error instanceof PbxLoginRefusedError;
      this.lastError = this.loginRefused
        ? `The PBX refused the App object's login: check PBX_APP (${this.options.app}) and PBX_PASSWORD against the App object.`
        : error instanceof Error
          ? error.message
          : String(error);
      this.scheduleReconnect('disconnected');
      // Every failed attempt is told, also when the state stays the same (a refused login is logged each time).
      this.hooks.changed();
    }
  }

  private startLiveness(connection: AppWebsocketConnection): void {
    this.stopLiveness();
    this.stopLiveness = watchLiveness(connection, this.options.liveness ?? {}, {
      answered: () => {
        if (this.state !== 'unresponsive' || this.connection !== connection) return;
        this.lastError = null;
        this.setState('connected');
        this.hooks.connected();
      },
      silent: (silentMs) => {
        if (this.connection !== connection) return;
        this.lastError = `The PBX has not answered for ${Math.round(silentMs / 1000)} s.`;
        this.setState('unresponsive');
      },
    });
  }

  private onConnectionLost(connection: AppWebsocketConnection, reason: Error): void {
    if (this.connection !== connection || !this.running) return;
    this.stopLiveness();
    this.connection = null;
    this.lastError = reason.message;
    this.hooks.lost();
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

  private setState(state: PbxState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = new Date().toISOString();
    if (state === 'connected') this.downSince = null;
    else this.downSince ??= this.since;
    this.hooks.changed();
  }
}

/** `wss://user:secret@host/…` → `wss://host/…`: addresses are shown to administrators, secrets never. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
