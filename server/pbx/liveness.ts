/** What the liveness check needs of a connection. */
export interface LivenessTarget {
  readonly closed: boolean;
  /** When anything (a message or a pong) last arrived, in ms since the epoch. */
  readonly lastHeardAt: number;
  /** A WebSocket ping (RFC 6455 §5.5.2): every endpoint must answer it with a pong. */
  ping(): void;
  /** `{mt: "KeepAlive"}`, sent and never answered (the SDK's Connection.js waits for nothing). */
  sendKeepAlive(): void;
  close(): void;
}

export interface LivenessOptions {
  /** How often the answer is looked for and, once it came, the PBX pinged again (default 3 s). */
  intervalMs?: number;
  /** How long it has to answer a ping (default 2.5 s); silent longer, it is unresponsive at the next look. */
  timeoutMs?: number;
  /** Silent this long, the connection is dropped, to be built again with a full resync (default 60 s). */
  giveUpAfterMs?: number;
  /** How often `KeepAlive` is sent, as innovaphone's own clients do (default 60 s). */
  keepAliveMs?: number;
  now?: () => number;
}

export interface LivenessEvents {
  /** Something arrived since the last ping (after any number of silent rounds). */
  answered(): void;
  /** Nothing arrived since the last ping, not even its pong; silent for `silentMs`. */
  silent(silentMs: number): void;
}

/**
 * Tells a hung PBX from a quiet one with what every WebSocket peer must answer: a ping, whose pong (or any
 * message) must arrive within `timeoutMs`. innovaphone documents no answer to `KeepAlive` and its own clients
 * expect none (innovaphone-protocol.md §10), so `KeepAlive` is only sent, every `keepAliveMs`, the way the SDK
 * sends it. Silent past `giveUpAfterMs`, the connection is closed. Returns the function that stops it.
 */
export function watchLiveness(target: LivenessTarget, options: LivenessOptions, events: LivenessEvents): () => void {
  const now = options.now ?? Date.now;
  const timeout = options.timeoutMs ?? 2500;
  const giveUpAfter = options.giveUpAfterMs ?? 60_000;
  /** When the ping still waiting for an answer was sent (null: none is). */
  let outstanding: number | null = null;
  let silentSince: number | null = null;
  const tick = setInterval(() => {
    if (target.closed) return;
    const at = now();
    if (outstanding !== null) {
      if (target.lastHeardAt >= outstanding) {
        outstanding = null;
        silentSince = null;
        events.answered();
      } else if (at - outstanding >= timeout) {
        silentSince ??= outstanding;
        const silentMs = at - silentSince;
        if (silentMs >= giveUpAfter) target.close();
        else events.silent(silentMs);
      }
    }
    if (outstanding === null) {
      outstanding = at;
      target.ping();
    }
  }, options.intervalMs ?? 3000);
  tick.unref();
  const keepAlive = setInterval(() => {
    if (!target.closed) target.sendKeepAlive();
  }, options.keepAliveMs ?? 60_000);
  keepAlive.unref();
  return () => {
    clearInterval(tick);
    clearInterval(keepAlive);
  };
}
