import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ErrorResponse } from '../contract/api.ts';
import { serveApiDocs } from './http/api-docs.ts';
import { openApiDocument } from './http/openapi.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { SessionStore } from './auth/console-sessions.ts';
import type { Config } from './lib/config.ts';
import type { Db } from './db/db.ts';
import { errorField, log } from './lib/log.ts';
import { compressAnswers } from './http/compression.ts';
import { asHttpError, statusOf } from './http/error-mapping.ts';
import { HttpError } from './http/http-error.ts';
import { inLocale, pickLocale } from './lib/text.ts';
import { securityHeaders } from './http/security-headers.ts';
import { csrfProtection, loadSession, type AppEnv } from './http/session-middleware.ts';
import type { Pbx } from './pbx/pbx.ts';
import { DomainError } from './lib/domain-error.ts';
import type { EventBus } from './lib/events.ts';
import { PLAN_MAX_BYTES } from '../contract/plan-image.ts';
import { MAX_IMPORT_BYTES } from '../contract/desk-csv.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { deskRoutes } from './routes/desks.ts';
import { eventRoutes } from './routes/events.ts';
import { floorRoutes, zoneRoutes } from './routes/floors.ts';
import { auditRoutes } from './routes/audit.ts';
import { sessionRoutes } from './routes/session.ts';
import { siteRoutes } from './routes/sites.ts';
import { healthRoutes, type Lifecycle } from './routes/health.ts';
import { requestLog } from './http/request-log.ts';
import type { Metrics } from './metrics.ts';
import { occupancyRoutes, peopleRoutes } from './routes/occupancy.ts';
import { checkinRoutes } from './routes/checkin.ts';
import { bookingRoutes } from './routes/bookings.ts';
import { emergencyRoutes } from './routes/emergencies.ts';
import { mailRoutes } from './routes/mail.ts';
import { neighbourhoodRoutes } from './routes/neighbourhoods.ts';
import type { MailService } from './mail/mail-service.ts';
import type { DeskOccupancyService } from './occupancy/desk-occupancy.ts';
import type { SettingsStore } from './settings/settings-service.ts';
import { contractRouter } from './http/contract-route.ts';
import { msg } from '../i18n/message.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  pbx: Pbx;
  sessions: SessionStore;
  throttle: LoginThrottle;
  events: EventBus;
  settings: SettingsStore;
  occupancy: DeskOccupancyService;
  mail: MailService;
  /** The App object the service logs in as; its password also signs myApps logins. */
  pbxApp: { name: string; password: string };
  metrics: Metrics;
  lifecycle: Lifecycle;
  /** The service's own address (once it listens): what links point to without PUBLIC_URL. */
  ownUrl: () => string;
  now?: () => number;
}

