import { Hono } from 'hono';
import { forceLogoutRequestSchema } from '../../contract/occupancy.ts';
import type { DeskOccupancyService } from '../checkin/desk-occupancy.ts';
import { parseJson } from '../http/request.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';

export function occupancyRoutes(occupancy: DeskOccupancyService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireAccess('staff.read'), async (c) => c.json(await occupancy.list()));
  routes.post('/logout', requireAccess('people.logout'), async (c) => {
    const { deskIds, evenDuringCall } = await parseJson(c, forceLogoutRequestSchema);
    return c.json(
      await occupancy.forceLogout(requireSession(c).user.name, deskIds, { evenDuringCall: evenDuringCall === true }),
    );
  });
  return routes;
}
