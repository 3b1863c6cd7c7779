import type { WebSocket } from 'ws';
import { simError, type SimErrorKind } from './sim-errors.ts';
import type { SimObject } from './sim-objects.ts';

/** One AppWebsocket message: `mt`, and `api` and `src` where they apply. */
export type SimMessage = Record<string, unknown> & { mt: string; api?: string; src?: string };

export type SimLogin = { kind: 'app'; app: SimObject } | { kind: 'user'; user: SimObject };

/** One AppWebsocket connection to the simulated PBX: who logged in, and how to answer. */
export class SimConnection {
  challenge: string | null = null;
  login: SimLogin | null = null;

  /** `hold` keeps a send back while the PBX is paused (true: it will deliver it on resume). */
  constructor(
    readonly socket: WebSocket,
    private readonly hold: (deliver: () => void) => boolean = () => false,
  ) {}

  send(message: Record<string, unknown>): void {
    const deliver = () => {
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
    };
    if (!this.hold(deliver)) deliver();
  }

  /** An answer carries the request's `api` and `src` (AppWebsocket.htm). */
  reply(request: SimMessage, body: Record<string, unknown>): void {
    const message: Record<string, unknown> = { ...body };
    if (request.api !== undefined) message.api = request.api;
    if (request.src !== undefined) message.src = request.src;
    this.send(message);
  }

  refuse(request: SimMessage, kind: SimErrorKind, text: string): void {
    this.reply(request, simError(`${request.mt}Result`, kind, text));
  }
}
