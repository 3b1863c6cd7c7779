import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { appLoginDigest } from '../../server/pbx/digest.ts';
import { seededRandom, type SimAppObject, type SimCompany, type SimUser } from './demo-company.ts';
import { serveLauncher } from './launcher.ts';
import { MYAPPS_PATH, serveMyAppsClient } from './myapps-protocol.ts';
import { simError, type SimErrorKind } from './sim-errors.ts';
import {
  appList,
  applyProperties,
  emptyObject,
  isAppObject,
  isUserObject,
  newGuid,
  objectFromUser,
  objectView,
  propertiesFromRow,
  pseudoType,
  TABLE_COLUMNS,
  tableRow,
  type SimObject,
} from './sim-objects.ts';
import { loadSimState, SimStateWriter, type SimState } from './sim-state.ts';

export const SIM_PATH = '/PBX0/APPS/websocket';
export const SIM_DOMAIN = 'demo.example.com';

type Message = Record<string, unknown> & { mt: string; api?: string; src?: string };

type Login = { kind: 'app'; app: SimObject } | { kind: 'user'; user: SimObject };

interface Replication {
  src: string | undefined;
  columns: string[];
  /** Pseudo types wanted (`""` = users); null: every object. */
  pseudo: string[] | null;
  /** guids still to be sent by ReplicateNext, from `cursor` on; null once the initial load has finished. */
  pending: string[] | null;
  cursor: number;
}

interface RccSession {
  src: string | undefined;
  visible: (object: SimObject) => boolean;
  /** Users this client has been told about, so that leaving its view is announced as `del`. */
  seen: Set<string>;
  /** UserInitialize handles → guid. */
  monitors: Map<number, string>;
}

interface Client {
  socket: WebSocket;
  challenge: string | null;
  login: Login | null;
  replication: Replication | null;
  rcc: RccSession | null;
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

const SEARCH_PAGE = 20;
/** A real PBX sends at most 50 RCC users per 20 ms timer tick (RCC.htm, Initialize). */
const RCC_MAX_PER_TICK = 50;
const RCC_TICK_MS = 20;
/** The guid the SDK's Connection.js sends when it logs in as an App object. */
const ZERO_GUID = '0'.repeat(32);

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a desk phone takes to register after its hardware id lands in a device list. */
  registrationDelayMs?: number;
  /** Seed for fault decisions, so a fault run can be repeated. */
  faultSeed?: number;
  /** Where the PBX keeps its objects over a restart; unset: nothing is kept (tests). */
  stateFile?: string;
}

/**
 * A PBX that speaks innovaphone's AppWebsocket protocol as the SDK documents it (innovaphone-protocol.md):
 * challenge/digest login for App objects and users, PbxAdminApi, PbxTableUsers, RCC, the one-hardware-id-
 * one-object rule, desk phones that register to whoever holds their hardware id; and the myApps client
 * protocol with a small launcher page, so that apps open signed in as they do inside myApps.
 */
export class PbxSimulator {
  private server: Server | null = null;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private readonly objects = new Map<string, SimObject>();
  /** App object guid → the APIs it is granted ("Grant access to APIs"). */
  private readonly grants = new Map<string, string[]>();
  /** Desk phones by hardware id (lowercase): whether they are switched on. */
  private readonly phones = new Map<string, { online: boolean }>();
  /** Hardware id (lowercase) → the objects whose device lists hold it (more than one breaks the PBX rule). */
  private readonly holderIndex = new Map<string, Set<string>>();
  /** Live registrations: hardware id (lowercase) → guid of the object it is registered to. */
  private readonly registrations = new Map<string, string>();
  private readonly registrationTimers = new Map<string, NodeJS.Timeout>();
  private readonly pausedQueue: (() => void)[] = [];
  private readonly faultRandom: () => number;
  private readonly stateWriter: SimStateWriter | null;
  private boundPort: number;
  private updates = 0;
  private nextMonitor = 1;
  faults: SimFaults = { ...noFaults };

