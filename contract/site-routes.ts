import type { ApiRoute } from './api-route.ts';
import {
  desksWithoutLocationSchema,
  pbxLocationsResponseSchema,
  siteInputSchema,
  siteListResponseSchema,
  sitePatchSchema,
  siteSchema,
} from './sites.ts';

/** Sites (server/routes/sites.ts), for the OpenAPI document, the service's routes and the route tests. */
export const SITE_ROUTES = [
  { method: 'GET', path: '/sites', summary: 'Sites', access: 'staff.read', response: siteListResponseSchema },
  {
    method: 'GET',
    path: '/sites/pbx-locations',
    summary: 'The PBX locations a site can be served by',
    access: 'staff.read',
    response: pbxLocationsResponseSchema,
    errors: [503],
  },
  {
    method: 'GET',
    path: '/sites/desks-without-location',
    summary: 'Desks whose floor has no site with an address (no dispatchable location)',
    access: 'desks.edit',
    response: desksWithoutLocationSchema,
  },
  {
    method: 'POST',
    path: '/sites',
    summary: 'Create a site',
    access: 'desks.edit',
    body: siteInputSchema,
    response: siteSchema,
    status: 201,
    errors: [409],
    example: {
      name: 'Berlin HQ',
      address: 'Alexanderplatz 1, 10178 Berlin',
      pbxLocation: 'berlin',
      emergencyNumber: null,
    },
  },
  {
    method: 'GET',
    path: '/sites/:id',
    summary: 'One site (ETag: its version)',
    access: 'staff.read',
    response: siteSchema,
    errors: [404],
  },
  {
    method: 'PATCH',
    path: '/sites/:id',
    summary: 'Change a site',
    access: 'desks.edit',
    body: sitePatchSchema,
    response: siteSchema,
    ifMatch: true,
    errors: [404, 409],
  },
  {
    method: 'DELETE',
    path: '/sites/:id',
    summary: 'Delete a site (its floors stay, without a site)',
    access: 'desks.edit',
    response: null,
    status: 204,
    ifMatch: true,
    errors: [404, 409],
  },
] as const satisfies readonly ApiRoute[];
