import { Hono } from 'hono';
import { acknowledgeAlert, openAlerts } from '../occupancy/emergency-alerts.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../events.ts';
import { HttpError } from '../http/http-error.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';

/**
 * /api/v1/emergencies: the alert of each emergency call, on every helpdesk and administrator console (and every
 * instance) until one of them acknowledges it. Emergencies override works-council mode: who called is shown.
 */
export function emergencyRoutes(deps: { db: Db; pbx: Pbx; events: EventBus }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireAccess('emergency.alerts'), async (c) =>
    c.json({ alerts: await openAlerts(deps.db, deps.pbx) }),
  );
  routes.post('/:id/acknowledge', requireAccess('emergency.alerts'), async (c) => {
    const done = await acknowledgeAlert(deps.db, deps.pbx, c.req.param('id'), requireSession(c).user.name);
    if (!done)
      throw new HttpError(404, 'not_found', {
        en: 'There is no such emergency call.',
        de: 'Diesen Notruf gibt es nicht.',
      });
    if (done.changed) deps.events.publish({ type: 'emergency' });
    return c.json(done.alert);
  });
  return routes;
}
