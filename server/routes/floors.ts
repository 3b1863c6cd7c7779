import { contractRouter } from '../http/contract-route.ts';
import { floorInputSchema, floorPatchSchema, layoutSaveRequestSchema } from '../../contract/floors.ts';
import type { Db } from '../db/db.ts';
import { HttpError } from '../http/http-error.ts';
import { etag, expectedVersion, parseJson } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
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
import { msg } from '../../i18n/message.ts';

export function floorRoutes(deps: FloorDeps) {
  const { router, serve } = contractRouter();
  const actor = (c: Parameters<typeof requireSession>[0]) => requireSession(c).user.name;

  serve('GET /floors', async (c) => c.json({ floors: await listFloors(deps.db) }));

  serve('POST /floors', async (c) => {
    const floor = await createFloor(deps, actor(c), await parseJson(c, floorInputSchema));
    c.header('ETag', etag(floor.version));
    return c.json(floor, 201);
  });

  serve('GET /floors/:id', async (c) => {
    const floor = await getFloor(deps.db, c.req.param('id'));
    if (!floor) throw new HttpError(404, 'not_found', msg('api.floors.floorDoesExist'));
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  serve('PATCH /floors/:id', async (c) => {
    const version = expectedVersion(c);
    const floor = await updateFloor(deps, actor(c), c.req.param('id'), version, await parseJson(c, floorPatchSchema));
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  serve('DELETE /floors/:id', async (c) => {
    await deleteFloor(deps, actor(c), c.req.param('id'), expectedVersion(c));
    return c.body(null, 204);
  });

  serve('PUT /floors/:id/plan', async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const floor = await putPlan(deps, actor(c), c.req.param('id'), expectedVersion(c), bytes);
    c.header('ETag', etag(floor.version));
    return c.json(floor);
  });

  serve('GET /floors/:id/plan', async (c) => {
    const plan = await getPlan(deps.db, c.req.param('id'));
    if (!plan) throw new HttpError(404, 'not_found', msg('api.floors.floorPlanYet'));
    const tag = `"${plan.sha256}"`;
    c.header('ETag', tag);
    c.header('Cache-Control', 'private, no-cache');
    if (c.req.header('if-none-match') === tag) return c.body(null, 304);
    c.header('Content-Type', plan.mime);
    c.header('Content-Disposition', 'inline');
    return c.body(new Uint8Array(plan.bytes));
  });

  serve('GET /floors/:id/zones', async (c) => c.json({ zones: await listZones(deps.db, c.req.param('id')) }));

  serve('POST /floors/:id/layout', async (c) => {
    const draft = await parseJson(c, layoutSaveRequestSchema);
    return c.json(await saveLayout(deps, actor(c), c.req.param('id'), draft));
  });

  return router;
}

/** /api/v1/zones: every floor's zones (the board's and Insights' filters, the neighbourhoods). */
export function zoneRoutes(db: Db) {
  const { router, serve } = contractRouter();
  serve('GET /zones', async (c) => c.json({ zones: await listAllZones(db) }));
  return router;
}
