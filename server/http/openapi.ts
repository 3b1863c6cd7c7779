import { z, type ZodType } from 'zod';
import { ACCESS } from '../../contract/access.ts';
import { API_ROUTES, type ApiRoute, type RawContent, type RouteAccess } from '../../contract/api-routes.ts';
import { CSRF_HEADER, errorResponseSchema } from '../../contract/api.ts';
import { SESSION_COOKIE } from './session-middleware.ts';

/**
 * GET /api/v1/openapi.json: OpenAPI 3.1 generated from the route list (contract/api-routes.ts) and the contract's
 * zod schemas (JSON Schema 2020-12, OpenAPI 3.1's own dialect): one source of truth for what the service
 * validates and what it documents.
 */

type Json = Record<string, unknown>;

const isRaw = (content: ZodType | RawContent): content is RawContent => 'mediaType' in content;

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: `error.fields` names each field and what is wrong with it.',
  401: 'Not signed in (or the session ended).',
  403: 'Signed in without the role this needs, or the CSRF token is missing.',
  404: 'No such item.',
  409: 'A conflict: the item changed since it was read (`version_conflict`), or the state refuses it (a name taken, a desk occupied, on a call, frozen after an emergency call).',
  413: 'The body is too large.',
  415: 'The body is not of an accepted type (checked by content).',
  422: 'The file could not be read as what it claims to be.',
  428: 'If-Match is required: send the version read before, as `If-Match: "3"`.',
  429: 'Too many attempts: wait for `Retry-After` seconds.',
  503: 'The PBX cannot be reached right now; nothing was changed.',
};

/** Who may call, in words and as roles. */
function whoMayCall(access: RouteAccess): { text: string; roles: readonly string[] } {
  if (access === 'public') return { text: 'Anyone, without signing in.', roles: [] };
  if (access === 'session') return { text: 'Anyone signed in.', roles: ['user', ...ACCESS['staff.read']] };
  if (access === 'checkin') {
    return {
      text: 'PBX users (a session or a myApps bearer token) and check-in tokens.',
      roles: ACCESS['self.checkin'],
    };
  }
  return { text: `Roles: ${ACCESS[access].join(', ')}.`, roles: ACCESS[access] };
}

function parameters(route: ApiRoute): Json[] {
  const found: Json[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
  if (route.query) {
    const schema = jsonSchema(route.query, 'input');
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      found.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }
  if (route.ifMatch) {
    found.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'The version read before (the ETag), e.g. "3".',
      schema: { type: 'string' },
    });
  }
  return found;
}

function content(of: ZodType | RawContent, io: 'input' | 'output', example?: unknown): Json {
  if (isRaw(of))
    return { [of.mediaType]: { schema: { type: 'string', format: 'binary', description: of.description } } };
  return { 'application/json': { schema: jsonSchema(of, io), ...(example === undefined ? {} : { example }) } };
}

function operation(route: ApiRoute): Json {
  const who = whoMayCall(route.access);
  const status = route.status ?? 200;
  const failures = new Set<number>(route.errors ?? []);
  if (route.query || route.body || route.ifMatch || route.path.includes(':')) failures.add(400);
  if (route.access !== 'public') failures.add(401);
  if (route.access !== 'public' && route.access !== 'session') failures.add(403);
  if (route.method !== 'GET' && route.access !== 'public') failures.add(403);
  if (route.ifMatch) {
    failures.add(409);
    failures.add(428);
  }
  const responses: Json = {
    [status]: {
      description: route.response === null ? 'Done; no content.' : 'Done.',
      ...(route.response === null ? {} : { content: content(route.response, 'output') }),
    },
  };
  for (const failure of [...failures].sort()) {
    responses[failure] = {
      description: STATUS_TEXT[failure] ?? 'Failed.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
    summary: route.summary,
    description: who.text,
    'x-roles': who.roles,
    tags: [route.path.split('/')[1] ?? ''],
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: content(route.body, 'input', route.example) } } : {}),
    responses,
    security:
      route.access === 'public'
        ? []
        : route.access === 'checkin' || route.access === 'self.checkin' || route.access === 'events'
          ? [{ session: [], csrf: [] }, { bearer: [] }]
          : [{ session: [], csrf: [] }],
  };
}

export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of API_ROUTES) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hotdesk service',
      version,
      description:
        'Hot desking for innovaphone PBXs: desks, floors and sites, check-in, the occupancy board, settings and ' +
        'utilisation. Every request but GET needs the CSRF token of the session (from POST /session) in the ' +
        `${CSRF_HEADER} header; bearer tokens (myApps, check-in tokens) need none.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorResponseSchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /session.' },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The csrfToken of the session.' },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A check-in token (Settings → My desk; for logon scripts) or the myApps sign-in token.',
        },
      },
    },
  };
}
