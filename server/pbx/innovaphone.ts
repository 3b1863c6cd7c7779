// Over 400 lines on purpose: the one implementation of the `Pbx` interface the service talks to; its parts (links,
// replica, RCC feed, moves, liveness) are files of their own, and what is left is their wiring, read in one place.
import type { PbxCheckReport } from '../../contract/pbx-check.ts';
import { AppWebsocketConnection, PbxLoginRefusedError, type AppMessage } from './app-websocket.ts';
import { checkPbx } from './connection-check.ts';
import { DeviceMoves } from './device-moves.ts';
import { KeyedMutex } from '../lib/keyed-mutex.ts';
import type { LivenessOptions } from './liveness.ts';
import { MemoryMoveJournal, type MoveJournal } from './move-journal.ts';
import { OwnedObjects, readLocations } from './owned-objects.ts';
import { displayUrl, PbxLink } from './pbx-link.ts';
import {
  PbxUnavailableError,
  type InvariantReport,
  type MoveRequest,
  type OwnedObject,
  type Pbx,
  type PbxCall,
  type PbxChange,
  type PbxLinkStatus,
  type PbxStatus,
  type PbxUser,
} from './pbx.ts';
import { RccControl } from './rcc-control.ts';
import { RccFeed } from './rcc-feed.ts';
import { replicatedPseudoTypes, replicatedUserColumns, UserReplica, userFromRow } from './user-replica.ts';

export interface InnovaphoneOptions {
  /** The master PBX: `wss://pbx/PBX0/APPS/websocket`. */
  url: string;
  /**
   * The other PBXs of the system (slaves), each at its own address: a phone registers at its site's PBX, so
   * its registrations and calls are seen only there. RCC only; configuration is read and written on the master.
   */
  slaveUrls?: string[];
  /** The App object's name and password (the same App object on every PBX of the system). */
  app: string;
  password: string;
  /** Where moves are written down before the first PBX write (the service passes the database). */
  journal?: MoveJournal;
  /** Who this instance is in the journal (default: a new id). */
  instanceId?: string;
  requestTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** The ping that tells a hung PBX (liveness.ts). */
  liveness?: LivenessOptions;
  random?: () => number;
}

const TABLE = 'PbxTableUsers';
/** How long a phone that just lost its registration still counts as connected: it is re-registering (a move). */
const REREGISTER_MS = 30_000;

/** One PBX of the system: its connection, its RCC feed and the name it goes by. */
interface SystemPbx {
  link: PbxLink;
  feed: RccFeed;
  master: boolean;
  /** The PBX's location name (GetPbxConfig `loc`) once known, else its host. */
  name: string;
}

/**
 * The innovaphone PBX system behind the Pbx interface: logs in to every PBX as the App object; on the master it
 * replicates the user table (PbxTableUsers) and writes device lists (PbxAdminApi); on every PBX it follows the
 * registrations and calls (RCC). Each connection reconnects on its own (pbx-link.ts); after every reconnect of
 * the master the replica is resynchronised fully and half-done moves are repaired.
 */
export class InnovaphonePbx implements Pbx {
  private replica = new UserReplica();
  private replicaLoaded = false;
  private readonly pbxs: SystemPbx[];
  private readonly master: SystemPbx;
  private readonly statusListeners = new Set<(status: PbxStatus) => void>();
  private readonly changeListeners = new Set<(change: PbxChange) => void>();
  private loadWaiters: (() => void)[] = [];
  private readonly requestTimeoutMs: number;
  private readonly moves: DeviceMoves;
  private readonly owned: OwnedObjects;
  /** The PBXs of the system by location name, as the master's GetNodes lists them. */
  private systemNames = new Set<string>();

  constructor(private readonly options: InnovaphoneOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    const systemPbx = (url: string, master: boolean): SystemPbx => {
      const feed = new RccFeed((change) => this.emit(change));
      const pbx: SystemPbx = { master, feed, name: hostOf(url), link: null as unknown as PbxLink };
      pbx.link = new PbxLink(
        {
          url,
          app: options.app,
          password: options.password,
          requestTimeoutMs: this.requestTimeoutMs,
          ...(options.reconnectInitialMs === undefined ? {} : { reconnectInitialMs: options.reconnectInitialMs }),
          ...(options.reconnectMaxMs === undefined ? {} : { reconnectMaxMs: options.reconnectMaxMs }),
          ...(options.liveness === undefined ? {} : { liveness: options.liveness }),
          ...(options.random === undefined ? {} : { random: options.random }),
        },
        {
          ready: (connection) => this.ready(pbx, connection),
          connected: () => {
            if (master) this.moves.scheduleRepair();
          },
          lost: () => feed.lost(),
          changed: () => this.announceStatus(),
        },
      );
      return pbx;
    };
    this.master = systemPbx(options.url, true);
    this.pbxs = [this.master, ...(options.slaveUrls ?? []).map((url) => systemPbx(url, false))];
    const liveConnection = () => this.master.link.live();
    this.owned = new OwnedObjects(liveConnection, options.app);
    this.moves = new DeviceMoves(
      {
        liveConnection,
        holdersOf: (mac) => this.replica.holdersOf(mac),
        userById: (guid) => this.replica.byId(guid),
        applyUser: (user) => this.applyUser(user),
        running: () => this.master.link.isRunning,
      },
      options.journal ?? new MemoryMoveJournal(),
      new KeyedMutex(),
      options.instanceId,
    );
  }

