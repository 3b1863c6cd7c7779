import { contractRouter } from '../http/contract-route.ts';
import { siteInputSchema, sitePatchSchema } from '../../contract/sites.ts';
import { HttpError } from '../http/http-error.ts';
import { etag, expectedVersion, parseJson } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import {
  createSite,
  deleteSite,
  desksWithoutLocation,
  getSite,
  listSites,
  pbxLocations,
  updateSite,
  type SiteDeps,
} from '../sites/site-service.ts';
import { msg } from '../../i18n/message.ts';

/** /api/v1/sites: staff read; facility and admin edit. */
export function siteRoutes(deps: SiteDeps) {
  const { router, serve } = contractRouter();
  const actor = (c: Parameters<typeof requireSession>[0]) => requireSession(c).user.name;

  serve('GET /sites', async (c) => c.json({ sites: await listSites(deps.db) }));
  serve('GET /sites/pbx-locations', async (c) => c.json({ locations: await pbxLocations(deps.pbx) }));
  serve('GET /sites/desks-without-location', async (c) => c.json(await desksWithoutLocation(deps.db)));
  serve('POST /sites', async (c) => {
    const site = await createSite(deps, actor(c), await parseJson(c, siteInputSchema));
    c.header('ETag', etag(site.version));
    return c.json(site, 201);
  });
  serve('GET /sites/:id', async (c) => {
    const site = await getSite(deps.db, c.req.param('id'));
    if (!site) throw new HttpError(404, 'not_found', msg('api.sites.siteDoesExist'));
    c.header('ETag', etag(site.version));
    return c.json(site);
  });
  serve('PATCH /sites/:id', async (c) => {
    const version = expectedVersion(c);
    const site = await updateSite(deps, actor(c), c.req.param('id'), version, await parseJson(c, sitePatchSchema));
    c.header('ETag', etag(site.version));
    return c.json(site);
  });
  serve('DELETE /sites/:id', async (c) => {
    await deleteSite(deps, actor(c), c.req.param('id'), expectedVersion(c));
    return c.body(null, 204);
  });
  return router;
}
