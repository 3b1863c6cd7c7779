// Over 400 lines on purpose: the connection's life (login, reconnect with backoff, keep-alive, status)
// and the replicas it feeds (users, registrations, calls) share one state machine, which reads best in one
// place. Moves (device-moves.ts), owned objects (owned-objects.ts), the call replica (call-replica.ts) and
// the keep-alive (keep-alive.ts) live beside it.
import type { PbxState } from '../../contract/api.ts';
import { AppWebsocketConnection, PbxLoginRefusedError, PbxRequestError, type AppMessage } from './app-websocket.ts';
import { CallReplica } from './call-replica.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { OwnedObjects } from './owned-objects.ts';
import { RccControl } from './rcc-control.ts';
import { DeviceMoves } from './device-moves.ts';
import { keepAlive } from './keep-alive.ts';
import { MemoryMoveJournal, type MoveJournal } from './move-journal.ts';
import {
  PbxUnavailableError,
  type InvariantReport,
  type MoveRequest,
  type OwnedObject,
  type Pbx,
  type PbxCall,
  type PbxChange,
  type PbxStatus,
  type PbxUser,
} from './pbx.ts';
import { RegistrationReplica } from './registration-replica.ts';
import { asDevices, replicatedPseudoTypes, replicatedUserColumns, UserReplica, userFromRow } from './user-replica.ts';

export interface InnovaphoneOptions {
  /** `wss://pbx/PBX0/APPS/websocket` */
  url: string;
  /** The App object's name and password. */
  app: string;
  password: string;
  /** Where moves are written down before the first PBX write (the service passes the database). */
  journal?: MoveJournal;
  requestTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** How often the PBX is asked whether it is there (KeepAlive), and how long it has to answer. */
  keepAliveIntervalMs?: number;
  keepAliveTimeoutMs?: number;
  /** A PBX silent this long is given up on: the connection is dropped and built again (full resync). */
  silentReconnectMs?: number;
  random?: () => number;
}

const TABLE = 'PbxTableUsers';
/** RCC's initial list is paced by the PBX (50 users per 20 ms): 50,000 users take 20 s. */
const RCC_INITIALIZE_TIMEOUT_MS = 10 * 60_000;

/**
 * The innovaphone PBX behind the Pbx interface: logs in as the App object, replicates the user table
 * (PbxTableUsers) and the registrations (RCC), writes device lists (PbxAdminApi), and reconnects with
 * exponential backoff and jitter, resynchronising fully and repairing half-done moves after every
 * reconnect.
 */
export class InnovaphonePbx implements Pbx {
  private connection: AppWebsocketConnection | null = null;
  private replica = new UserReplica();
  private replicaLoaded = false;
  private registrations = new RegistrationReplica();
  private registrationsLoaded = false;
  private calls = new CallReplica();
  private callsWatched = false;
  private state: PbxState = 'disconnected';
  private since = new Date().toISOString();
  private lastError: string | null = null;
  private running = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly statusListeners = new Set<(status: PbxStatus) => void>();
  private readonly changeListeners = new Set<(change: PbxChange) => void>();
  private loadWaiters: (() => void)[] = [];
  private readonly requestTimeoutMs: number;
  private readonly moves: DeviceMoves;
  private readonly owned: OwnedObjects;
  private readonly rcc: RccControl;
  private stopKeepAlive: () => void = () => undefined;

