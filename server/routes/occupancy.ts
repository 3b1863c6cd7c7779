import { Hono } from 'hono';
import { forceLogoutRequestSchema } from '../../contract/occupancy.ts';
import { parseJson } from '../http/request.ts';
import { requireRole, requireSession, type AppEnv } from '../http/session-middleware.ts';
import { forceLogout, listOccupancy, type OccupancyDeps } from '../occupancy/occupancy-service.ts';

export function occupancyRoutes(deps: OccupancyDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireRole('admin', 'helpdesk', 'facility'), async (c) => c.json(await listOccupancy(deps)));
  routes.post('/logout', requireRole('admin', 'helpdesk'), async (c) => {
    const { deskIds } = await parseJson(c, forceLogoutRequestSchema);
    return c.json(await forceLogout(deps, requireSession(c).user.name, deskIds));
  });
  return routes;
}
