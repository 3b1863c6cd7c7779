import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../contract/desks.ts';
import type { SessionStore } from '../auth/session-store.ts';
import type { EventBus } from '../events.ts';
import { requireRole, requireSession, type AppEnv } from '../http/session-middleware.ts';

const HEARTBEAT_MS = 25_000;

/**
 * GET /api/v1/events: Server-Sent Events. Every heartbeat re-checks the session, so a
 * signed-out or expired console stops receiving data.
 */
export function eventRoutes(bus: EventBus, sessions: SessionStore, heartbeatMs = HEARTBEAT_MS): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireRole('admin', 'helpdesk', 'facility', 'user'), (c) => {
    const token = c.get('sessionToken') ?? '';
    const session = requireSession(c);
    // Employees see only what concerns their page: the settings (which check-in methods are on).
    const staff = session.user.roles.some((role) => role !== 'user');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = bus.subscribe((event) => {
        if (!staff && event.type !== 'settings') return;
        queue.push(event);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      try {
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
          if (timedOut) {
            if (!(await sessions.find(token, session.bearer))) break;
            await stream.write(': keep-alive\n\n');
          }
        }
      } finally {
        unsubscribe();
      }
    });
  });
  return routes;
}