  constructor(private readonly options: InnovaphoneOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    const liveConnection = () =>
      this.connection && !this.connection.closed && this.state === 'connected' ? this.connection : null;
    this.owned = new OwnedObjects(liveConnection, options.app);
    this.rcc = new RccControl(liveConnection);
    this.moves = new DeviceMoves(
      {
        liveConnection,
        holdersOf: (mac) => this.replica.holdersOf(mac),
        userById: (guid) => this.replica.byId(guid),
        applyUser: (user) => this.applyUser(user),
        running: () => this.running,
      },
      options.journal ?? new MemoryMoveJournal(),
      new KeyedMutex(),
    );
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
    this.moves.stop();
    this.stopKeepAlive();
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
      registrationsLoaded: this.registrationsLoaded,
      registrations: this.registrations.size,
      callsWatched: this.callsWatched,
    };
  }

  onStatusChange(listener: (status: PbxStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onChange(listener: (change: PbxChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
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

  listUsers(): PbxUser[] {
    return [...this.replica.all()];
  }

  userByGuid(guid: string): PbxUser | null {
    return this.replica.byId(guid);
  }

  holderOf(mac: string): PbxUser | null {
    const [guid] = this.replica.holdersOf(mac);
    return guid === undefined ? null : this.replica.byId(guid);
  }

  registeredTo(mac: string): string | null {
    return this.registrations.registeredTo(mac);
  }

  moveDevice(request: MoveRequest): Promise<void> {
    return this.moves.moveDevice(request);
  }

  callsOf(guid: string): PbxCall[] {
    return this.calls.of(guid);
  }

  dialledBy(guid: string): PbxCall[] {
    return this.calls.dialled(guid);
  }

  async clearCall(guid: string, call: number): Promise<void> {
    const user = this.replica.byId(guid);
    if (user) await this.rcc.clear(user.cn, call);
  }

  saveObject(object: OwnedObject, guid?: string): Promise<string> {
    return this.owned.save(object, guid);
  }

  deleteObject(guid: string): Promise<void> {
    return this.owned.delete(guid);
  }

  locations(): Promise<string[]> {
    return this.owned.locations();
  }

  async setLocation(guid: string, loc: string): Promise<void> {
    await this.owned.setLocation(guid, loc);
    const user = this.replica.byId(guid);
    if (user) this.applyUser({ ...user, loc });
  }

  async checkInvariants(expectedSessions: ReadonlyMap<string, string> = new Map()): Promise<InvariantReport> {
    const duplicateMacs = this.replica.duplicates();
    const sessionMismatches = [...expectedSessions].flatMap(([mac, expected]) => {
      const holders = this.replica.holdersOf(mac);
      return holders.length === 1 && holders[0] === expected
        ? []
        : [{ mac: mac.toLowerCase(), expected, actual: holders[0] ?? null }];
    });
    const pendingMoves = await this.moves.pendingCount();
    return {
      ok: duplicateMacs.length === 0 && sessionMismatches.length === 0 && pendingMoves === 0,
      duplicateMacs,
      sessionMismatches,
      pendingMoves,
    };
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
      this.initializeRegistrations(live);
      await this.replicateUsers(live);
      this.attempt = 0;
      this.lastError = null;
      this.setState('connected');
      this.moves.scheduleRepair();
      this.startKeepAlive(live);
    } catch (error) {
      connection?.close();
      if (this.connection === connection) this.connection = null;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.scheduleReconnect('disconnected');
    }
  }

  /**
   * Asks the PBX every few seconds whether it is there (keep-alive.ts). A PBX that does not answer in
   * time is `unresponsive` (moves are refused at once instead of waiting); when it answers again it is
   * `connected`, and moves left open meanwhile are repaired. Silent for too long, it is reconnected.
   */
  private startKeepAlive(connection: AppWebsocketConnection): void {
    this.stopKeepAlive();
    this.stopKeepAlive = keepAlive(
      connection,
      {
        ...(this.options.keepAliveIntervalMs === undefined ? {} : { intervalMs: this.options.keepAliveIntervalMs }),
        ...(this.options.keepAliveTimeoutMs === undefined ? {} : { timeoutMs: this.options.keepAliveTimeoutMs }),
        ...(this.options.silentReconnectMs === undefined ? {} : { giveUpAfterMs: this.options.silentReconnectMs }),
      },
      {
        answered: () => {
          if (this.state !== 'unresponsive' || this.connection !== connection) return;
          this.lastError = null;
          this.setState('connected');
          this.moves.scheduleRepair();
        },
        silent: (silentMs) => {
          if (this.connection !== connection) return;
          this.lastError = `The PBX has not answered for ${Math.round(silentMs / 1000)} s.`;
          this.setState('unresponsive');
        },
      },
    );
  }

  private onConnectionLost(connection: AppWebsocketConnection, reason: Error): void {
    if (this.connection !== connection || !this.running) return;
    this.stopKeepAlive();
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
    let loading = true;
    connection.onMessage((message) => {
      if (message.api !== TABLE) return;
      if (loading) applyPush(fresh, message);
      else this.applyPushLive(message);
    });
    await connection.request(TABLE, 'ReplicateStart', {
      add: true,
      del: true,
      columns: replicatedUserColumns,
      pseudo: replicatedPseudoTypes,
    });
    for (;;) {
      const next = await connection.request(TABLE, 'ReplicateNext');
      const columns = next.columns;
      if (typeof columns !== 'object' || columns === null) break;
      const user = userFromRow(columns as Record<string, unknown>);
      if (user) fresh.upsert(user);
    }
    loading = false;
    const previous = this.replica;
    this.replica = fresh;
    this.replicaLoaded = true;
    this.announceResync(previous, fresh);
    this.releaseLoadWaiters();
  }

  private applyPushLive(message: AppMessage): void {
    const columns = message.columns;
    if (typeof columns !== 'object' || columns === null) return;
    const row = columns as Record<string, unknown>;
    if (message.mt === 'ReplicateDel') {
      const previous = typeof row.guid === 'string' ? this.replica.byId(row.guid) : null;
      if (previous) {
        this.replica.delete(previous.guid);
        this.emit({ kind: 'user-deleted', guid: previous.guid, previous });
      }
      return;
    }
    if (message.mt === 'ReplicateAdd' || message.mt === 'ReplicateUpdate') {
      const user = userFromRow(row);
      if (user) this.applyUser(user);
    }
  }

  private applyUser(user: PbxUser): void {
    const previous = this.replica.byId(user.guid);
    this.replica.upsert(user);
    this.emit({ kind: 'user', user, previous });
  }

  /** After a resync, listeners hear about every difference to what they saw before. */
  private announceResync(previous: UserReplica, fresh: UserReplica): void {
    if (previous === fresh) {
      for (const user of fresh.all()) this.emit({ kind: 'user', user, previous: null });
      return;
    }
    for (const user of previous.all()) {
      if (!fresh.byId(user.guid)) this.emit({ kind: 'user-deleted', guid: user.guid, previous: user });
    }
    for (const user of fresh.all()) {
      const before = previous.byId(user.guid);
      if (!before || JSON.stringify(before) !== JSON.stringify(user))
        this.emit({ kind: 'user', user, previous: before });
    }
  }

  /**
   * RCC Initialize runs beside the user replication: its paced initial list can take many seconds. With
   * `calls: true` the PBX also tells about every call; the calls seen before a reconnect are forgotten,
   * and their users announced, since they may have ended meanwhile.
   */
  private initializeRegistrations(connection: AppWebsocketConnection): void {
    const fresh = new RegistrationReplica();
    let loading = true;
    if (!this.registrationsLoaded) this.registrations = fresh;
    const callsBefore = this.calls.guids();
    this.calls = new CallReplica();
    // Until InitializeResult, the calls already running are still arriving: nobody is known to be free.
    this.callsWatched = false;
    for (const guid of callsBefore) this.emit({ kind: 'calls', guid });
    connection
      .requestWithIndications(
        'RCC',
        'Initialize',
        { calls: true },
        (message) => {
          const callOf = this.calls.apply(message);
          if (callOf !== null) {
            this.emit({ kind: 'calls', guid: callOf });
            return;
          }
          if (message.mt !== 'UserInfo' || typeof message.guid !== 'string') return;
          const target = loading ? fresh : this.registrations;
          if (message.update === 'del') target.delete(message.guid);
          else
            target.set(
              message.guid,
              asDevices(message.regs).map((reg) => reg.hw),
            );
          if (!loading) this.emit({ kind: 'registrations', guid: message.guid });
        },
        RCC_INITIALIZE_TIMEOUT_MS,
      )
      .then(
        () => {
          loading = false;
          this.registrations = fresh;
          this.registrationsLoaded = true;
          this.callsWatched = true;
          // The calls seen before the reconnect that are not running any more have ended meanwhile.
          for (const guid of callsBefore) this.emit({ kind: 'calls', guid });
        },
        (error: unknown) => {
          // An App object without the RCC grant: no registrations, but everything else works.
          if (error instanceof PbxRequestError) this.lastError = `RCC: ${error.message}`;
        },
      );
  }

  private emit(change: PbxChange): void {
    for (const listener of this.changeListeners) listener(change);
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
