import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { appLoginDigest } from '../../server/pbx/digest.ts';
import type { SimAppObject, SimCompany, SimDevice, SimUser } from './demo-company.ts';

export const SIM_PATH = '/PBX0/APPS/websocket';

type Message = Record<string, unknown> & { mt: string; api?: string; src?: string };

type Login = { kind: 'app'; app: SimAppObject } | { kind: 'user'; user: SimUser };

interface Replication {
  src: string | undefined;
  columns: string[];
  /** guids still to be sent by ReplicateNext; null once the initial load has finished. */
  pending: string[] | null;
}

interface Client {
  socket: WebSocket;
  challenge: string | null;
  login: Login | null;
  replication: Replication | null;
}

const USER_TABLE_COLUMNS = ['guid', 'h323', 'cn', 'dn', 'e164', 'grps', 'devices'];
const SEARCH_PAGE = 20;

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/**
 * A PBX that speaks innovaphone's AppWebsocket protocol (innovaphone-protocol.md): challenge/digest login
 * for App objects and users, PbxAdminApi and PbxTableUsers, the one-hardware-id-one-object rule. A real
 * WebSocket server, so the service talks to it exactly as it would to a PBX.
 */
export class PbxSimulator {
  private server: WebSocketServer | null = null;
  private readonly clients = new Set<Client>();
  private readonly users = new Map<string, SimUser>();
  private readonly appObjects: SimAppObject[];
  private boundPort: number;

  constructor(
    company: SimCompany,
    private readonly options: SimulatorOptions = {},
  ) {
    for (const user of company.users) this.users.set(user.guid, structuredClone(user));
    this.appObjects = company.appObjects.map((app) => structuredClone(app));
    this.boundPort = options.port ?? 0;
  }

  get url(): string {
    return `ws://${this.options.host ?? '127.0.0.1'}:${this.boundPort}${SIM_PATH}`;
  }

  get running(): boolean {
    return this.server !== null;
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
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A copy of a user's current state, for tests. */
  user(h323: string): SimUser | undefined {
    const found = [...this.users.values()].find((user) => user.h323 === h323);
    return found && structuredClone(found);
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, challenge: null, login: null, replication: null };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof message === 'object' && message !== null && typeof (message as Message).mt === 'string') {
        this.handle(client, message as Message);
      }
    });
  }

  private reply(client: Client, request: Message, body: Record<string, unknown>): void {
    const message: Record<string, unknown> = { ...body };
    if (request.api !== undefined) message.api = request.api;
    if (request.src !== undefined) message.src = request.src;
    client.socket.send(JSON.stringify(message));
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
        const outcome = this.updateObject(message);
        this.reply(client, message, typeof outcome === 'string' ? { mt: result, error: outcome } : { mt: result });
        return;
      }
      case 'DeleteObject': {
        const user = this.findObject(message);
        if (!user) {
          this.reply(client, message, { mt: result, error: 'object not found' });
          return;
        }
        this.users.delete(user.guid);
        this.reply(client, message, { mt: result });
        this.publish('ReplicateDel', user);
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
      for (const device of devices as SimDevice[]) {
        for (const other of this.users.values()) {
          if (other !== user && other.devices.some((held) => held.hw.toLowerCase() === device.hw.toLowerCase())) {
            return `hw id ${device.hw} already used by ${other.cn}`;
          }
        }
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
    for (const field of ['cn', 'dn', 'h323', 'e164'] as const) {
      const value = message[field];
      if (typeof value === 'string') user[field] = value;
    }
    if (devices !== undefined) user.devices = structuredClone(devices as SimDevice[]);
    this.users.set(user.guid, user);
    this.publish(creating ? 'ReplicateAdd' : 'ReplicateUpdate', user);
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
      while (replication.pending && replication.pending.length > 0 && row === undefined) {
        const user = this.users.get(replication.pending.shift() as string);
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

  /** Every change, by any client, goes to every replicator with the src of its ReplicateStart. */
  private publish(mt: 'ReplicateAdd' | 'ReplicateUpdate' | 'ReplicateDel', user: SimUser): void {
    for (const client of this.clients) {
      const replication = client.replication;
      if (!replication) continue;
      const columns = mt === 'ReplicateDel' ? { guid: user.guid } : tableRow(user, replication.columns);
      const message: Record<string, unknown> = { api: 'PbxTableUsers', mt, columns };
      if (replication.src !== undefined) message.src = replication.src;
      client.socket.send(JSON.stringify(message));
    }
  }
}

/** 16 random digits, like innovaphone's challenges. */
function newChallenge(): string {
  return [...randomBytes(16)].map((byte) => String(byte % 10)).join('');
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
