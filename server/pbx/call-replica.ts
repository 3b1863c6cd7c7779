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
export class CallReplica {
  private readonly calls = new Map<number, PbxCall & { ending: boolean }>();

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

  /** Every guid with a call; after a reconnect, these may have ended while nobody was watching. */
  guids(): Set<string> {
    return new Set([...this.calls.values()].map((call) => call.guid));
  }

  get size(): number {
    return this.calls.size;
  }
}