/** Request bodies are small JSON, except floor plans (10 MB) and desk files (50 MB). */
function bodyLimitFor(path: string): number {
  if (path.endsWith('/plan')) return PLAN_MAX_BYTES + 1;
  if (path.endsWith('/desks/import')) return MAX_IMPORT_BYTES;
  return 64 * 1024;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, db, pbx, sessions, throttle, events, settings, occupancy, pbxApp } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    requestLog((method, status, seconds) => deps.metrics.request(method, status, seconds)),
  );
  // Shutting down: what still comes on an open connection is answered, and the connection closed after it.
  app.use('*', async (c, next) => {
    await next();
    if (deps.lifecycle.draining()) c.header('Connection', 'close');
  });
  app.use('*', securityHeaders(config.myAppsOrigins));
  app.use('*', compressAnswers());
  // Prometheus, on the service's port only with METRICS_TOKEN (else on METRICS_PORT, see service.ts).
  app.get('/metrics', async (c) => {
    const token = config.metrics.token;
    if (token === undefined || c.req.header('authorization') !== `Bearer ${token}`) return c.notFound();
    return c.text(await deps.metrics.text(), 200, { 'Content-Type': deps.metrics.registry.contentType });
  });
  app.onError((caught, c) => {
    const error =
      caught instanceof DomainError
        ? new HttpError(statusOf(caught), caught.code, caught.text, caught.fields, undefined, caught.extra)
        : asHttpError(caught);
    if (error instanceof HttpError) {
      const locale = pickLocale(c.req.header('accept-language'));
      const message = inLocale(error.text, locale);
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([field, text]) => [field, inLocale(text, locale)]))
        : undefined;
      const body: ErrorResponse & Record<string, unknown> = {
        error: { code: error.code, message, ...(fields ? { fields } : {}) },
        ...error.extra,
      };
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(body, error.status);
    }
    log.error({ error: errorField(error), reqId: c.get('requestId'), path: c.req.path }, 'request failed');
    const message = inLocale(msg('api.app.internal'), pickLocale(c.req.header('accept-language')));
    return c.json({ error: { code: 'internal', message } } satisfies ErrorResponse, 500);
  });

  const api = new Hono<AppEnv>();
  api.use('*', (c, next) =>
    bodyLimit({
      maxSize: bodyLimitFor(c.req.path),
      onError: () => {
        throw new HttpError(413, 'payload_too_large', msg('api.app.requestBodyTooLarge'));
      },
    })(c, next),
  );
  api.use('*', loadSession(sessions));
  api.use(
    '*',
    csrfProtection({
      publicHost: config.publicUrl === undefined ? undefined : new URL(config.publicUrl).host,
      trustProxy: config.trustProxy,
    }),
  );

  const apiDocument = openApiDocument('1.0');
  const docs = contractRouter();
  docs.serve('GET /openapi.json', (c) => c.json(apiDocument));
  api.route('/', docs.router);

  api.route('/', healthRoutes({ db, pbx, occupancy, lifecycle: deps.lifecycle, publicUrl: config.publicUrl }));

  api.route('/', sessionRoutes({ db, pbx, throttle, sessions, config, pbxApp, now }));
  api.route('/', auditRoutes({ db, pbx, settings }));

  api.route(
    '/',
    deskRoutes({
      db,
      pbx,
      events,
      occupancy,
      labelsAddress: () => ({ address: config.publicUrl ?? deps.ownUrl(), configured: config.publicUrl !== undefined }),
    }),
  );
  api.route('/', floorRoutes({ db, events }));
  api.route('/', siteRoutes({ db, events, pbx }));
  api.route('/', zoneRoutes(db));
  api.route('/', eventRoutes(events, sessions));
  api.route('/', occupancyRoutes(occupancy));
  api.route('/', emergencyRoutes({ db, pbx, events }));
  api.route('/', peopleRoutes(occupancy));
  api.route('/', analyticsRoutes({ db, settings }));
  api.route('/', checkinRoutes({ db, occupancy, settings }));
  api.route('/', mailRoutes(deps.mail));
  api.route('/', neighbourhoodRoutes({ db, events, pbx }));
  api.route('/', bookingRoutes({ db, events, pbx, settings, now, publicUrl: () => config.publicUrl ?? deps.ownUrl() }));

  api.all('*', () => {
    throw new HttpError(404, 'not_found', msg('api.app.thereSuchApiEndpoint'));
  });

  app.route('/api/v1', api);
  serveApiDocs(app);
  app.all('/api/*', () => {
    throw new HttpError(404, 'not_found', msg('api.app.thereSuchApiEndpoint'));
  });

  // The built console: hashed assets are immutable, every other path is the single-page app.
  if (!existsSync(config.staticDir)) {
    app.get('*', (c) => c.text('The console is not built. Run `npm run build` (npm start does this for you).', 503));
    return app;
  }
  // Source maps show the console's source: in production only when SOURCE_MAPS=true.
  app.use('/assets/*', async (c, next) =>
    c.req.path.endsWith('.map') && !config.serveSourceMaps ? c.notFound() : next(),
  );
  app.use(
    '/assets/*',
    serveStatic({
      root: config.staticDir,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root: config.staticDir, precompressed: true }));
  app.get('*', async (c) => {
    const html = await readFile(join(config.staticDir, 'index.html'), 'utf8');
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });

  return app;
}