  constructor(
    company: SimCompany,
    private readonly options: SimulatorOptions = {},
  ) {
    this.boundPort = options.port ?? 0;
    this.faultRandom = seededRandom(options.faultSeed ?? 1);
    const saved = options.stateFile === undefined ? null : loadSimState(options.stateFile);
    if (saved) this.restore(saved);
    else this.seed(company);
    for (const object of this.objects.values()) {
      for (const device of object.devices) {
        if (this.phones.get(device.hw.toLowerCase())?.online)
          this.registrations.set(device.hw.toLowerCase(), object.guid);
      }
    }
    this.stateWriter =
      options.stateFile === undefined ? null : new SimStateWriter(options.stateFile, () => this.snapshot());
  }

  private seed(company: SimCompany): void {
    const appNames = company.appObjects.map((app) => app.name);
    for (const user of company.users) this.setObject(objectFromUser(user, appNames));
    for (const app of company.appObjects) this.addAppObject(app);
    for (const phone of company.phones) this.phones.set(phone.mac.toLowerCase(), { online: phone.online });
  }

  private restore(state: SimState): void {
    for (const object of state.objects) this.setObject(object);
    for (const [guid, apis] of Object.entries(state.grants)) this.grants.set(guid, apis);
    for (const phone of state.phones) this.phones.set(phone.mac.toLowerCase(), { online: phone.online });
  }

  private snapshot(): SimState {
    return {
      version: 1,
      objects: [...this.objects.values()],
      phones: [...this.phones].map(([mac, phone]) => ({ mac, online: phone.online })),
      grants: Object.fromEntries(this.grants),
    };
  }

  private addAppObject(app: SimAppObject): void {
    const object: SimObject = {
      ...emptyObject(newGuid()),
      cn: app.name,
      dn: app.title ?? app.name,
      h323: app.name,
      password: app.password,
      loc: 'master',
      node: 'root',
      pseudo: { type: 'app', url: app.url ?? '' },
    };
    this.setObject(object);
    this.grants.set(object.guid, [...app.apis]);
  }

  get url(): string {
    return `ws://${this.options.host ?? '127.0.0.1'}:${this.boundPort}${SIM_PATH}`;
  }

