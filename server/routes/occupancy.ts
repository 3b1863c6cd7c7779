import { Hono } from 'hono';
import { forceLogoutRequestSchema, onBehalfCheckinRequestSchema, peopleQuerySchema } from '../../contract/occupancy.ts';
import type { DeskOccupancyService } from '../occupancy/desk-occupancy.ts';
import { parseJson, parseWith } from '../http/request.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';
import { pickLocale } from '../http/text.ts';

export function occupancyRoutes(occupancy: DeskOccupancyService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireAccess('staff.read'), async (c) => c.json(await occupancy.list()));
  routes.post('/logout', requireAccess('people.logout'), async (c) => {
    const { deskIds, evenDuringCall, note } = await parseJson(c, forceLogoutRequestSchema);
    return c.json(
      await occupancy.forceLogout(requireSession(c).user.name, deskIds, {
        evenDuringCall: evenDuringCall === true,
        ...(note ? { note } : {}),
        locale: pickLocale(c.req.header('accept-language')),
      }),
    );
  });
  routes.get('/emergency-notices', requireAccess('admin'), async (c) =>
    c.json({ notices: await occupancy.notices.list() }),
  );
  routes.post('/emergency-notices/:id/retry', requireAccess('admin'), async (c) =>
    c.json(await occupancy.notices.retry(requireSession(c).user.name, c.req.param('id'))),
  );
  routes.post('/checkin', requireAccess('people.checkin'), async (c) => {
    const { deskId, user } = await parseJson(c, onBehalfCheckinRequestSchema);
    return c.json(await occupancy.checkinOnBehalf(requireSession(c).user.name, deskId, user));
  });
  return routes;
}

/** GET /api/v1/people?q=: the person picker of "Check someone in". */
export function peopleRoutes(occupancy: DeskOccupancyService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireAccess('people.checkin'), (c) => {
    const { q } = parseWith(peopleQuerySchema, c.req.query(), { en: 'Invalid search.', de: 'Ungültige Suche.' });
    return c.json({ people: occupancy.findPeople(q) });
  });
  return routes;
}
