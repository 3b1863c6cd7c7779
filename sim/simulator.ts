import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { appLoginDigest } from '../server/pbx/digest.ts';
import { seededRandom, type SimCompany, type SimUser } from './demo-company.ts';
import { serveLauncher } from './launcher.ts';
import { MYAPPS_PATH, serveMyAppsClient } from './myapps-protocol.ts';
import { AdminApi, noFaults, type SimFaults } from './sim-admin.ts';
import type { SimBehaviour } from './sim-behaviour.ts';
import { SimConnection, type SimLogin, type SimMessage } from './sim-connection.ts';
import { SimCore } from './sim-core.ts';
import { SimCalls, type SimCall } from './sim-calls.ts';
import { RccApi } from './sim-rcc.ts';
import { TableApi } from './sim-replication.ts';

export type { SimFaults } from './sim-admin.ts';

export const SIM_PATH = '/PBX0/APPS/websocket';
export const SIM_DOMAIN = 'demo.example.com';

/** The guid the SDK's Connection.js sends when it logs in as an App object. */
const ZERO_GUID = '0'.repeat(32);

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a desk phone takes to register after its hardware id lands in a device list. */
  registrationDelayMs?: number;
  /** How long the far end of a call takes to answer. */
  answerDelayMs?: number;
  /** Seed for fault decisions, so a fault run can be repeated. */
  faultSeed?: number;
  /** Where the PBX keeps its objects over a restart; unset: nothing is kept (tests). */
  stateFile?: string;
  /** How the PBX behaves where innovaphone's documents leave it open (sim-behaviour.ts); default: as documented. */
  behaviour?: Partial<SimBehaviour>;
  /**
   * The slave PBXs of the system, each on a port of its own (0: a free one): a user whose `loc` names a slave
   * registers there, and only that PBX's RCC reports the registration and the calls. Default: the demo's
   * Munich site.
   */
  slaves?: { name: string; port?: number }[];
  /** Serve `wss://` with this key and certificate (PEM), as a real PBX does; default plain `ws://` as on a lab PBX. */
  tls?: { key: string; cert: string };
}

/** One PBX of the simulated system: the master or a slave, each its own WebSocket server. */
interface SimPbx {
  name: string;
  port: number;
  server: Server | null;
}

/**
 * A PBX that speaks innovaphone's AppWebsocket protocol as the SDK documents it (innovaphone-protocol.md):
 * challenge/digest login for App objects and users, PbxAdminApi, PbxTableUsers, RCC, the one-hardware-id-
 * one-object rule, desk phones that register to whoever holds their hardware id; and the myApps client
 * protocol with a small launcher page, so that apps open signed in as they do inside myApps. A real
 * WebSocket and HTTP server, so the service talks to it exactly as it would to a PBX.
 */
export class PbxSimulator {
  /** The master first, then the slaves. */
  private readonly pbxs: SimPbx[];
  // Pongs are the PBX's own: a paused (hung) PBX answers no ping either.
  private readonly sockets = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly connections = new Set<SimConnection>();
  private readonly pausedQueue: (() => void)[] = [];
  private readonly core: SimCore;
  private readonly admin: AdminApi;
  private readonly table: TableApi;
  private readonly rcc: RccApi;
  private readonly calls: SimCalls;
  faults: SimFaults = { ...noFaults };
  /** WebSocket pings answered with a pong (a client's liveness checks). */
  pongs = 0;
  /** AppWebsocket messages received (tests wait on it: requests under way). */
  received = 0;

  constructor(
    company: SimCompany,
    private readonly options: SimulatorOptions = {},
  ) {
    const slaves = options.slaves ?? [{ name: 'munich' }];
    this.core = new SimCore(company, {
      ...(options.registrationDelayMs === undefined ? {} : { registrationDelayMs: options.registrationDelayMs }),
      ...(options.stateFile === undefined ? {} : { stateFile: options.stateFile }),
      ...(options.behaviour === undefined ? {} : { behaviour: options.behaviour }),
      slaves: slaves.map((slave) => slave.name),
    });
    this.pbxs = [
      { name: this.core.pbxName, port: options.port ?? 0, server: null },
      ...slaves.map((slave) => ({ name: slave.name, port: slave.port ?? 0, server: null })),
    ];
    this.admin = new AdminApi(
      this.core,
      () => this.faults,
      seededRandom(options.faultSeed ?? 1),
      () => this.dropAllConnections(),
      () => this.setFaults({ paused: true }),
    );
    this.table = new TableApi(this.core);
    this.calls = new SimCalls(this.core, options.answerDelayMs);
    this.rcc = new RccApi(this.core, this.calls, (connection) => this.connections.has(connection));
  }

