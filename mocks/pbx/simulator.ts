import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { appLoginDigest } from '../../server/pbx/digest.ts';
import { seededRandom, type SimAppObject, type SimCompany, type SimDevice, type SimUser } from './demo-company.ts';

export const SIM_PATH = '/PBX0/APPS/websocket';

type Message = Record<string, unknown> & { mt: string; api?: string; src?: string };

type Login = { kind: 'app'; app: SimAppObject } | { kind: 'user'; user: SimUser };

interface Replication {
  src: string | undefined;
  columns: string[];
  /** guids to be sent by ReplicateNext, from `cursor` on; null once the initial load has finished. */
  pending: string[] | null;
  cursor: number;
}

interface Client {
  socket: WebSocket;
  challenge: string | null;
  login: Login | null;
  replication: Replication | null;
  /** The src of the client's RCC Initialize, once it asked for user monitoring. */
  rcc: { src: string | undefined } | null;
}

/** Run-time fault injection, switched by tests. */
export interface SimFaults {
  /** Added to every answer, in milliseconds. */
  latencyMs: number;
  /** Fraction (0..1) of UpdateObject requests refused with an error, nothing changed. */
  refuseUpdates: number;
  /** Objects (guids) whose UpdateObject requests are all refused. */
  refuseUpdatesTo: string[];
  /** Fraction (0..1) of UpdateObject requests applied, after which every connection drops without an answer. */
  dropAfterUpdate: number;
  /** While paused, nothing is answered; messages wait and are handled on resume. */
  paused: boolean;
}

const noFaults: SimFaults = { latencyMs: 0, refuseUpdates: 0, refuseUpdatesTo: [], dropAfterUpdate: 0, paused: false };

const USER_TABLE_COLUMNS = ['guid', 'h323', 'cn', 'dn', 'e164', 'grps', 'devices'];
const SEARCH_PAGE = 20;
/** A real PBX sends at most 50 RCC users per 20 ms timer tick (RCC.htm, Initialize). */
const RCC_MAX_PER_TICK = 50;
const RCC_TICK_MS = 20;

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a desk phone takes to register after its hardware id lands in a device list. */
  registrationDelayMs?: number;
  /** Seed for fault decisions, so a fault run can be repeated. */
  faultSeed?: number;
}

/**
 * A PBX that speaks innovaphone's AppWebsocket protocol (innovaphone-protocol.md): challenge/digest login
 * for App objects and users, PbxAdminApi, PbxTableUsers, RCC, the one-hardware-id-one-object rule, and
 * desk phones that register to whoever holds their hardware id. A real WebSocket server, so the service
 * talks to it exactly as it would to a PBX.
 */
export class PbxSimulator {
  private server: WebSocketServer | null = null;
  private readonly clients = new Set<Client>();
  private readonly users = new Map<string, SimUser>();
  private readonly appObjects: SimAppObject[];
  /** Desk phones by hardware id (lowercase): whether they are switched on. */
  private readonly phones = new Map<string, { online: boolean }>();
  /** Hardware id (lowercase) → the objects whose device lists hold it (more than one breaks the PBX rule). */
  private readonly holderIndex = new Map<string, Set<string>>();
  /** Live registrations: hardware id (lowercase) → guid of the object it is registered to. */
  private readonly registrations = new Map<string, string>();
  private readonly registrationTimers = new Map<string, NodeJS.Timeout>();
  private readonly pausedQueue: (() => void)[] = [];
  private readonly faultRandom: () => number;
  private boundPort: number;
  private updates = 0;
  faults: SimFaults = { ...noFaults };

  constructor(
    company: SimCompany,
    private readonly options: SimulatorOptions = {},
  ) {
    for (const user of company.users) this.setUser(structuredClone(user));
    this.appObjects = company.appObjects.map((app) => structuredClone(app));
    for (const phone of company.phones) this.phones.set(phone.mac.toLowerCase(), { online: phone.online });
    this.boundPort = options.port ?? 0;
    this.faultRandom = seededRandom(options.faultSeed ?? 1);
    for (const user of this.users.values()) {
      for (const device of user.devices) {
        if (this.phones.get(device.hw.toLowerCase())?.online)
          this.registrations.set(device.hw.toLowerCase(), user.guid);
      }
    }
  }

