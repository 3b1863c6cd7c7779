import type { AppWebsocketConnection } from './app-websocket.ts';

export interface KeepAliveOptions {
  /** How often the PBX is asked whether it is there (default 3 s). */
  intervalMs?: number;
  /** How long it has to answer (default 2.5 s). */
  timeoutMs?: number;
  /** Silent this long, the connection is dropped, to be built again with a full resync (default 60 s). */
  giveUpAfterMs?: number;
}

export interface KeepAliveEvents {
  /** The PBX answered (after any number of silent rounds). */
  answered(): void;
  /** The PBX did not answer in time; it has been silent for `silentMs`. */
  silent(silentMs: number): void;
}

/**
 * The protocol's own liveness check on one connection: `{mt: "KeepAlive"}`, answered with
 * `KeepAliveResult`. Silent past `giveUpAfterMs`, the connection is closed. Returns the function that
 * stops it.
 */
export function keepAlive(
  connection: AppWebsocketConnection,
  options: KeepAliveOptions,
  events: KeepAliveEvents,
): () => void {
  const timeout = options.timeoutMs ?? 2500;
  const giveUpAfter = options.giveUpAfterMs ?? 60_000;
  let silentSince: number | null = null;
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight || connection.closed) return;
    inFlight = true;
    connection.keepAlive(timeout).then(
      () => {
        inFlight = false;
        silentSince = null;
        events.answered();
      },
      () => {
        inFlight = false;
        if (connection.closed) return;
        const now = Date.now();
        silentSince ??= now - timeout;
        if (now - silentSince >= giveUpAfter) connection.close();
        else events.silent(now - silentSince);
      },
    );
  }, options.intervalMs ?? 3000);
  timer.unref();
  return () => clearInterval(timer);
}