  /** The myApps launcher page of this PBX. */
  get launcherUrl(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.boundPort}/myapps/`;
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
    const server = createServer((request, response) => this.serveHttp(request, response));
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(request, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Keep the port across stop/start so that a client reconnects to the same URL.
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.dropAllConnections();
    for (const socket of this.sockets.clients) socket.terminate();
    for (const timer of this.registrationTimers.values()) clearTimeout(timer);
    this.registrationTimers.clear();
    this.stateWriter?.flush();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
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

  /** Sets the URL myApps opens for an App object (the demo knows it only once the service listens). */
  setAppUrl(name: string, url: string): void {
    const app = this.findApp(name);
    if (!app?.pseudo) return;
    app.pseudo = { ...app.pseudo, url };
    this.changed();
  }

  /** A copy of a user's current state, for tests. */
  user(h323: string): SimUser | undefined {
    const found = this.findBy('h323', h323);
    return (
      found && {
        guid: found.guid,
        h323: found.h323,
        cn: found.cn,
        dn: found.dn,
        e164: found.e164,
        password: found.password,
        groups: found.grp.map((group) => group.name),
        devices: structuredClone(found.devices),
        apps: found.apps,
      }
    );
  }

  /** Every object holding each hardware id: more than one entry for a key breaks the PBX rule. */
  holders(): Map<string, string[]> {
    return new Map([...this.holderIndex].map(([hw, guids]) => [hw, [...guids]]));
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
    this.changed();
  }

  private changed(): void {
    this.stateWriter?.schedule();
  }

  private setObject(object: SimObject): void {
    this.removeObject(object.guid);
    this.objects.set(object.guid, object);
    for (const device of object.devices) {
      const hw = device.hw.toLowerCase();
      this.holderIndex.set(hw, (this.holderIndex.get(hw) ?? new Set()).add(object.guid));
    }
  }

  private removeObject(guid: string): void {
    const previous = this.objects.get(guid);
    if (!previous) return;
    this.objects.delete(guid);
    for (const device of previous.devices) {
      const hw = device.hw.toLowerCase();
      const holders = this.holderIndex.get(hw);
      holders?.delete(guid);
      if (holders?.size === 0) this.holderIndex.delete(hw);
    }
  }

  private serveHttp(request: IncomingMessage, response: ServerResponse): void {
    if (serveLauncher(request, response)) return;
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://pbx').pathname;
    if (path === SIM_PATH) {
      this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    } else if (MYAPPS_PATH.test(path)) {
      this.sockets.handleUpgrade(request, socket, head, (ws) =>
        serveMyAppsClient(ws, {
          domain: SIM_DOMAIN,
          findUser: (sip) => {
            const user = this.findBy('h323', sip.replace(/@.*$/, ''));
            return user && isUserObject(user) ? user : undefined;
          },
          appsFor: (user) => appList(user).flatMap((name) => this.findApp(name) ?? []),
        }),
      );
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
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

  private refuse(client: Client, request: Message, kind: SimErrorKind, text: string): void {
    this.reply(client, request, simError(`${request.mt}Result`, kind, text));
  }

  private handle(client: Client, message: Message): void {
    switch (message.mt) {
      case 'AppChallenge':
        client.challenge = newChallenge();
        this.reply(client, message, { mt: 'AppChallengeResult', challenge: client.challenge });
        return;
      case 'AppLogin':
        client.login = this.checkLogin(client, message);
        this.reply(client, message, client.login ? { mt: 'AppLoginResult', ok: true } : { mt: 'AppLoginResult' });
        return;
      case 'KeepAlive':
        // The SDK's Connection sends it every 60 s on an open connection; it is never an API call.
        this.reply(client, message, { mt: 'KeepAliveResult' });
        return;
    }
    if (!client.login) {
      this.refuse(client, message, 'notLoggedIn', 'not logged in');
      return;
    }
    const api = message.api ?? '';
    if (client.login.kind === 'user') {
      // A user's own connection may watch and control its own phones (RCC), nothing else.
      if (api === 'RCC') this.handleRcc(client, message);
      else this.refuse(client, message, 'notGranted', `access to ${api || 'this API'} not granted to a user`);
      return;
    }
    if (!(this.grants.get(client.login.app.guid) ?? []).includes(api)) {
      this.refuse(client, message, 'notGranted', `access to ${api || 'this API'} not granted`);
      return;
    }
    if (api === 'PbxAdminApi') this.handleAdmin(client, message);
    else if (api === 'PbxTableUsers') this.handleTable(client, message);
    else this.handleRcc(client, message);
  }

  /**
   * The challenge is used once. An App object logs in with `app` (and empty sip, guid, dn), or as the SDK's
   * Connection.js does it, with `sip` = its name, a guid of zeros and dn "Admin"; a user with `sip` = its name.
   */
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
    const matches = (password: string) => appLoginDigest(identity, challenge, password) === field('digest');
    const app = this.findApp(identity.sip === '' ? identity.app : identity.sip);
    if (app && (identity.sip === '' || identity.guid === '' || identity.guid === ZERO_GUID)) {
      return matches(app.password) ? { kind: 'app', app } : null;
    }
    const user = this.findBy('h323', identity.sip);
    return user && isUserObject(user) && matches(user.password) ? { kind: 'user', user } : null;
  }

  private findBy(field: 'h323' | 'cn', value: string): SimObject | undefined {
    const wanted = value.toLowerCase();
    if (wanted === '') return undefined;
    for (const object of this.objects.values()) if (object[field].toLowerCase() === wanted) return object;
    return undefined;
  }

  private findApp(name: string): SimObject | undefined {
    const found = this.findBy('h323', name);
    return found && isAppObject(found) ? found : undefined;
  }

  /** GetObject, GetRegs, UpdateObject and DeleteObject name an object by guid, else cn, else h323. */
  private findObject(message: Message): SimObject | undefined {
    if (typeof message.guid === 'string' && message.guid !== '*' && message.guid !== '?' && message.guid !== '') {
      return this.objects.get(message.guid);
    }
    if (typeof message.cn === 'string' && message.cn !== '') return this.findBy('cn', message.cn);
    return typeof message.h323 === 'string' ? this.findBy('h323', message.h323) : undefined;
  }

  private handleAdmin(client: Client, message: Message): void {
    const result = `${message.mt}Result`;
    switch (message.mt) {
      case 'GetObject': {
        const object = this.findObject(message);
        if (object) this.reply(client, message, { mt: result, ...objectView(object) });
        else this.refuse(client, message, 'notFound', 'object not found');
        return;
      }
      case 'GetRegs': {
        const object = this.findObject(message);
        if (object) this.reply(client, message, { mt: result, cn: object.cn, regs: this.regsOf(object) });
        else this.refuse(client, message, 'notFound', 'object not found');
        return;
      }
      case 'SearchUsers':
        this.reply(client, message, { mt: result, user: this.searchUsers(message) });
        return;
      case 'GetAppLogin': {
        const app = this.findApp(typeof message.app === 'string' ? message.app : '');
        const challenge = typeof message.challenge === 'string' ? message.challenge : '';
        if (!app) {
          this.refuse(client, message, 'notFound', 'no such App object');
          return;
        }
        const digest = appLoginDigest(
          { app: app.h323, domain: '', sip: '', guid: '', dn: '' },
          challenge,
          app.password,
        );
        this.reply(client, message, { mt: result, app: app.h323, digest });
        return;
      }
      case 'UpdateObject':
        this.handleUpdate(client, message);
        return;
      case 'DeleteObject': {
        const object = this.findObject(message);
        if (!object) {
          this.refuse(client, message, 'notFound', 'object not found');
          return;
        }
        this.deleteObject(object, null);
        this.reply(client, message, { mt: result });
        return;
      }
      default:
        this.refuse(client, message, 'unsupported', `${message.mt} is not supported by the simulator`);
    }
  }

  /** Up to 20 users and executives, sorted by cn, starting after `cn` (at it with includeMatch). */
  private searchUsers(message: Message): Record<string, string>[] {
    const start = typeof message.cn === 'string' ? message.cn : '';
    const include = message.includeMatch === true;
    return [...this.objects.values()]
      .filter(isUserObject)
      .sort((a, b) => compareCn(a.cn, b.cn))
      .filter((object) => {
        const order = compareCn(object.cn, start);
        return order > 0 || (include && order === 0);
      })
      .slice(0, SEARCH_PAGE)
      .map((object) => ({ cn: object.cn, dn: object.dn, guid: object.guid, h323: object.h323 }));
  }

  private handleUpdate(client: Client, message: Message): void {
    const result = `${message.mt}Result`;
    const target = typeof message.guid === 'string' ? message.guid : '';
    if (this.faultRandom() < this.faults.refuseUpdates || this.faults.refuseUpdatesTo.includes(target)) {
      this.refuse(client, message, 'refused', 'simulated fault: update refused');
      return;
    }
    const outcome = this.updateObject(message, null);
    if (typeof outcome === 'string') {
      this.refuse(client, message, outcome.startsWith('object not found') ? 'notFound' : 'invalid', outcome);
      return;
    }
    if (this.faultRandom() < this.faults.dropAfterUpdate) {
      // Written, but the answer never arrives: the hardest case for a client.
      this.dropAllConnections();
      return;
    }
    this.reply(client, message, { mt: result, guid: outcome.guid });
  }

  /**
   * Applies every documented property present; without guid (or with "?" and no match) it creates.
   * `replicator`: the replication client that wrote the change (it is not told its own change back).
   * Returns an error text, or the updated object. Nothing changes when an error is returned.
   */
  private updateObject(message: Message, replicator: Client | null): SimObject | string {
    const guid = typeof message.guid === 'string' ? message.guid : '';
    // No guid: create. "*": the object named by cn. "?": that object, or a new one.
    const existing = guid === '' ? undefined : this.findObject(message);
    if (!existing && guid !== '' && guid !== '?') return 'object not found';
    const base = existing ?? emptyObject(newGuid());
    const next = applyProperties(base, message);
    if (typeof next === 'string') return next;
    if (next.cn === '' && next.h323 === '') return 'an object needs a cn or an h323';
    for (const field of ['cn', 'h323'] as const) {
      const other = this.findBy(field, next[field]);
      if (other && other.guid !== next.guid) return `${field} ${next[field]} is used by another object`;
    }
    const seen = new Set<string>();
    for (const device of next.devices) {
      const hw = device.hw.toLowerCase();
      if (seen.has(hw)) return `hw id ${device.hw} listed twice`;
      seen.add(hw);
      const other = [...(this.holderIndex.get(hw) ?? [])].find((holder) => holder !== next.guid);
      if (other !== undefined) return `hw id ${device.hw} already used by ${this.objects.get(other)?.cn ?? other}`;
    }
    const before = existing?.devices.map((device) => device.hw.toLowerCase()) ?? [];
    this.setObject(next);
    this.updates += 1;
    this.publish(existing ? 'ReplicateUpdate' : 'ReplicateAdd', next, replicator);
    for (const hw of new Set([...before, ...next.devices.map((device) => device.hw.toLowerCase())]))
      this.syncRegistration(hw);
    this.announceRcc(next);
    this.changed();
    return next;
  }

  private deleteObject(object: SimObject, replicator: Client | null): void {
    this.removeObject(object.guid);
    this.grants.delete(object.guid);
    this.publish('ReplicateDel', object, replicator);
    for (const device of object.devices) this.syncRegistration(device.hw.toLowerCase());
    this.announceRcc(object, true);
    this.changed();
  }

  private handleTable(client: Client, message: Message): void {
    switch (message.mt) {
      case 'ReplicateStart': {
        const requested =
          typeof message.columns === 'object' && message.columns !== null ? Object.keys(message.columns) : [];
        const pseudo = Array.isArray(message.pseudo)
          ? message.pseudo.filter((type): type is string => typeof type === 'string')
          : null;
        client.replication = {
          src: message.src,
          columns: requested.filter((column) => (TABLE_COLUMNS as readonly string[]).includes(column)),
          pseudo,
          pending: [...this.objects.values()].filter((object) => wanted(pseudo, object)).map((object) => object.guid),
          cursor: 0,
        };
        this.reply(client, message, {
          mt: 'ReplicateStartResult',
          columns: Object.fromEntries(
            TABLE_COLUMNS.map((column) => [column, column === 'guid' || column === 'pwd' ? {} : { update: true }]),
          ),
        });
        return;
      }
      case 'ReplicateNext': {
        const replication = client.replication;
        if (!replication) {
          this.refuse(client, message, 'invalid', 'replication not started');
          return;
        }
        let row: Record<string, unknown> | undefined;
        while (replication.pending && replication.cursor < replication.pending.length && row === undefined) {
          const object = this.objects.get(replication.pending[replication.cursor] ?? '');
          replication.cursor += 1;
          if (object) row = tableRow(object, replication.columns);
        }
        if (row === undefined) replication.pending = null;
        this.reply(
          client,
          message,
          row === undefined ? { mt: 'ReplicateNextResult' } : { mt: 'ReplicateNextResult', columns: row },
        );
        return;
      }
      case 'ReplicateAdd':
      case 'ReplicateUpdate':
      case 'ReplicateDel':
        this.replicatorWrite(client, message);
        return;
      default:
        this.refuse(client, message, 'unsupported', `${message.mt} is not supported on PbxTableUsers`);
    }
  }

  /** A replicator's own change (Replication.htm: changes flow both ways). Answered only when refused. */
  private replicatorWrite(client: Client, message: Message): void {
    const columns = (typeof message.columns === 'object' && message.columns !== null ? message.columns : {}) as Record<
      string,
      unknown
    >;
    const guid = typeof columns.guid === 'string' ? columns.guid : '';
    if (message.mt === 'ReplicateDel') {
      const object = this.objects.get(guid);
      if (object) this.deleteObject(object, client);
      else this.refuse(client, message, 'notFound', 'object not found');
      return;
    }
    if (message.mt === 'ReplicateUpdate' && !this.objects.has(guid)) {
      this.refuse(client, message, 'notFound', 'object not found');
      return;
    }
    const properties = propertiesFromRow(columns);
    const outcome = this.updateObject(
      { ...properties, mt: 'UpdateObject', ...(message.mt === 'ReplicateUpdate' ? { guid } : {}) },
      client,
    );
    if (typeof outcome === 'string') this.refuse(client, message, 'invalid', outcome);
  }

  private handleRcc(client: Client, message: Message): void {
    switch (message.mt) {
      case 'Initialize':
        this.rccInitialize(client, message);
        return;
      case 'Devices': {
        const user = typeof message.cn === 'string' ? this.findBy('cn', message.cn) : undefined;
        if (user && this.rccVisible(client)(user))
          this.reply(client, message, {
            mt: 'DevicesResult',
            devices: user.devices.map((device) => ({ hw: device.hw, text: device.text ?? '' })),
          });
        else this.refuse(client, message, 'notFound', 'user not found');
        return;
      }
      case 'UserInitialize': {
        const user = typeof message.cn === 'string' ? this.findBy('cn', message.cn) : undefined;
        if (!user || !this.rccVisible(client)(user)) {
          this.refuse(client, message, 'notFound', 'user not found or not visible');
          return;
        }
        const handle = this.nextMonitor++;
        client.rcc ??= { src: undefined, visible: this.rccVisible(client), seen: new Set(), monitors: new Map() };
        client.rcc.monitors.set(handle, user.guid);
        this.reply(client, message, { mt: 'UserInitializeResult', user: handle });
        return;
      }
      case 'UserEnd': {
        const handle = typeof message.user === 'number' ? message.user : -1;
        if (client.rcc?.monitors.delete(handle)) this.reply(client, message, { mt: 'UserEndResult' });
        else this.refuse(client, message, 'notFound', 'no such user handle');
        return;
      }
      default:
        this.refuse(client, message, 'unsupported', `${message.mt} is not supported on RCC`);
    }
  }

  /**
   * App objects see the users that have access to the App (explicit configuration), or with `grp` the
   * members of groups the App object is an active member of; a user's own connection sees that user.
   */
  private rccVisible(client: Client, byGroup = false): (object: SimObject) => boolean {
    const login = client.login;
    if (!login) return () => false;
    if (login.kind === 'user') return (object) => object.guid === login.user.guid;
    const name = login.app.h323.toLowerCase();
    const appGroups = new Set(login.app.grp.filter((group) => group.mode === 'active').map((group) => group.name));
    return (object) =>
      isUserObject(object) &&
      (byGroup
        ? object.grp.some((group) => appGroups.has(group.name))
        : appList(object).some((app) => app.toLowerCase() === name));
  }

  private rccInitialize(client: Client, message: Message): void {
    const visible = this.rccVisible(client, message.grp === true);
    const pending = [...this.objects.values()].filter(visible).map((object) => object.guid);
    const rcc: RccSession = {
      src: message.src,
      visible,
      seen: new Set(pending),
      monitors: client.rcc?.monitors ?? new Map(),
    };
    client.rcc = rcc;
    const limit = Math.min(
      RCC_MAX_PER_TICK,
      typeof message.limit === 'number' && message.limit > 0 ? message.limit : RCC_MAX_PER_TICK,
    );
    let cursor = 0;
    const tick = () => {
      if (!this.clients.has(client)) return;
      for (const guid of pending.slice(cursor, cursor + limit)) {
        const object = this.objects.get(guid);
        if (object) this.send(client, this.userInfo(object, rcc.src));
      }
      cursor += limit;
      if (cursor < pending.length) setTimeout(tick, RCC_TICK_MS);
      else this.reply(client, message, { mt: 'InitializeResult' });
    };
    tick();
  }

  private userInfo(
    object: SimObject,
    src: string | undefined,
    update?: 'upd' | 'add' | 'del',
  ): Record<string, unknown> {
    const info: Record<string, unknown> = {
      api: 'RCC',
      mt: 'UserInfo',
      guid: object.guid,
      cn: object.cn,
      dn: object.dn,
      h323: object.h323,
      e164: object.e164,
      node: object.node || 'root',
      pbx: object.loc || 'master',
      regs: update === 'del' ? [] : this.regsOf(object),
    };
    if (object.pseudo) info.pseudo = pseudoType(object);
    if (update !== undefined) info.update = update;
    if (src !== undefined) info.src = src;
    return info;
  }

  private regsOf(object: SimObject): { hw: string; addr: string }[] {
    return object.devices
      .filter((device) => this.registrations.get(device.hw.toLowerCase()) === object.guid)
      .map((device) => ({ hw: device.hw, addr: phoneAddress(device.hw) }));
  }

  /** Every change of a user reaches each RCC client that sees it; leaving or entering its view too. */
  private announceRcc(object: SimObject, deleted = false): void {
    for (const client of this.clients) {
      const rcc = client.rcc;
      if (!rcc || rcc.src === undefined) continue;
      const wasSeen = rcc.seen.has(object.guid);
      if (!deleted && rcc.visible(object)) {
        rcc.seen.add(object.guid);
        this.send(client, this.userInfo(object, rcc.src, wasSeen ? 'upd' : 'add'));
      } else if (wasSeen) {
        rcc.seen.delete(object.guid);
        this.send(client, this.userInfo(object, rcc.src, 'del'));
      }
    }
  }

  /**
   * A phone registers to whichever object holds its hardware id, after the configured delay, and
   * unregisters at once when it leaves that object's device list or is switched off.
   */
  private syncRegistration(hw: string): void {
    const [holderGuid] = this.holderIndex.get(hw) ?? [];
    const holder = holderGuid === undefined ? undefined : this.objects.get(holderGuid);
    const phone = this.phones.get(hw);
    const current = this.registrations.get(hw);
    const target = phone?.online && holder ? holder.guid : undefined;
    const timer = this.registrationTimers.get(hw);
    if (timer) clearTimeout(timer);
    this.registrationTimers.delete(hw);
    if (current !== undefined && current !== target) {
      this.registrations.delete(hw);
      const previous = this.objects.get(current);
      if (previous) this.announceRcc(previous);
    }
    if (target === undefined || current === target) return;
    this.registrationTimers.set(
      hw,
      setTimeout(() => {
        this.registrationTimers.delete(hw);
        const object = this.objects.get(target);
        if (!object || !object.devices.some((device) => device.hw.toLowerCase() === hw)) return;
        this.registrations.set(hw, target);
        this.announceRcc(object);
      }, this.options.registrationDelayMs ?? 300),
    );
  }

  /** Every change goes to every replicator that wants the object, except the replicator that wrote it itself. */
  private publish(
    mt: 'ReplicateAdd' | 'ReplicateUpdate' | 'ReplicateDel',
    object: SimObject,
    origin: Client | null,
  ): void {
    for (const client of this.clients) {
      const replication = client.replication;
      if (!replication || client === origin || !wanted(replication.pseudo, object)) continue;
      const columns = mt === 'ReplicateDel' ? { guid: object.guid } : tableRow(object, replication.columns);
      const message: Record<string, unknown> = { api: 'PbxTableUsers', mt, columns };
      if (replication.src !== undefined) message.src = replication.src;
      this.send(client, message);
    }
  }
}

const wanted = (pseudo: string[] | null, object: SimObject) => pseudo === null || pseudo.includes(pseudoType(object));

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
