import { Hono, type Handler, type MiddlewareHandler } from 'hono';
import { API_ROUTES, type ApiRoute, type RouteKey } from '../../contract/api-routes.ts';
import { requireAccess, requireSession, type AppEnv } from './session-middleware.ts';

/** The path of a route key: `"GET /desks/:id"` → `"/desks/:id"` (so that a handler's `c.req.param('id')` is typed). */
type PathOf<Key extends string> = Key extends `${string} ${infer Path}` ? Path : never;

const byKey = new Map<string, ApiRoute>(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route]));

const anyone: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};

const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireSession(c);
  await next();
};

/**
 * Who gets through to a route's handler, from its contract entry: a permission of contract/access.ts (401 without a
 * session, 403 without the permission), a session (401), or anyone — public routes, and the check-in, which also
 * takes a personal token and decides in its handler.
 */
function guardOf(route: ApiRoute): MiddlewareHandler<AppEnv> {
  switch (route.access) {
    case 'public':
    case 'checkin':
      return anyone;
    case 'session':
      return signedIn;
    default:
      return requireAccess(route.access);
  }
}

/**
 * A router whose handlers are registered by the contract's route entries (contract/*-routes.ts):
 * `serve('GET /desks/:id', handler)` takes the entry's method and path and lets through only whom its `access`
 * names, so a route's path and access are stated in the contract alone. Mounted at /api/v1.
 */
export function contractRouter() {
  const router = new Hono<AppEnv>();
  const serve = <Key extends RouteKey>(key: Key, handler: Handler<AppEnv, PathOf<Key>>) => {
    const route = byKey.get(key);
    if (!route) throw new Error(`${key} is no route of the contract`);
    router.on(route.method, route.path as PathOf<Key>, guardOf(route), handler);
  };
  return { router, serve };
}
