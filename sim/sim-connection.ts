import type { WebSocket } from 'ws';
import type { SimBehaviour } from './sim-behaviour.ts';
import { simError, type SimErrorKind } from './sim-errors.ts';
import type { SimObject } from './sim-objects.ts';

/** One AppWebsocket message: `mt`, and `api` and `src` where they apply. */
export type SimMessage = Record<string, unknown> & { mt: string; api?: string; src?: string };

export type SimLogin = { kind: 'app'; app: SimObject } | { kind: 'user'; user: SimObject };

/** One AppWebsocket connection to the simulated PBX: who logged in, and how to answer. */
export class SimConnection {
  challenge: string | null = null;
  login: SimLogin | null = null;

  /**
   * `pbx`: the PBX of the system this connection is to (its location name). `hold` keeps a send back while the
   * PBX is paused (true: it will deliver it on resume).
   */
  constructor(
    readonly socket: WebSocket,
    readonly pbx: string,
    private readonly behaviour: SimBehaviour,
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

  /** RCC.htm documents `error` as a text; elsewhere a number with `errorText` (unless the behaviour says one shape). */
  refuse(request: SimMessage, kind: SimErrorKind, text: string): void {
    const shape = this.behaviour.errors;
    const asText = shape === 'text' || (shape === 'documented' && request.api === 'RCC');
    this.reply(
      request,
      asText ? { mt: `${request.mt}Result`, error: text } : simError(`${request.mt}Result`, kind, text),
    );
  }
}