  get url(): string {
    return `ws://${this.options.host ?? '127.0.0.1'}:${this.boundPort}${SIM_PATH}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** How many UpdateObject requests were applied. */
  get updateCount(): number {
    return this.updates;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new WebSocketServer({
      host: this.options.host ?? '127.0.0.1',
      port: this.boundPort,
      path: SIM_PATH,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    // Keep the port across stop/start so that a client reconnects to the same URL.
    this.boundPort = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => {
      this.accept(socket);
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.dropAllConnections();
    for (const timer of this.registrationTimers.values()) clearTimeout(timer);
    this.registrationTimers.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Fault: every connection ends at once, as when the PBX restarts or the network drops. */
  dropAllConnections(): void {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  setFaults(faults: Partial<SimFaults>): void {
    const wasPaused = this.faults.paused;
    this.faults = { ...this.faults, ...faults };
    if (wasPaused && !this.faults.paused) for (const handle of this.pausedQueue.splice(0)) handle();
  }

  /** A copy of a user's current state, for tests. */
  user(h323: string): SimUser | undefined {
    const found = [...this.users.values()].find((user) => user.h323 === h323);
    return found && structuredClone(found);
  }

  /** Every object holding each hardware id: more than one entry for a key breaks the PBX rule. */
  holders(): Map<string, string[]> {
    return new Map([...this.holderIndex].map(([hw, guids]) => [hw, [...guids]]));
  }

  private setUser(user: SimUser): void {
    this.removeUser(user.guid);
    this.users.set(user.guid, user);
    for (const device of user.devices) {
      const hw = device.hw.toLowerCase();
      this.holderIndex.set(hw, (this.holderIndex.get(hw) ?? new Set()).add(user.guid));
    }
  }

  private removeUser(guid: string): void {
    const previous = this.users.get(guid);
    if (!previous) return;
    this.users.delete(guid);
    for (const device of previous.devices) {
      const hw = device.hw.toLowerCase();
      const holders = this.holderIndex.get(hw);
      holders?.delete(guid);
      if (holders?.size === 0) this.holderIndex.delete(hw);
    }
  }

  /** The guid a phone is registered to now, or undefined. */
  registeredTo(hw: string): string | undefined {
    return this.registrations.get(hw.toLowerCase());
  }

  /** Switches a desk phone on or off; off unregisters it, on registers it to whoever holds it. */
  setPhoneOnline(hw: string, online: boolean): void {
    const key = hw.toLowerCase();
    const phone = this.phones.get(key);
    if (!phone) return;
    phone.online = online;
    this.syncRegistration(key);
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, challenge: null, login: null, replication: null, rcc: null };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || typeof (message as Message).mt !== 'string') return;
      const handle = () => {
        if (this.clients.has(client)) this.handle(client, message as Message);
      };
      if (this.faults.paused) this.pausedQueue.push(handle);
      else if (this.faults.latencyMs > 0) setTimeout(handle, this.faults.latencyMs);
      else handle();
    });
  }

  private send(client: Client, message: Record<string, unknown>): void {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  }

  private reply(client: Client, request: Message, body: Record<string, unknown>): void {
    const message: Record<string, unknown> = { ...body };
    if (request.api !== undefined) message.api = request.api;
    if (request.src !== undefined) message.src = request.src;
    this.send(client, message);
  }

  private handle(client: Client, message: Message): void {
    if (message.mt === 'AppChallenge') {
      client.challenge = newChallenge();
      this.reply(client, message, { mt: 'AppChallengeResult', challenge: client.challenge });
      return;
    }
    if (message.mt === 'AppLogin') {
      client.login = this.checkLogin(client, message);
      this.reply(client, message, client.login ? { mt: 'AppLoginResult', ok: true } : { mt: 'AppLoginResult' });
      return;
    }
    const result = `${message.mt}Result`;
    if (!client.login) {
      this.reply(client, message, { mt: result, error: 'not logged in' });
      return;
    }
    const api = message.api ?? '';
    if (client.login.kind !== 'app' || !client.login.app.apis.includes(api)) {
      this.reply(client, message, { mt: result, error: `access to ${api || 'this API'} not granted` });
      return;
    }
    if (api === 'PbxAdminApi') this.handleAdmin(client, message);
    else if (api === 'PbxTableUsers') this.handleTable(client, message);
    else if (api === 'RCC') this.handleRcc(client, message);
    else this.reply(client, message, { mt: result, error: `${message.mt} is not supported on ${api}` });
  }

  /** The challenge is used once: a second AppLogin needs a new AppChallenge. */
  private checkLogin(client: Client, message: Message): Login | null {
    const challenge = client.challenge;
    client.challenge = null;
    if (challenge === null) return null;
    const field = (name: string) => (typeof message[name] === 'string' ? (message[name] as string) : '');
    const info = message.info;
    const identity = {
      app: field('app'),
      domain: field('domain'),
      sip: field('sip'),
      guid: field('guid'),
      dn: field('dn'),
      info: typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : undefined,
    };
    const digest = field('digest');
    if (identity.sip === '') {
      const app = this.appObjects.find((candidate) => candidate.name === identity.app);
      return app && appLoginDigest(identity, challenge, app.password) === digest ? { kind: 'app', app } : null;
    }
    const user = this.findBy('h323', identity.sip);
    return user && appLoginDigest(identity, challenge, user.password) === digest ? { kind: 'user', user } : null;
  }

  private findBy(field: 'h323' | 'cn', value: string): SimUser | undefined {
    const wanted = value.toLowerCase();
    for (const user of this.users.values()) if (user[field].toLowerCase() === wanted) return user;
    return undefined;
  }

  private findObject(message: Message): SimUser | undefined {
    if (typeof message.guid === 'string' && message.guid !== '*' && message.guid !== '?') {
      return this.users.get(message.guid);
    }
    return typeof message.cn === 'string' ? this.findBy('cn', message.cn) : undefined;
  }

  private handleAdmin(client: Client, message: Message): void {
    const result = `${message.mt}Result`;
    switch (message.mt) {
      case 'GetObject': {
        const user = this.findObject(message);
        this.reply(
          client,
          message,
          user ? { mt: result, ...objectView(user) } : { mt: result, error: 'object not found' },
        );
        return;
      }
      case 'GetRegs': {
        const user = this.findObject(message);
        this.reply(
          client,
          message,
          user ? { mt: result, cn: user.cn, regs: this.regsOf(user) } : { mt: result, error: 'object not found' },
        );
        return;
      }
      case 'SearchUsers': {
        const start = typeof message.cn === 'string' ? message.cn : '';
        const page = [...this.users.values()]
          .sort((a, b) => compareCn(a.cn, b.cn))
          .filter((user) => compareCn(user.cn, start) >= 0)
          .slice(0, SEARCH_PAGE)
          .map((user) => ({ cn: user.cn, dn: user.dn, guid: user.guid, h323: user.h323 }));
        this.reply(client, message, { mt: result, user: page });
        return;
      }
      case 'UpdateObject': {
        const target = typeof message.guid === 'string' ? message.guid : '';
        if (this.faultRandom() < this.faults.refuseUpdates || this.faults.refuseUpdatesTo.includes(target)) {
          this.reply(client, message, { mt: result, error: 'simulated fault: update refused' });
          return;
        }
        const outcome = this.updateObject(message);
        if (typeof outcome !== 'string' && this.faultRandom() < this.faults.dropAfterUpdate) {
          // Written, but the answer never arrives: the hardest case for a client.
          this.dropAllConnections();
          return;
        }
        this.reply(client, message, typeof outcome === 'string' ? { mt: result, error: outcome } : { mt: result });
        return;
      }
      case 'DeleteObject': {
        const user = this.findObject(message);
        if (!user) {
          this.reply(client, message, { mt: result, error: 'object not found' });
          return;
        }
        this.removeUser(user.guid);
        this.reply(client, message, { mt: result });
        this.publish('ReplicateDel', user);
        for (const device of user.devices) this.syncRegistration(device.hw.toLowerCase());
        this.announceRcc(user, 'del');
        return;
      }
      default:
        this.reply(client, message, { mt: result, error: `${message.mt} is not supported` });
    }
  }

  /** Returns an error text, or the updated user. Nothing changes when an error is returned. */
  private updateObject(message: Message): SimUser | string {
    let user = this.findObject(message);
    const creating = !user;
    if (creating && message.guid !== '?' && message.guid !== undefined) return 'object not found';
    if (creating && typeof message.cn !== 'string') return 'cn required to create an object';
    const devices = message.devices;
    if (devices !== undefined) {
      if (!Array.isArray(devices) || devices.some((device) => typeof (device as SimDevice | null)?.hw !== 'string')) {
        return 'devices must be a list of devices with hw';
      }
      const seen = new Set<string>();
      for (const device of devices as SimDevice[]) {
        const hw = device.hw.toLowerCase();
        if (seen.has(hw)) return `hw id ${device.hw} listed twice`;
        seen.add(hw);
        const other = [...(this.holderIndex.get(hw) ?? [])].find((guid) => guid !== user?.guid);
        if (other !== undefined) return `hw id ${device.hw} already used by ${this.users.get(other)?.cn ?? other}`;
      }
    }
    user ??= {
      guid: [...Array(32)].map(() => randomInt(16).toString(16)).join(''),
      h323: '',
      cn: '',
      dn: '',
      e164: '',
      password: '',
      groups: [],
      devices: [],
    };
    // A copy: the stored object keeps its old device list until setUser has unindexed it.
    user = { ...user };
    for (const field of ['cn', 'dn', 'h323', 'e164'] as const) {
      const value = message[field];
      if (typeof value === 'string') user[field] = value;
    }
    const before = user.devices.map((device) => device.hw.toLowerCase());
    if (devices !== undefined) user.devices = structuredClone(devices as SimDevice[]);
    this.setUser(user);
    this.updates += 1;
    this.publish(creating ? 'ReplicateAdd' : 'ReplicateUpdate', user);
    const after = user.devices.map((device) => device.hw.toLowerCase());
    for (const hw of new Set([...before, ...after])) this.syncRegistration(hw);
    if (creating) this.announceRcc(user, 'add');
    return user;
  }

  private handleTable(client: Client, message: Message): void {
    if (message.mt === 'ReplicateStart') {
      const requested =
        typeof message.columns === 'object' && message.columns !== null ? Object.keys(message.columns) : [];
      client.replication = {
        src: message.src,
        columns: requested.filter((column) => USER_TABLE_COLUMNS.includes(column)),
        pending: [...this.users.keys()],
        cursor: 0,
      };
      this.reply(client, message, {
        mt: 'ReplicateStartResult',
        columns: Object.fromEntries(
          USER_TABLE_COLUMNS.map((column) => [column, column === 'devices' ? { update: true } : {}]),
        ),
      });
      return;
    }
    if (message.mt === 'ReplicateNext') {
      const replication = client.replication;
      if (!replication) {
        this.reply(client, message, { mt: 'ReplicateNextResult', error: 'replication not started' });
        return;
      }
      let row: Record<string, unknown> | undefined;
      while (replication.pending && replication.cursor < replication.pending.length && row === undefined) {
        const user = this.users.get(replication.pending[replication.cursor] ?? '');
        replication.cursor += 1;
        if (user) row = tableRow(user, replication.columns);
      }
      if (row === undefined) replication.pending = null;
      this.reply(
        client,
        message,
        row === undefined ? { mt: 'ReplicateNextResult' } : { mt: 'ReplicateNextResult', columns: row },
      );
      return;
    }
    this.reply(client, message, { mt: `${message.mt}Result`, error: `${message.mt} is not supported` });
  }

  private handleRcc(client: Client, message: Message): void {
    if (message.mt === 'Initialize') {
      client.rcc = { src: message.src };
      const limit = Math.min(
        RCC_MAX_PER_TICK,
        typeof message.limit === 'number' && message.limit > 0 ? message.limit : RCC_MAX_PER_TICK,
      );
      const pending = [...this.users.keys()];
      let cursor = 0;
      const tick = () => {
        if (!this.clients.has(client)) return;
        for (const guid of pending.slice(cursor, cursor + limit)) {
          const user = this.users.get(guid);
          if (user) this.send(client, this.userInfo(user, client.rcc?.src));
        }
        cursor += limit;
        if (cursor < pending.length) setTimeout(tick, RCC_TICK_MS);
        else this.reply(client, message, { mt: 'InitializeResult' });
      };
      tick();
      return;
    }
    if (message.mt === 'Devices') {
      const user = typeof message.cn === 'string' ? this.findBy('cn', message.cn) : undefined;
      this.reply(
        client,
        message,
        user
          ? { mt: 'DevicesResult', devices: user.devices.map((device) => ({ hw: device.hw, text: device.text ?? '' })) }
          : { mt: 'DevicesResult', error: 'user not found' },
      );
      return;
    }
    this.reply(client, message, { mt: `${message.mt}Result`, error: `${message.mt} is not supported` });
  }

  private userInfo(user: SimUser, src: string | undefined, update?: 'upd' | 'add' | 'del'): Record<string, unknown> {
    const info: Record<string, unknown> = {
      api: 'RCC',
      mt: 'UserInfo',
      guid: user.guid,
      cn: user.cn,
      dn: user.dn,
      h323: user.h323,
      e164: user.e164,
      node: 'root',
      pbx: 'master',
      regs: update === 'del' ? [] : this.regsOf(user),
    };
    if (update !== undefined) info.update = update;
    if (src !== undefined) info.src = src;
    return info;
  }

  private regsOf(user: SimUser): { hw: string; addr: string }[] {
    return user.devices
      .filter((device) => this.registrations.get(device.hw.toLowerCase()) === user.guid)
      .map((device) => ({ hw: device.hw, addr: phoneAddress(device.hw) }));
  }

  private announceRcc(user: SimUser, update: 'upd' | 'add' | 'del'): void {
    for (const client of this.clients) if (client.rcc) this.send(client, this.userInfo(user, client.rcc.src, update));
  }

  /**
   * A phone registers to whichever object holds its hardware id, after the configured delay, and
   * unregisters at once when it leaves that object's device list or is switched off.
   */
  private syncRegistration(hw: string): void {
    const [holderGuid] = this.holderIndex.get(hw) ?? [];
    const holder = holderGuid === undefined ? undefined : this.users.get(holderGuid);
    const phone = this.phones.get(hw);
    const current = this.registrations.get(hw);
    const target = phone?.online && holder ? holder.guid : undefined;
    const timer = this.registrationTimers.get(hw);
    if (timer) clearTimeout(timer);
    this.registrationTimers.delete(hw);
    if (current !== undefined && current !== target) {
      this.registrations.delete(hw);
      const previous = this.users.get(current);
      if (previous) this.announceRcc(previous, 'upd');
    }
    if (target === undefined || current === target) return;
    this.registrationTimers.set(
      hw,
      setTimeout(() => {
        this.registrationTimers.delete(hw);
        const user = this.users.get(target);
        if (!user || !user.devices.some((device) => device.hw.toLowerCase() === hw)) return;
        this.registrations.set(hw, target);
        this.announceRcc(user, 'upd');
      }, this.options.registrationDelayMs ?? 300),
    );
  }

  /** Every change, by any client, goes to every replicator with the src of its ReplicateStart. */
  private publish(mt: 'ReplicateAdd' | 'ReplicateUpdate' | 'ReplicateDel', user: SimUser): void {
    for (const client of this.clients) {
      const replication = client.replication;
      if (!replication) continue;
      const columns = mt === 'ReplicateDel' ? { guid: user.guid } : tableRow(user, replication.columns);
      const message: Record<string, unknown> = { api: 'PbxTableUsers', mt, columns };
      if (replication.src !== undefined) message.src = replication.src;
      this.send(client, message);
    }
  }
}

/** 16 random digits, like innovaphone's challenges. */
function newChallenge(): string {
  return [...randomBytes(16)].map((byte) => String(byte % 10)).join('');
}

/** A stable, plausible LAN address per phone. */
function phoneAddress(hw: string): string {
  const tail = Number.parseInt(hw.slice(-4), 16) || 0;
  return `10.20.${(tail >> 8) & 255}.${tail & 255}:5060`;
}

function compareCn(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

function groupsView(user: SimUser) {
  return user.groups.map((name) => ({ name, mode: 'active' }));
}

/** GetObjectResult: what PbxAdminApi shows of an object (never the password in clear). */
function objectView(user: SimUser): Record<string, unknown> {
  return {
    guid: user.guid,
    cn: user.cn,
    dn: user.dn,
    h323: user.h323,
    e164: user.e164,
    devices: structuredClone(user.devices),
    grp: groupsView(user),
  };
}

function tableRow(user: SimUser, columns: readonly string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    guid: user.guid,
    h323: user.h323,
    cn: user.cn,
    dn: user.dn,
    e164: user.e164,
    grps: groupsView(user),
    devices: structuredClone(user.devices),
  };
  return Object.fromEntries(columns.map((column) => [column, full[column]]));
}
