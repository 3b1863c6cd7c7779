import { contractRouter } from '../http/contract-route.ts';
import { allows } from '../../contract/access.ts';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../contract/events.ts';
import type { SessionStore } from '../auth/console-sessions.ts';
import type { EventBus } from '../lib/events.ts';
import { requireSession } from '../http/session-middleware.ts';

const HEARTBEAT_MS = 25_000;
/** Event streams one session may hold (one per open tab); a further one ends the oldest. */
export const MAX_STREAMS_PER_SESSION = 8;

/** The open streams of each session, oldest first, each with the function that ends it. */
class StreamRegistry {
  private readonly bySession = new Map<string, (() => void)[]>();

  add(sessionId: string, close: () => void): () => void {
    const streams = this.bySession.get(sessionId) ?? [];
    streams.push(close);
    this.bySession.set(sessionId, streams);
    while (streams.length > MAX_STREAMS_PER_SESSION) streams.shift()?.();
    return () => {
      const index = streams.indexOf(close);
      if (index >= 0) streams.splice(index, 1);
      if (streams.length === 0 && this.bySession.get(sessionId) === streams) this.bySession.delete(sessionId);
    };
  }

  closeAll(sessionId: string): void {
    for (const close of [...(this.bySession.get(sessionId) ?? [])]) close();
  }
}

/**
 * GET /api/v1/events: Server-Sent Events. A stream ends the moment its session does (sign-out, expiry,
 * roles changed, replaced by newer sessions); every heartbeat re-checks the session as well, without
 * counting as use, so that an open tab alone does not keep a session alive.
 */
export function eventRoutes(bus: EventBus, sessions: SessionStore, heartbeatMs = HEARTBEAT_MS) {
  const { router, serve } = contractRouter();
  const registry = new StreamRegistry();
  sessions.onEnd((id) => registry.closeAll(id));

  serve('GET /events', (c) => {
    const token = c.get('sessionToken') ?? '';
    const session = requireSession(c);
    // Employees see only what concerns their page: the settings (which check-in methods are on), their own desk,
    // and whether the PBX is there (the header says so).
    const staff = allows(session.user.roles, 'staff.read');
    const alerts = allows(session.user.roles, 'emergency.alerts');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | null = null;
      let open = true;
      let goingAway = false;
      const close = () => {
        open = false;
        wake?.();
      };
      const unregister = registry.add(session.id, close);
      // Shutting down: a last event asks the console to reconnect at once (to another instance behind the proxy).
      const forget = bus.openStream(() => {
        goingAway = true;
        close();
      });
      const me = session.user.name.toLowerCase();
      const unsubscribe = bus.subscribe((event) => {
        // Whose desks changed is told to each person about themselves only.
        if (event.type === 'me') {
          if (!event.users.some((name) => name.toLowerCase() === me)) return;
          queue.push({ type: 'me', users: [session.user.name] });
        } else if (
          staff ||
          event.type === 'settings' ||
          event.type === 'pbx' ||
          event.type === 'bookings' ||
          (event.type === 'emergency' && alerts)
        )
          queue.push(event);
        else return;
        wake?.();
      });
      stream.onAbort(close);
      // Expiry needs no request to happen: the stream ends at the session's absolute end at the latest.
      const expiry = setTimeout(close, Math.min(sessions.timeLeft(session), 2 ** 31 - 1));
      try {
        if (open) await stream.writeSSE({ event: 'ready', data: '{}' });
        while (open) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: 'change', data: JSON.stringify(event) });
            continue;
          }
          const timedOut = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve(false);
            };
          });
          wake = null;
          if (timedOut && open) {
            if (!(await sessions.find(token, session.bearer, { touch: false }))) break;
            await stream.write(': keep-alive\n\n');
          }
        }
        if (goingAway) await stream.writeSSE({ event: 'reconnect', data: '{}', retry: 250 });
      } finally {
        clearTimeout(expiry);
        unsubscribe();
        unregister();
        forget();
      }
    });
  });
  return router;
}