  /** The master PBX's AppWebsocket address. */
  get url(): string {
    return this.urlOf(this.core.pbxName);
  }

  /** The slaves' addresses, in order. */
  get slaveUrls(): string[] {
    return this.pbxs.slice(1).map((pbx) => this.urlOf(pbx.name));
  }

  urlOf(name: string): string {
    const pbx = this.pbxs.find((candidate) => candidate.name === name);
    if (!pbx) throw new Error(`the simulator has no PBX ${name}`);
    return `${this.options.tls ? 'wss' : 'ws'}://${this.options.host ?? '127.0.0.1'}:${pbx.port}${SIM_PATH}`;
  }

  /** The myApps launcher page of the master PBX. */
  get launcherUrl(): string {
    return `${this.options.tls ? 'https' : 'http'}://${this.options.host ?? '127.0.0.1'}:${this.pbxs[0]?.port ?? 0}/myapps/`;
  }

  get running(): boolean {
    return this.pbxs[0]?.server !== null;
  }

  get behaviour(): SimBehaviour {
    return this.core.behaviour;
  }

  /** How many object changes were applied. */
  get updateCount(): number {
    return this.core.updates;
  }

  async start(): Promise<void> {
    for (const pbx of this.pbxs) if (!pbx.server) await this.listen(pbx);
  }

