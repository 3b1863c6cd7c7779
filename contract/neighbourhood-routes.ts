import type { ApiRoute } from './api-route.ts';
import { neighbourhoodInputSchema, neighbourhoodListSchema, neighbourhoodSchema } from './neighbourhoods.ts';

/** Neighbourhoods' endpoints (server/routes/neighbourhoods.ts), for the OpenAPI document and the route tests. */
export const NEIGHBOURHOOD_ROUTES = [
  {
    method: 'GET',
    path: '/neighbourhoods',
    summary: 'The neighbourhoods (zones and desks kept for a PBX group), and the PBX groups to choose from',
    access: 'staff.read',
    response: neighbourhoodListSchema,
  },
  {
    method: 'POST',
    path: '/neighbourhoods',
    summary:
      'Keep zones or desks for the members of a PBX group: only they book and check in there, others from othersFrom on that day (null: never)',
    access: 'desks.edit',
    body: neighbourhoodInputSchema,
    response: neighbourhoodSchema,
    status: 201,
    errors: [409],
    example: { name: 'Sales', pbxGroup: 'sales', othersFrom: '10:00', zoneIds: [], deskIds: [] },
  },
  {
    method: 'PUT',
    path: '/neighbourhoods/:id',
    summary: 'Change a neighbourhood (all its fields and places)',
    access: 'desks.edit',
    body: neighbourhoodInputSchema,
    response: neighbourhoodSchema,
    ifMatch: true,
    errors: [404, 409],
  },
  {
    method: 'DELETE',
    path: '/neighbourhoods/:id',
    summary: 'Remove a neighbourhood: its desks are everyone’s again',
    access: 'desks.edit',
    response: null,
    status: 204,
    errors: [404],
  },
] as const satisfies readonly ApiRoute[];
