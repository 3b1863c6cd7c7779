import { contractRouter } from '../http/contract-route.ts';
import { acknowledgeAlert, openAlerts } from '../occupancy/emergency-alerts.ts';
import { withEmergencyMails } from '../mail/mail-store.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../lib/events.ts';
import { HttpError } from '../http/http-error.ts';
import { requireSession } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { msg } from '../../i18n/message.ts';

/**
 * /api/v1/emergencies: the alert of each emergency call, on every helpdesk and administrator console (and every
 * instance) until one of them acknowledges it. Emergencies override works-council mode: who called is shown.
 */
export function emergencyRoutes(deps: { db: Db; pbx: Pbx; events: EventBus }) {
  const { router, serve } = contractRouter();
  serve('GET /emergencies', async (c) =>
    c.json({ alerts: await withEmergencyMails(deps.db, await openAlerts(deps.db, deps.pbx)) }),
  );
  serve('POST /emergencies/:id/acknowledge', async (c) => {
    const done = await acknowledgeAlert(deps.db, deps.pbx, c.req.param('id'), requireSession(c).user.name);
    if (!done) throw new HttpError(404, 'not_found', msg('api.emergencies.thereSuchEmergencyCall'));
    if (done.changed) deps.events.publish({ type: 'emergency' });
    const [alert] = await withEmergencyMails(deps.db, [done.alert]);
    return c.json(alert);
  });
  return router;
}
