import type { AppMessage } from './app-websocket.ts';
import type { PbxCall } from './pbx.ts';

/** RCC call states (RCC.htm, CallAdd): the base state is the low bits, 128 marks an outgoing call. */
const OUTGOING = 128;
const CONNECTED = 5;
const DISCONNECTING = new Set([6, 7]);
/** Signalling messages after which the call is over on this side (disconnect sent or received, released). */
const ENDING_MESSAGES = /^(x|r)-(disc|rel)$/;

/**
 * The calls running on the PBX, from RCC `Initialize {calls: true}`: CallAdd names the user and the call,
 * CallUpdate brings the far end's number and each signalling step, CallDel (RCC.htm also calls it
 * CallDelete) ends it. Returns the guid whose calls changed, or null when the message was none of these.
 */
/** How long an ended call is still remembered for `dialled` (the PBX may end a call to a code at once). */
const ENDED_KEPT_MS = 10_000;

export class CallReplica {
  private readonly calls = new Map<number, PbxCall & { ending: boolean }>();
  private readonly ended = new Map<string, { call: PbxCall; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  apply(message: AppMessage): string | null {
    const id = typeof message.call === 'number' ? message.call : null;
    if (id === null) return null;
    if (message.mt === 'CallAdd') {
      if (typeof message.guid !== 'string') return null;
      const state = typeof message.state === 'number' ? message.state : 0;
      const callId = message['call-id'];
      this.calls.set(id, {
        id,
        key: typeof callId === 'string' && callId !== '' ? callId : `${message.guid}:${id}:${Date.now()}`,
        guid: message.guid,
        outgoing: (state & OUTGOING) !== 0,
        remote: '',
        connected: (state & 127) === CONNECTED,
        ending: DISCONNECTING.has(state & 127),
      });
      return message.guid;
    }
    const call = this.calls.get(id);
    if (!call) return null;
    if (message.mt === 'CallUpdate') {
      const remote = (message.remote as { e164?: unknown } | undefined)?.e164;
      if (typeof remote === 'string' && remote !== '') call.remote = remote;
      const msg = typeof message.msg === 'string' ? message.msg : '';
      if (/^(x|r)-conn$/.test(msg)) call.connected = true;
      if (ENDING_MESSAGES.test(msg)) call.ending = true;
      return call.guid;
    }
    if (message.mt === 'CallDel' || message.mt === 'CallDelete') {
      this.calls.delete(id);
      const { ending: _ending, ...ended } = call;
      this.ended.set(call.key, { call: ended, at: this.now() });
      return call.guid;
    }
    return null;
  }

  /** The calls of one user that are not ending. */
  of(guid: string): PbxCall[] {
    return [...this.calls.values()]
      .filter((call) => call.guid === guid && !call.ending)
      .map(({ ending: _ending, ...call }) => call);
  }

  /**
   * The outgoing calls of one user with what they dialled, also those that ended in the last seconds: a
   * PBX may release a call to a feature code at once, before anyone could read the number.
   */
  dialled(guid: string): PbxCall[] {
    const now = this.now();
    for (const [key, { at }] of this.ended) if (now - at > ENDED_KEPT_MS) this.ended.delete(key);
    const running = [...this.calls.values()].map(({ ending: _ending, ...call }) => call);
    const ended = [...this.ended.values()].map(({ call }) => call);
    return [...running, ...ended].filter((call) => call.guid === guid && call.outgoing);
  }

  /** Every guid with a call; after a reconnect, these may have ended while nobody was watching. */
  guids(): Set<string> {
    return new Set([...this.calls.values()].map((call) => call.guid));
  }

  get size(): number {
    return this.calls.size;
  }
}