  start(): void {
    for (const pbx of this.pbxs) pbx.link.start();
  }

  async stop(): Promise<void> {
    this.moves.stop();
    for (const pbx of this.pbxs) pbx.link.stop();
    this.releaseLoadWaiters();
    await Promise.resolve();
  }

  status(): PbxStatus {
    const link = this.master.link;
    const pbxs = this.pbxs.map((pbx) => this.linkStatus(pbx));
    return {
      state: link.state,
      since: link.since,
      lastError: link.lastError ?? this.master.feed.problem,
      replicaLoaded: this.replicaLoaded,
      users: this.replica.size,
      registrationsLoaded: this.pbxs.every((pbx) => pbx.feed.registrationsLoaded),
      registrations: pbxs.reduce((sum, pbx) => sum + pbx.registrations, 0),
      callsWatched: this.pbxs.every((pbx) => pbx.feed.callsWatched),
      pbxs,
      unreached: [...this.systemNames].filter((name) => !pbxs.some((pbx) => pbx.name === name)).sort(),
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
    const state = this.master.link.state;
    if (state !== 'connecting' && state !== 'connected') {
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

  phoneOnline(mac: string): boolean {
    return this.pbxs.some((pbx) => pbx.feed.phoneOnline(mac, REREGISTER_MS));
  }

  registeredTo(mac: string): string | null {
    for (const pbx of this.pbxs) {
      const guid = pbx.feed.registeredTo(mac);
      if (guid !== null) return guid;
    }
    return null;
  }

  moveDevice(request: MoveRequest): Promise<void> {
    return this.moves.moveDevice(request);
  }

  repairAbandonedMoves(): Promise<number> {
    return this.moves.repairOpenMoves();
  }

  /**
   * Whether every call of this user's phones would be seen: their PBX (the user's `loc`; the master when it
   * names none of the system's PBXs) is connected and has listed its running calls.
   */
  callsWatchedFor(guid: string): boolean {
    const loc = this.replica.byId(guid)?.loc ?? '';
    const home =
      this.pbxs.find((pbx) => pbx.name === loc) ??
      (this.systemNames.has(loc) && loc !== this.master.name ? undefined : this.master);
    return home?.feed.callsWatched ?? false;
  }

  callsOf(guid: string): PbxCall[] {
    return uniqueCalls(this.pbxs.flatMap((pbx) => pbx.feed.callsOf(guid)));
  }

  dialledBy(guid: string): PbxCall[] {
    return uniqueCalls(this.pbxs.flatMap((pbx) => pbx.feed.dialledBy(guid)));
  }

  /** Ends the call on the PBX that reported it (call handles are per PBX). */
  async clearCall(guid: string, call: number): Promise<void> {
    const user = this.replica.byId(guid);
    const pbx = this.pbxs.find((candidate) => candidate.feed.hasCall(guid, call));
    if (user && pbx) await new RccControl(() => pbx.link.live()).clear(user.cn, call);
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

  checkConnection(options: { writeTest?: string; publicUrl?: string }): Promise<PbxCheckReport> {
    return checkPbx({
      url: this.options.url,
      slaveUrls: this.options.slaveUrls ?? [],
      app: this.options.app,
      password: this.options.password,
      ...options,
    });
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

  private linkStatus(pbx: SystemPbx): PbxLinkStatus {
    return {
      name: pbx.name,
      url: displayUrl(pbx.link.options.url),
      master: pbx.master,
      state: pbx.link.state,
      since: pbx.link.since,
      downSince: pbx.link.downSince,
      lastError: pbx.link.lastError ?? pbx.feed.problem,
      loginRefused: pbx.link.loginRefused,
      registrationsLoaded: pbx.feed.registrationsLoaded,
      registrations: pbx.feed.registrationCount,
      callsWatched: pbx.feed.callsWatched,
    };
  }

  /** What a new connection needs before it counts as connected: RCC everywhere, the user table on the master. */
  private async ready(pbx: SystemPbx, connection: AppWebsocketConnection): Promise<void> {
    pbx.feed.start(connection);
    void this.learnName(pbx, connection);
    if (pbx.master) await this.replicateUsers(connection);
  }

  /** The PBX's own name (GetPbxConfig), and on the master the PBXs of the system no address reaches (GetNodes). */
  private async learnName(pbx: SystemPbx, connection: AppWebsocketConnection): Promise<void> {
    try {
      const config = await connection.request('PbxAdminApi', 'GetPbxConfig');
      if (typeof config.loc === 'string' && config.loc !== '') pbx.name = config.loc;
      if (pbx.master) this.systemNames = new Set(await readLocations((mt) => connection.request('PbxAdminApi', mt)));
      this.announceStatus();
    } catch {
      // Without PbxAdminApi on this PBX its host names it; nothing else depends on it.
    }
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
      // A row that stopped being a person (its pseudo type changed) leaves the directory.
      else if (typeof row.guid === 'string' && this.replica.byId(row.guid)) {
        const previous = this.replica.byId(row.guid);
        this.replica.delete(row.guid);
        this.emit({ kind: 'user-deleted', guid: row.guid, previous });
      }
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

  private emit(change: PbxChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  private announceStatus(): void {
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
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
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A call seen by two PBXs (a master that also reports its slaves' calls) counts once. */
function uniqueCalls(calls: PbxCall[]): PbxCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    if (seen.has(call.key)) return false;
    seen.add(call.key);
    return true;
  });
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
    else if (typeof row.guid === 'string') replica.delete(row.guid);
  }
}
