import type { ApiRoute } from './api-route.ts';
import {
  historyQuerySchema,
  historyResponseSchema,
  utilisationQuerySchema,
  utilisationResponseSchema,
} from './analytics.ts';

/** Insights (server/routes/analytics.ts), for the OpenAPI document, the service's routes and the route tests. */
export const ANALYTICS_ROUTES = [
  {
    method: 'GET',
    path: '/analytics/utilisation',
    summary: 'Utilisation per site, floor, zone or desk and local hour, day or week',
    access: 'analytics',
    query: utilisationQuerySchema,
    response: utilisationResponseSchema,
  },
  {
    method: 'GET',
    path: '/analytics/utilisation.csv',
    summary: 'The same as CSV (aggregates only)',
    access: 'analytics',
    query: utilisationQuerySchema,
    response: {
      mediaType: 'text/csv',
      description: 'group,start,end,desks,occupied_hours,peak_occupied,utilisation_percent,suppressed',
    },
  },
  {
    method: 'GET',
    path: '/analytics/history',
    summary: "One person's check-in sessions (audited; not in aggregate-only mode)",
    access: 'admin',
    query: historyQuerySchema,
    response: historyResponseSchema,
    errors: [409],
  },
] as const satisfies readonly ApiRoute[];
