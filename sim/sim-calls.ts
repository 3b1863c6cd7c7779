import type { SimCore } from './sim-core.ts';
import type { SimObject } from './sim-objects.ts';

/**
 * RCC call states (RCC.htm, CallAdd): 0 init, 1 setup, 2 setup-ack, 3 call-proc, 4 alert, 5 conn,
 * 6 disc-sent, 7 disc-received, 8 parked; 128 is added for an outgoing call.
 */
export const CALL_STATE = { setup: 1, alert: 4, connected: 5, discSent: 6, discReceived: 7 } as const;
export const OUTGOING = 128;

/** One call leg of a registered phone. */
export interface SimCall {
  id: number;
  /** The object whose phone the call is on. */
  guid: string;
  /** The phone (hardware id, as in the device list). */
  hw: string;
  outgoing: boolean;
  /** The base state (without the outgoing bit). */
  state: number;
  /** Who is called (or calling). */
  peer: { e164: string; h323: string };
  confId: string;
  callId: string;
}

export interface SimCallEvent {
  kind: 'add' | 'update' | 'delete';
  call: SimCall;
  /** The signalling message behind the change, as RCC names it (`x-setup`, `r-alert`, `r-conn`, `x-disc`, …). */
  msg: string;
}

export interface CallTarget {
  e164?: unknown;
  cn?: unknown;
  h323?: unknown;
}

/**
 * The calls of the simulated PBX. A call starts on a phone that is registered (nobody else can dial), the
 * far end alerts and answers after a moment (an emergency centre answers at once), and it ends when
 * either side clears it or when the phone stops being registered to that object (the phone moved to
 * another device list, or was switched off), as on a real PBX.
 */
export class SimCalls {
  private readonly calls = new Map<number, SimCall>();
  private readonly timers = new Map<number, NodeJS.Timeout[]>();
  private readonly listeners = new Set<(event: SimCallEvent) => void>();
  private next = 1;

  constructor(
    private readonly core: SimCore,
    private readonly answerDelayMs = 100,
  ) {
    core.onRegistration((object) => {
      for (const call of this.calls.values()) {
        if (call.guid === object.guid && core.registeredTo(call.hw) !== object.guid) this.end(call, 'r-rel');
      }
    });
  }

  onCall(listener: (event: SimCallEvent) => void): void {
    this.listeners.add(listener);
  }

  all(): SimCall[] {
    return [...this.calls.values()];
  }

  byId(id: number): SimCall | undefined {
    return this.calls.get(id);
  }

  /** Starts a call from `object`'s phone `hw` (its first registered phone when absent). Returns an error text or the call. */
  dial(object: SimObject, hw: string | undefined, target: CallTarget): SimCall | string {
    const phone =
      hw === undefined
        ? this.core.regsOf(object)[0]?.hw
        : object.devices.find((device) => device.hw.toLowerCase() === hw.toLowerCase())?.hw;
    if (phone === undefined || this.core.registeredTo(phone) !== object.guid) return 'no registered phone to call from';
    const peer = this.resolve(target);
    if (!peer) return 'no destination (e164, cn or h323)';
    const id = this.next++;
    const call: SimCall = {
      id,
      guid: object.guid,
      hw: phone,
      outgoing: true,
      state: CALL_STATE.setup,
      peer,
      confId: hexId(id, 'c0'),
      callId: hexId(id, 'ca'),
    };
    this.calls.set(id, call);
    this.emit({ kind: 'add', call, msg: 'x-setup' });
    // A colleague takes a moment to pick up; an outside number (an emergency centre) answers at once.
    const answersAt = peer.h323 === '' ? this.answerDelayMs : 3 * this.answerDelayMs;
    this.timers.set(id, [
      setTimeout(() => this.progress(id, CALL_STATE.alert, 'r-alert'), this.answerDelayMs / 2),
      setTimeout(() => this.progress(id, CALL_STATE.connected, 'r-conn'), answersAt),
    ]);
    return call;
  }

  /** Clears a call from the phone's side (UserClear), or from the far end (`r-rel`). */
  clear(id: number, msg: 'x-disc' | 'r-rel' = 'x-disc'): boolean {
    const call = this.calls.get(id);
    if (!call) return false;
    this.end(call, msg);
    return true;
  }

  shutdown(): void {
    for (const timers of this.timers.values()) for (const timer of timers) clearTimeout(timer);
    this.timers.clear();
  }

  private progress(id: number, state: number, msg: string): void {
    const call = this.calls.get(id);
    if (!call || call.state >= state) return;
    call.state = state;
    this.emit({ kind: 'update', call, msg });
  }

  private end(call: SimCall, msg: string): void {
    for (const timer of this.timers.get(call.id) ?? []) clearTimeout(timer);
    this.timers.delete(call.id);
    this.calls.delete(call.id);
    call.state = msg.startsWith('x-') ? CALL_STATE.discSent : CALL_STATE.discReceived;
    this.emit({ kind: 'update', call, msg });
    this.emit({ kind: 'delete', call, msg: 'del' });
  }

  private resolve(target: CallTarget): SimCall['peer'] | null {
    for (const field of ['cn', 'h323'] as const) {
      const value = target[field];
      if (typeof value === 'string' && value !== '') {
        const object = this.core.findBy(field, value);
        return object ? { e164: object.e164, h323: object.h323 } : { e164: '', h323: value };
      }
    }
    if (typeof target.e164 !== 'string' || !/^[0-9*#+]+$/.test(target.e164)) return null;
    const e164 = target.e164;
    const local = [...this.core.all()].find((object) => object.e164 !== '' && object.e164 === e164);
    return { e164, h323: local?.h323 ?? '' };
  }

  private emit(event: SimCallEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A stable 32-digit hex id per call. */
function hexId(id: number, prefix: string): string {
  return (prefix + id.toString(16)).padStart(32, '0');
}
