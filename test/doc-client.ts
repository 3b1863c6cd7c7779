import { DEMO_APP } from '../sim/demo-company.ts';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';

/**
 * A client written only from ../shared/innovaphone-protocol.md and the SDK's documents, sharing no code
 * with the service's adapter: if the simulator drifts from the documents, tests using it fail even when
 * adapter and simulator agree.
 */
export type Json = Record<string, unknown>;

export class DocClient {
  private readonly inbox: Json[] = [];
  private readonly waiters: { match: (message: Json) => boolean; resolve: (message: Json) => void }[] = [];
  private src = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Json;
      const waiter = this.waiters.find((candidate) => candidate.match(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else this.inbox.push(message);
    });
  }

  static open(url: string): Promise<DocClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new DocClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Json): string {
    const src = `doc${++this.src}`;
    this.socket.send(JSON.stringify({ ...message, src }));
    return src;
  }

  /** As innovaphone's PHP samples send some requests: without `src`. */
  sendWithoutSrc(message: Json): void {
    this.socket.send(JSON.stringify(message));
  }

  next(match: (message: Json) => boolean, timeoutMs = 3000): Promise<Json> {
    const queued = this.inbox.find(match);
    if (queued) {
      this.inbox.splice(this.inbox.indexOf(queued), 1);
      return Promise.resolve(queued);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  async call(message: Json): Promise<Json> {
    const src = this.send(message);
    return this.next((answer) => answer.src === src && answer.mt === `${String(message.mt)}Result`);
  }

  /** §1: digest = sha256 of app:domain:sip:guid:dn:challenge:password (no info). */
  async login(fields: { app: string; sip: string }, password: string, reuseChallenge?: string): Promise<Json> {
    const challenge = reuseChallenge ?? String((await this.call({ mt: 'AppChallenge' })).challenge);
    const digest = sha256(`${fields.app}::${fields.sip}:::${challenge}:${password}`);
    return this.call({ mt: 'AppLogin', app: fields.app, domain: '', sip: fields.sip, guid: '', dn: '', digest });
  }

  /**
   * AppLogin with exactly the fields given (absent ones are not sent and count as empty in the digest),
   * as the SDK's clients send them: Connection.js (sip = app, guid of zeros, dn "Admin"), the RCC sample
   * (app and digest only), innovaphone's PHP library (`info: {}`).
   */
  async loginAs(fields: LoginFields, password: string): Promise<Json> {
    const challenge = String((await this.call({ mt: 'AppChallenge' })).challenge);
    const parts = [fields.app, fields.domain, fields.sip, fields.guid, fields.dn].map((part) => part ?? '');
    if (fields.info !== undefined) parts.push(JSON.stringify(fields.info));
    const digest = sha256([...parts, challenge, password].join(':'));
    return this.call({ mt: 'AppLogin', ...fields, digest });
  }

  /** The messages that arrived and no `next` took. */
  received(): Json[] {
    return [...this.inbox];
  }

  /** A WebSocket ping (RFC 6455): true when its pong arrives within `timeoutMs`. */
  ping(timeoutMs = 2000): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('pong', () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.socket.ping();
    });
  }

  close(): void {
    this.socket.close();
  }
}

export interface LoginFields {
  app?: string;
  domain?: string;
  sip?: string;
  guid?: string;
  dn?: string;
  info?: Json;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A connection logged in as the demo App object, as innovaphone's own Connection logs in. */
export async function appClientOf(url: string): Promise<DocClient> {
  const client = await DocClient.open(url);
  const login = await client.loginAs({ app: DEMO_APP.name }, DEMO_APP.password);
  if (!login.ok) throw new Error('the App object login was refused');
  return client;
}

/** A PbxAdminApi call. */
export const pbxAdmin = (client: DocClient, mt: string, body: Json = {}) =>
  client.call({ api: 'PbxAdminApi', mt, ...body });

/** A message without its `src`, to compare answers. */
export const withoutSrc = ({ src: _src, ...rest }: Json) => rest;