  /** Stops every PBX of the system (`only`: just that one, as when one site's PBX fails). */
  async stop(only?: string): Promise<void> {
    const stopping = this.pbxs.filter((pbx) => pbx.server !== null && (only === undefined || pbx.name === only));
    for (const connection of this.connections) {
      if (stopping.some((pbx) => pbx.name === connection.pbx)) {
        connection.socket.terminate();
        this.forget(connection);
      }
    }
    if (only === undefined) {
      for (const socket of this.sockets.clients) socket.terminate();
      this.core.shutdown();
      this.calls.shutdown();
    }
    for (const pbx of stopping) {
      const server = pbx.server;
      pbx.server = null;
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        server?.closeAllConnections();
      });
    }
  }

  private async listen(pbx: SimPbx): Promise<void> {
    const master = pbx === this.pbxs[0];
    const handler: RequestListener = (request, response) => {
      if (!master || !serveLauncher(request, response))
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    };
    const server = this.options.tls ? createTlsServer(this.options.tls, handler) : createServer(handler);
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(pbx.name, master, request, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(pbx.port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Keep the port across stop/start so that a client reconnects to the same URL.
    pbx.port = (server.address() as AddressInfo).port;
    pbx.server = server;
  }

  /** Fault: every connection ends at once, as when the PBX restarts or the network drops. */
  dropAllConnections(): void {
    for (const connection of this.connections) connection.socket.terminate();
    for (const connection of this.connections) this.forget(connection);
  }

  setFaults(faults: Partial<SimFaults>): void {
    const wasPaused = this.faults.paused;
    this.faults = { ...this.faults, ...faults };
    if (wasPaused && !this.faults.paused) for (const handle of this.pausedQueue.splice(0)) handle();
  }

  /** Sets the URL myApps opens for an App object (the demo knows it only once the service listens). */
  setAppUrl(name: string, url: string): void {
    this.core.setAppUrl(name, url);
  }

  /** A copy of a user's current state, for tests. */
  user(h323: string): SimUser | undefined {
    return this.core.user(h323);
  }

  /** Every object holding each hardware id: more than one entry for a key breaks the PBX rule. */
  holders(): Map<string, string[]> {
    return this.core.holders();
  }

  /** The guid a phone is registered to now, or undefined. */
  registeredTo(hw: string): string | undefined {
    return this.core.registeredTo(hw);
  }

  /** Switches a desk phone on or off; off unregisters it, on registers it to whoever holds it. */
  setPhoneOnline(hw: string, online: boolean): void {
    this.core.setPhoneOnline(hw, online);
  }

  /**
   * Someone at the desk phone `hw` dials `number` (a test or the demo): the call starts on whichever
   * object the phone is registered to. Returns the call, or an error text (the phone is not registered).
   */
  dial(hw: string, number: string): SimCall | string {
    const guid = this.core.registeredTo(hw);
    const object = guid === undefined ? undefined : this.core.byGuid(guid);
    if (!object) return 'the phone is not registered';
    return this.calls.dial(object, hw, { e164: number });
  }

  /** The far end hangs up. */
  hangUp(callId: number): boolean {
    return this.calls.clear(callId, 'r-rel');
  }

  /** The calls running on a phone now. */
  callsOn(hw: string): SimCall[] {
    return this.calls.all().filter((call) => call.hw.toLowerCase() === hw.toLowerCase());
  }

  private forget(connection: SimConnection): void {
    this.connections.delete(connection);
    this.table.forget(connection);
    this.rcc.forget(connection);
  }

  private upgrade(pbx: string, master: boolean, request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://pbx').pathname;
    if (path === SIM_PATH) {
      this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws, pbx));
    } else if (master && MYAPPS_PATH.test(path)) {
      this.sockets.handleUpgrade(request, socket, head, (ws) =>
        serveMyAppsClient(ws, {
          domain: SIM_DOMAIN,
          findUser: (sip) => this.core.findUser(sip.replace(/@.*$/, '')),
          appsFor: (user) => this.core.appsFor(user),
        }),
      );
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  }

  private accept(socket: WebSocket, pbx: string): void {
    const connection = new SimConnection(socket, pbx, this.core.behaviour, (deliver) => {
      if (!this.faults.paused) return false;
      this.pausedQueue.push(deliver);
      return true;
    });
    this.connections.add(connection);
    socket.on('close', () => this.forget(connection));
    socket.on('ping', (data) => {
      const pong = () => {
        if (socket.readyState !== socket.OPEN) return;
        socket.pong(data);
        this.pongs += 1;
      };
      if (this.faults.paused) this.pausedQueue.push(pong);
      else pong();
    });
    socket.on('message', (data) => {
      this.received += 1;
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || typeof (message as SimMessage).mt !== 'string') return;
      const handle = () => {
        if (this.connections.has(connection)) this.handle(connection, message as SimMessage);
      };
      if (this.faults.paused) this.pausedQueue.push(handle);
      else if (this.faults.latencyMs > 0) setTimeout(handle, this.faults.latencyMs);
      else handle();
    });
  }

  private handle(connection: SimConnection, message: SimMessage): void {
    switch (message.mt) {
      case 'AppChallenge':
        connection.challenge = newChallenge();
        connection.reply(message, { mt: 'AppChallengeResult', challenge: connection.challenge });
        return;
      case 'AppLogin':
        connection.login = this.checkLogin(connection, message);
        connection.reply(message, connection.login ? { mt: 'AppLoginResult', ok: true } : { mt: 'AppLoginResult' });
        return;
      case 'KeepAlive':
        // The SDK's Connection sends it every 60 s and expects nothing back; no answer is documented.
        if (this.core.behaviour.keepAlive === 'answered') connection.reply(message, { mt: 'KeepAliveResult' });
        return;
    }
    const login = connection.login;
    if (!login) {
      connection.refuse(message, 'notLoggedIn', 'not logged in');
      return;
    }
    const api = message.api ?? '';
    if (login.kind === 'user') {
      // A user's own connection may watch and control its own phones (RCC), nothing else.
      if (api === 'RCC') this.rcc.handle(connection, message);
      else connection.refuse(message, 'notGranted', `access to ${api || 'this API'} not granted to a user`);
      return;
    }
    if (!this.core.grantsOf(login.app).includes(api)) {
      connection.refuse(message, 'notGranted', `access to ${api || 'this API'} not granted`);
      return;
    }
    if (api === 'PbxAdminApi') this.admin.handle(connection, message);
    else if (api === 'PbxTableUsers') this.table.handle(connection, message);
    else this.rcc.handle(connection, message);
  }

  /**
   * The challenge is used once. An App object logs in with `app` (and empty sip, guid, dn), or as the SDK's
   * Connection.js does it, with `sip` = its name, a guid of zeros and dn "Admin"; a user with `sip` = its name.
   */
  private checkLogin(connection: SimConnection, message: SimMessage): SimLogin | null {
    const challenge = connection.challenge;
    connection.challenge = null;
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
    const app = this.core.findApp(identity.sip === '' ? identity.app : identity.sip);
    if (app && (identity.sip === '' || identity.guid === '' || identity.guid === ZERO_GUID)) {
      return matches(app.password) ? { kind: 'app', app } : null;
    }
    const user = this.core.findUser(identity.sip);
    return user && matches(user.password) ? { kind: 'user', user } : null;
  }
}

/** 16 random digits, like innovaphone's challenges. */
function newChallenge(): string {
  return [...randomBytes(16)].map((byte) => String(byte % 10)).join('');
}
