import type { ApiRoute } from './api-route.ts';
import { ANALYTICS_ROUTES } from './analytics-routes.ts';
import { BOOKING_ROUTES } from './booking-routes.ts';
import { CHECKIN_ROUTES } from './checkin-routes.ts';
import { DESK_ROUTES } from './desk-routes.ts';
import { EMERGENCY_ROUTES } from './emergency-routes.ts';
import { FLOOR_ROUTES } from './floor-routes.ts';
import { MAIL_ROUTES } from './mail-routes.ts';
import { NEIGHBOURHOOD_ROUTES } from './neighbourhood-routes.ts';
import { OCCUPANCY_ROUTES } from './occupancy-routes.ts';
import { SETTINGS_ROUTES } from './settings-routes.ts';
import { SITE_ROUTES } from './site-routes.ts';
import { SYSTEM_ROUTES } from './system-routes.ts';

export type { ApiRoute, RawContent, RouteAccess } from './api-route.ts';

/**
 * Every endpoint of the service, once: its method and path (under /api/v1), who may call it, what it takes and
 * what it answers, as the contract's own zod schemas, declared by domain beside the schemas. The service
 * registers its handlers by these entries (server/http/contract-route.ts), so a route's path and access are
 * stated here only; the OpenAPI document (GET /api/v1/openapi.json) and the role-matrix test read them too.
 */
export const API_ROUTES = [
  ...SYSTEM_ROUTES,
  ...DESK_ROUTES,
  ...SITE_ROUTES,
  ...FLOOR_ROUTES,
  ...OCCUPANCY_ROUTES,
  ...CHECKIN_ROUTES,
  ...SETTINGS_ROUTES,
  ...ANALYTICS_ROUTES,
  ...BOOKING_ROUTES,
  ...EMERGENCY_ROUTES,
  ...MAIL_ROUTES,
  ...NEIGHBOURHOOD_ROUTES,
] as const satisfies readonly ApiRoute[];

type KeyOf<Route> = Route extends { method: infer Method extends string; path: infer Path extends string }
  ? `${Method} ${Path}`
  : never;

/** A route as `"<METHOD> <path>"`, e.g. `"GET /desks/:id"`: how the service names the entry it serves. */
export type RouteKey = KeyOf<(typeof API_ROUTES)[number]>;
