import { Hono } from 'hono';
import { floorInputSchema, floorPatchSchema, layoutSaveRequestSchema } from '../../contract/desks.ts';
import type { Db } from '../db/db.ts';
import { HttpError } from '../http/http-error.ts';
import { etag, expectedVersion, parseJson } from '../http/request.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';
import {
  createFloor,
  deleteFloor,
  getFloor,
  getPlan,
  listAllZones,
  listFloors,
  listZones,
  putPlan,
  saveLayout,
  updateFloor,
  type FloorDeps,
} from '../floors/floor-service.ts';

export function floorRoutes(deps: FloorDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const actor = (c: Parameters<typeof requireSession>[0]) => requireSession(c).user.name;

  routes.get('/', requireAccess('staff.read'), async (c) => c.json({ floors: await listFloors(deps.db) }));

  routes.post('/', requireAccess('desks.edit'), async (c) => {
    const floor = await createFloor(deps, actor(c), await parseJson(c, floorInputSchema));
    c.header('ETag', etag(floor.version));
    return c.json(floor, 201);
  });

  routes.get('/:id', requireAccess('staff.read'), async (c) => {
    const floor = await getFloor(deps.db, c.req.param('id'));
    if (!floor)
      throw new HttpError(404, 'not_found', { en: 'This floor does not exist.', de: 'Diese Etage gibt es nicht.' });
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  routes.patch('/:id', requireAccess('desks.edit'), async (c) => {
    const version = expectedVersion(c);
    const floor = await updateFloor(deps, actor(c), c.req.param('id'), version, await parseJson(c, floorPatchSchema));
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  routes.delete('/:id', requireAccess('desks.edit'), async (c) => {
    await deleteFloor(deps, actor(c), c.req.param('id'), expectedVersion(c));
    return c.body(null, 204);
  });

  routes.put('/:id/plan', requireAccess('desks.edit'), async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const floor = await putPlan(deps, actor(c), c.req.param('id'), expectedVersion(c), bytes);
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  routes.get('/:id/plan', requireAccess('floors.plan'), async (c) => {
    const plan = await getPlan(deps.db, c.req.param('id'));
    if (!plan)
      throw new HttpError(404, 'not_found', {
        en: 'This floor has no plan yet.',
        de: 'Diese Etage hat noch keinen Plan.',
      });
    const tag = `"${plan.sha256}"`;
    c.header('ETag', tag);
    c.header('Cache-Control', 'private, no-cache');
    if (c.req.header('if-none-match') === tag) return c.body(null, 304);
    c.header('Content-Type', plan.mime);
    c.header('Content-Disposition', 'inline');
    return c.body(new Uint8Array(plan.bytes));
  });

  routes.get('/:id/zones', requireAccess('staff.read'), async (c) =>
    c.json({ zones: await listZones(deps.db, c.req.param('id')) }),
  );

  routes.post('/:id/layout', requireAccess('desks.edit'), async (c) => {
    const draft = await parseJson(c, layoutSaveRequestSchema);
    return c.json(await saveLayout(deps, actor(c), c.req.param('id'), draft));
  });

  return routes;
}

/** /api/v1/zones: every floor's zones (the board's and Insights' filters, the neighbourhoods). */
export function zoneRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireAccess('staff.read'), async (c) => c.json({ zones: await listAllZones(db) }));
  return routes;
}
