import { http, HttpResponse } from 'msw';
import type { DesksWithoutLocation, Site } from '../../contract/sites.ts';
import { siteInputSchema, sitePatchSchema } from '../../contract/sites.ts';
import type { MockDeskState } from './desks.ts';
import { atVersion, fail, json, newId, parseBody, publish, recordAudit, said } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** The PBX locations of the mock (GetNodes of the demo company's two PBXs). */
export const MOCK_PBX_LOCATIONS = ['berlin', 'munich'];

/** Sites, the PBX's locations and the report of desks without a dispatchable location, over the mock's tables. */
export function siteHandlers(state: MockApiState, tables: MockDeskState, baseUrl = '') {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const problem = (
    values: { name?: string | undefined; pbxLocation?: string | null | undefined },
    exceptId: string | null,
  ) => {
    const { name, pbxLocation } = values;
    if (pbxLocation && !MOCK_PBX_LOCATIONS.includes(pbxLocation)) {
      const message = said('api.siteService.pbxLocation', { location: pbxLocation });
      return fail(400, 'bad_request', message, { fields: { pbxLocation: message } });
    }
    const same = tables.sites.find(
      (site) => site.id !== exceptId && name !== undefined && site.name.toLowerCase() === name.toLowerCase(),
    );
    if (same) {
      const message = said('api.siteService.thereAlreadySite', { name: same.name });
      return fail(409, 'site_name_taken', message, { fields: { name: message } });
    }
    return null;
  };

  return [
    http.get(api('/sites'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? HttpResponse.json({ sites: [...tables.sites].sort((a, b) => a.name.localeCompare(b.name)) });
    }),

    http.get(api('/sites/pbx-locations'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? HttpResponse.json({ locations: MOCK_PBX_LOCATIONS });
    }),

    http.get(api('/sites/desks-without-location'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const desks = tables.desks.flatMap((desk): DesksWithoutLocation['desks'] => {
        const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
        const site = tables.sites.find((candidate) => candidate.id === floor?.siteId);
        const reason = !floor
          ? 'no_floor'
          : !site
            ? 'floor_without_site'
            : site.address === ''
              ? 'site_without_address'
              : null;
        return reason ? [{ id: desk.id, name: desk.name, floor: floor?.name ?? null, reason }] : [];
      });
      return HttpResponse.json({
        desks: desks.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
      });
    }),

    http.post(api('/sites'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const input = await parseBody(request, siteInputSchema);
      if (input instanceof Response) return input;
      const wrong = problem(input, null);
      if (wrong) return wrong;
      const site: Site = { id: newId(), ...input, version: 1 };
      tables.sites.push(site);
      recordAudit(state, session.user.name, 'site.create', 'ok', { after: site }, site.name);
      publish(state, { type: 'sites', ids: [site.id] });
      return json(site, site.version, 201);
    }),

    http.get(api('/sites/:id'), ({ request, params, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      if (refused) return refused;
      const site = tables.sites.find((candidate) => candidate.id === params.id);
      return site ? json(site, site.version) : fail(404, 'not_found', said('api.sites.siteDoesExist'));
    }),

    http.patch(api('/sites/:id'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const site = atVersion(request, tables.sites, params.id, 'site');
      if (site instanceof Response) return site;
      const patch = await parseBody(request, sitePatchSchema);
      if (patch instanceof Response) return patch;
      const wrong = problem(patch, site.id);
      if (wrong) return wrong;
      const before = { ...site };
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      Object.assign(site, changes, { version: site.version + 1 });
      recordAudit(state, session.user.name, 'site.update', 'ok', { before, after: site }, site.name);
      publish(state, { type: 'sites', ids: [site.id] });
      return json(site, site.version);
    }),

    http.delete(api('/sites/:id'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const site = atVersion(request, tables.sites, params.id, 'site');
      if (site instanceof Response) return site;
      tables.sites = tables.sites.filter((candidate) => candidate !== site);
      for (const floor of tables.floors) {
        if (floor.siteId === site.id) Object.assign(floor, { siteId: null, version: floor.version + 1 });
      }
      recordAudit(state, session.user.name, 'site.delete', 'ok', { before: site }, site.name);
      publish(state, { type: 'sites', ids: [site.id] }, { type: 'floors', ids: [] });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
