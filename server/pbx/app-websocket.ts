import WebSocket from 'ws';
import { appLoginDigest, type AppLoginIdentity } from './digest.ts';
import { PbxUnavailableError } from './pbx.ts';

/** One AppWebsocket message: a JSON object with `mt`, and `api` / `src` where they apply. */
export interface AppMessage {
  mt: string;
  api?: string;
  src?: string;
  [key: string]: unknown;
}

export class PbxLoginRefusedError extends Error {
  override readonly name = 'PbxLoginRefusedError';
}

/** The PBX answered a request with an `error` instead of success. */
export class PbxRequestError extends Error {
  override readonly name = 'PbxRequestError';
}

interface Pending {
  expectMt: string;
  resolve: (message: AppMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface ConnectOptions {
  timeoutMs: number;
  /** Certificates to trust besides Node's own (PEM), e.g. a PBX's internal CA for a connection check. */
  ca?: string;
}

function isAppMessage(value: unknown): value is AppMessage {
  return typeof value === 'object' && value !== null && typeof (value as { mt?: unknown }).mt === 'string';
}

/**
 * A logged-in AppWebsocket connection. Requests are matched to their results by `src`; everything else
 * (indications, pushed replication rows) goes to the `onMessage` listeners.
 */
export class AppWebsocketConnection {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(message: AppMessage) => void>();
  private readonly closeListeners = new Set<(reason: Error) => void>();
  /** Indication handlers by src; they stay after the result (RCC keeps sending updates with it). */
  private readonly indications = new Map<string, (message: AppMessage) => void>();
  private nextSrc = 1;
  private closedWith: Error | null = null;
  /** What AppLoginResult carried besides `ok` (a PBX may tell its version there). */
  loginResult: Record<string, unknown> = {};
  /** When anything last arrived from the PBX: a message or the pong to our ping. */
  lastHeardAt = Date.now();

  private constructor(
    private readonly socket: WebSocket,
    private readonly requestTimeoutMs: number,
  ) {
    socket.on('message', (data) => {
      this.lastHeardAt = Date.now();
      this.dispatch(String(data));
    });
    socket.on('pong', () => {
      this.lastHeardAt = Date.now();
    });
    socket.on('close', () => {
      this.fail(new PbxUnavailableError('The connection to the PBX was closed.'));
    });
    socket.on('error', (error) => {
      this.fail(new PbxUnavailableError(`PBX connection error: ${error.message}`));
    });
  }

  /** Connects and logs in (AppChallenge, AppLogin); rejects with PbxLoginRefusedError on a wrong digest. */
  static async open(
    url: string,
    identity: AppLoginIdentity,
    password: string,
    options: ConnectOptions,
  ): Promise<AppWebsocketConnection> {
    const socket = await openSocket(url, options);
    const connection = new AppWebsocketConnection(socket, options.timeoutMs);
    try {
      const challenge = await connection.exchange({ mt: 'AppChallenge' }, 'AppChallengeResult');
      if (typeof challenge.challenge !== 'string') throw new PbxUnavailableError('The PBX sent no challenge.');
      const digest = appLoginDigest(identity, challenge.challenge, password);
      const { info, ...fields } = identity;
      const result = await connection.exchange(
        { mt: 'AppLogin', ...fields, ...(info === undefined ? {} : { info }), digest },
        'AppLoginResult',
      );
      if (result.ok !== true) throw new PbxLoginRefusedError('The PBX refused the login.');
      const { mt: _mt, ok: _ok, src: _src, api: _api, ...rest } = result;
      connection.loginResult = rest;
      return connection;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Sends `{api, mt, ...body}` and resolves with the `<mt>Result` carrying the same `src`. */
  request(api: string, mt: string, body: Record<string, unknown> = {}, timeoutMs?: number): Promise<AppMessage> {
    return this.exchange({ ...body, api, mt }, `${mt}Result`, timeoutMs);
  }

  /**
   * Sends a request whose indications (messages with the same `src` before the result, e.g. RCC
   * UserInfo) go to `onIndication`.
   */
  requestWithIndications(
    api: string,
    mt: string,
    body: Record<string, unknown>,
    onIndication: (message: AppMessage) => void,
    timeoutMs?: number,
  ): Promise<AppMessage> {
    const src = String(this.nextSrc);
    this.indications.set(src, onIndication);
    return this.exchange({ ...body, api, mt }, `${mt}Result`, timeoutMs);
  }

  /** A WebSocket ping; its pong (or any message) moves `lastHeardAt`. */
  ping(): void {
    if (!this.closedWith) this.socket.ping();
  }

  /** `{mt: "KeepAlive"}` as innovaphone's clients send it: no answer is documented, none is awaited. */
  sendKeepAlive(): void {
    if (!this.closedWith) this.socket.send(JSON.stringify({ mt: 'KeepAlive' }));
  }

  /** Sends a message that has no result (e.g. a replicator's ReplicateUpdate). */
  send(message: AppMessage): void {
    if (this.closedWith) throw this.closedWith;
    this.socket.send(JSON.stringify(message));
  }

  onMessage(listener: (message: AppMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (reason: Error) => void): void {
    if (this.closedWith) listener(this.closedWith);
    else this.closeListeners.add(listener);
  }

  close(): void {
    this.fail(new PbxUnavailableError('The connection to the PBX was closed by the service.'));
    this.socket.terminate();
  }

  private exchange(message: AppMessage, expectMt: string, timeoutMs = this.requestTimeoutMs): Promise<AppMessage> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const src = String(this.nextSrc++);
    return new Promise<AppMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(src);
        reject(new PbxUnavailableError(`The PBX did not answer ${message.mt} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(src, { expectMt, resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...message, src }));
    });
  }

  private dispatch(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isAppMessage(message)) return;
    const waiting = message.src === undefined ? undefined : this.pending.get(message.src);
    if (waiting && message.mt === waiting.expectMt) {
      this.pending.delete(message.src as string);
      clearTimeout(waiting.timer);
      const refusal = refusalOf(message);
      if (refusal === null) waiting.resolve(message);
      else waiting.reject(new PbxRequestError(refusal));
      return;
    }
    const indication = message.src === undefined ? undefined : this.indications.get(message.src);
    if (indication) {
      indication(message);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  private fail(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(reason);
    }
    this.pending.clear();
    this.indications.clear();
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
  }
}

/**
 * The PBX refuses with `error` (PbxAdminApi and RCC: a text; PbxApi and myApps: a number with `errorText`).
 * Every variant is a refusal; its text, or null when the message is a success.
 */
export function refusalOf(message: AppMessage): string | null {
  const { error, errorText } = message;
  if (error === undefined || error === null || error === false || error === 0 || error === '') return null;
  if (typeof errorText === 'string' && errorText !== '') return errorText;
  return typeof error === 'string' ? error : `error ${String(error)}`;
}

function openSocket(url: string, options: ConnectOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      handshakeTimeout: options.timeoutMs,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    const onError = (error: Error) => {
      socket.terminate();
      reject(new PbxUnavailableError(`Cannot reach the PBX at ${url}: ${error.message}`));
    };
    socket.once('error', onError);
    socket.once('open', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
