import { neighbourhoodInputSchema } from '../../contract/neighbourhoods.ts';
import { etag, expectedVersion, parseJson } from '../http/request.ts';
import { contractRouter } from '../http/contract-route.ts';
import { requireSession } from '../http/session-middleware.ts';
import {
  createNeighbourhood,
  deleteNeighbourhood,
  listNeighbourhoods,
  updateNeighbourhood,
  type NeighbourhoodDeps,
} from '../neighbourhoods/neighbourhoods.ts';

/** /api/v1/neighbourhoods: staff read; facility and admin keep zones and desks for PBX groups. */
export function neighbourhoodRoutes(deps: NeighbourhoodDeps) {
  const { router, serve } = contractRouter();
  serve('GET /neighbourhoods', async (c) => c.json(await listNeighbourhoods(deps)));
  serve('POST /neighbourhoods', async (c) => {
    const made = await createNeighbourhood(
      deps,
      requireSession(c).user.name,
      await parseJson(c, neighbourhoodInputSchema),
    );
    c.header('ETag', etag(made.version));
    return c.json(made, 201);
  });
  serve('PUT /neighbourhoods/:id', async (c) => {
    const version = expectedVersion(c);
    const input = await parseJson(c, neighbourhoodInputSchema);
    const updated = await updateNeighbourhood(deps, requireSession(c).user.name, c.req.param('id'), version, input);
    c.header('ETag', etag(updated.version));
    return c.json(updated);
  });
  serve('DELETE /neighbourhoods/:id', async (c) => {
    await deleteNeighbourhood(deps, requireSession(c).user.name, c.req.param('id'));
    return c.body(null, 204);
  });
  return router;
}
