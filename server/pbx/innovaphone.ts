import type { PbxState } from '../../contract/api.ts';
import { AppWebsocketConnection, PbxLoginRefusedError, PbxRequestError, type AppMessage } from './app-websocket.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { MemoryMoveJournal, type MoveIntent, type MoveJournal } from './move-journal.ts';
import {
  PbxMoveError,
  PbxUnavailableError,
  type InvariantReport,
  type MoveRequest,
  type Pbx,
  type PbxChange,
  type PbxDevice,
  type PbxStatus,
  type PbxUser,
} from './pbx.ts';
import { RegistrationReplica } from './registration-replica.ts';
import {
  adminDevice,
  asDevices,
  replicatedPseudoTypes,
  replicatedUserColumns,
  UserReplica,
  userFromRow,
} from './user-replica.ts';

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
const ADMIN = 'PbxAdminApi';
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
  private readonly journal: MoveJournal;
  private readonly locks = new KeyedMutex();
  private repairTimer: NodeJS.Timeout | null = null;
  private repairAttempt = 0;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  /** Since when the PBX has not answered a keep-alive (null: it answers). */
  private silentSince: number | null = null;

  constructor(private readonly options: InnovaphoneOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.journal = options.journal ?? new MemoryMoveJournal();
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
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
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

  async moveDevice(request: MoveRequest): Promise<void> {
    const mac = request.mac.toLowerCase();
    const keys = [`mac:${mac}`, ...[request.from, request.to].flatMap((guid) => (guid ? [`user:${guid}`] : []))];
    await this.locks.run(keys, () => this.move({ ...request, mac }));
  }

  async checkInvariants(expectedSessions: ReadonlyMap<string, string> = new Map()): Promise<InvariantReport> {
    const duplicateMacs = this.replica.duplicates();
    const sessionMismatches = [...expectedSessions].flatMap(([mac, expected]) => {
      const holders = this.replica.holdersOf(mac);
      return holders.length === 1 && holders[0] === expected
        ? []
        : [{ mac: mac.toLowerCase(), expected, actual: holders[0] ?? null }];
    });
    const pendingMoves = (await this.journal.pending()).length;
    return {
      ok: duplicateMacs.length === 0 && sessionMismatches.length === 0 && pendingMoves === 0,
      duplicateMacs,
      sessionMismatches,
      pendingMoves,
    };
  }

  /** Remove from `from`, then add to `to`; undo the removal when the add is refused. Caller holds the locks. */
  private async move(request: MoveRequest): Promise<void> {
    const { mac, from, to, device } = request;
    const connection = this.connectionOrThrow();
    if (from === to) return;
    let fromDevice: PbxDevice | null = null;
    if (from !== null) {
      const devices = await this.readDevices(connection, from).catch((error: unknown) => {
        if (error instanceof PbxUnavailableError) throw new PbxMoveError('unavailable', error.message, true);
        throw error;
      });
      fromDevice = devices.find((entry) => entry.hw.toLowerCase() === mac) ?? null;
      if (!fromDevice) throw new PbxMoveError('conflict', 'The phone is no longer on the expected PBX user.', true);
    } else if (this.replica.holdersOf(mac).length > 0) {
      throw new PbxMoveError('conflict', 'The phone is on a PBX user already.', true);
    }
    const id = await this.journal.begin({ mac, from, to, fromDevice });
    if (from !== null) {
      try {
        await this.writeDevices(connection, from, (devices) =>
          devices.filter((entry) => entry.hw.toLowerCase() !== mac),
        );
      } catch (error) {
        throw await this.stepFailed(id, error, 'The PBX refused to remove the phone from its previous user.');
      }
    }
    if (to !== null) {
      try {
        await this.writeDevices(connection, to, (devices) => [
          ...devices.filter((entry) => entry.hw.toLowerCase() !== mac),
          { hw: mac, text: device.text, app: device.app },
        ]);
      } catch (error) {
        if (error instanceof PbxRequestError && from !== null && fromDevice !== null) {
          const restored = fromDevice;
          try {
            await this.writeDevices(connection, from, (devices) => [...devices, restored]);
          } catch {
            // The undo itself failed: the journal entry stays open and the repair pass puts it back.
            this.scheduleRepair();
            throw new PbxMoveError('unavailable', 'The move failed half-way; it is being repaired.', false);
          }
        }
        throw await this.stepFailed(id, error, 'The PBX refused to give the phone to the new user.');
      }
    }
    await this.journal.finish(id, 'done');
  }

  /** A refused step changed nothing (journal closed); a lost connection leaves the journal open for repair. */
  private async stepFailed(id: string, error: unknown, refusedMessage: string): Promise<PbxMoveError> {
    if (error instanceof PbxRequestError) {
      await this.journal.finish(id, 'undone');
      return new PbxMoveError('refused', `${refusedMessage} (${error.message})`, true);
    }
    // Lost or timed out: the PBX may have done the step or not. The repair decides once it answers again.
    this.scheduleRepair(1000);
    return new PbxMoveError('unavailable', 'The PBX connection was lost during the move; it will be repaired.', false);
  }

  private connectionOrThrow(): AppWebsocketConnection {
    if (!this.connection || this.connection.closed || this.state !== 'connected') {
      throw new PbxMoveError('unavailable', 'The PBX is not connected.', true);
    }
    return this.connection;
  }

  /** GetObject, not the replica: the list written back must be the PBX's current one. */
  private async readDevices(connection: AppWebsocketConnection, guid: string): Promise<PbxDevice[]> {
    const object = await connection.request(ADMIN, 'GetObject', { guid });
    return asDevices(object.devices);
  }

  /** Reads, changes and writes one device list; sends only guid and devices, never the whole object. */
  private async writeDevices(
    connection: AppWebsocketConnection,
    guid: string,
    change: (devices: PbxDevice[]) => PbxDevice[],
  ): Promise<void> {
    const next = change(await this.readDevices(connection, guid)).map(adminDevice);
    await connection.request(ADMIN, 'UpdateObject', { guid, devices: next });
    // Apply our own write at once; the PBX's replication push confirms it moments later.
    const user = this.replica.byId(guid);
    if (user) this.applyUser({ ...user, devices: next });
  }

  /**
   * Closes every open move by what the PBX shows now; runs after every resync and after a failed undo,
   * and again with a growing delay while anything stays open (the PBX may refuse for a while).
   */
  private scheduleRepair(delayMs = 0): void {
    if (this.repairTimer || !this.running) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      void this.repairOpenMoves().then((open) => {
        if (open === 0) {
          this.repairAttempt = 0;
          return;
        }
        this.repairAttempt += 1;
        this.scheduleRepair(Math.min(5000, 50 * 2 ** this.repairAttempt));
      });
    }, delayMs);
  }

  /** Returns how many moves are still open afterwards. */
  private async repairOpenMoves(): Promise<number> {
    const connection = this.connection;
    const open = await this.journal.pending();
    if (!connection || connection.closed || this.state !== 'connected') return open.length;
    let left = 0;
    for (const intent of open) {
      const keys = [`mac:${intent.mac}`, ...[intent.from, intent.to].flatMap((guid) => (guid ? [`user:${guid}`] : []))];
      try {
        await this.locks.run(keys, () => this.repair(connection, intent));
      } catch {
        left += 1;
      }
    }
    return left;
  }

  private async repair(connection: AppWebsocketConnection, intent: MoveIntent): Promise<void> {
    const holders = this.replica.holdersOf(intent.mac);
    if (holders.length === 1 && holders[0] === intent.to) return this.journal.finish(intent.id, 'done');
    if (holders.length === 1 && holders[0] === intent.from) return this.journal.finish(intent.id, 'undone');
    if (holders.length > 0) return this.journal.finish(intent.id, 'superseded');
    // Removed from `from` and never added to `to`: put it back where it was, exactly as it was.
    if (intent.from !== null && intent.fromDevice !== null && this.replica.byId(intent.from)) {
      const restored = intent.fromDevice;
      await this.writeDevices(connection, intent.from, (devices) => [...devices, restored]);
    }
    return this.journal.finish(intent.id, 'undone');
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
      this.silentSince = null;
      this.setState('connected');
      this.scheduleRepair();
      this.startKeepAlive(live);
    } catch (error) {
      connection?.close();
      if (this.connection === connection) this.connection = null;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.scheduleReconnect('disconnected');
    }
  }

  /**
   * Asks the PBX every few seconds whether it is there. A PBX that does not answer in time is
   * `unresponsive` (moves are refused at once instead of waiting); when it answers again it is
   * `connected`, and moves left open meanwhile are repaired. Silent for too long, it is reconnected.
   */
  private startKeepAlive(connection: AppWebsocketConnection): void {
    this.stopKeepAlive();
    const interval = this.options.keepAliveIntervalMs ?? 3000;
    const timeout = this.options.keepAliveTimeoutMs ?? 2500;
    const giveUpAfter = this.options.silentReconnectMs ?? 60_000;
    let inFlight = false;
    this.keepAliveTimer = setInterval(() => {
      if (inFlight || connection.closed || this.connection !== connection) return;
      inFlight = true;
      connection.keepAlive(timeout).then(
        () => {
          inFlight = false;
          this.silentSince = null;
          if (this.state !== 'unresponsive' || this.connection !== connection) return;
          this.lastError = null;
          this.setState('connected');
          this.scheduleRepair();
        },
        () => {
          inFlight = false;
          if (connection.closed || this.connection !== connection) return;
          const now = Date.now();
          this.silentSince ??= now - timeout;
          this.lastError = `The PBX has not answered for ${Math.round((now - this.silentSince) / 1000)} s.`;
          if (now - this.silentSince >= giveUpAfter) connection.close();
          else this.setState('unresponsive');
        },
      );
    }, interval);
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = null;
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

  /** RCC Initialize runs beside the user replication: its paced initial list can take many seconds. */
  private initializeRegistrations(connection: AppWebsocketConnection): void {
    const fresh = new RegistrationReplica();
    let loading = true;
    if (!this.registrationsLoaded) this.registrations = fresh;
    connection
      .requestWithIndications(
        'RCC',
        'Initialize',
        {},
        (message) => {
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
