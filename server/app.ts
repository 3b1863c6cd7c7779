import { allows } from '../contract/access.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  auditQuerySchema,
  withNames,
  type AuditListResponse,
  myAppsSignInRequestSchema,
  signInRequestSchema,
  type ErrorResponse,
  type MyAppsChallengeResponse,
  type MyAppsSessionResponse,
  type SessionResponse,
} from '../contract/api.ts';
import { foldForSearch } from '../contract/search.ts';
import { listAudit, recordAudit } from './audit.ts';
import { serveApiDocs } from './http/api-docs.ts';
import { openApiDocument } from './http/openapi.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { SessionStore } from './auth/session-store.ts';
import { issueMyAppsChallenge, myAppsSignIn } from './auth/myapps-sign-in.ts';
import { signIn, type SignInOutcome } from './auth/sign-in.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { errorField, log } from './log.ts';
import { compressAnswers } from './http/compression.ts';
import { asHttpError, statusOf } from './http/error-mapping.ts';
import { HttpError } from './http/http-error.ts';
import { inLocale, pickLocale } from './http/text.ts';
import { parseJson, parseWith } from './http/request.ts';
import { securityHeaders } from './http/security-headers.ts';
import {
  clearSessionCookie,
  csrfProtection,
  forwarded,
  loadSession,
  requireAccess,
  requireSession,
  setSessionCookie,
  type AppEnv,
} from './http/session-middleware.ts';
import type { Pbx } from './pbx/pbx.ts';
import { DomainError } from './domain-error.ts';
import type { EventBus } from './events.ts';
import { listAllZones } from './floors/floor-service.ts';
import { PLAN_MAX_BYTES } from '../contract/image-sniff.ts';
import { MAX_IMPORT_BYTES } from '../contract/desk-csv.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { deskRoutes } from './routes/desks.ts';
import { eventRoutes } from './routes/events.ts';
import { floorRoutes } from './routes/floors.ts';
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
import type { DeskOccupancyService } from './checkin/desk-occupancy.ts';
import type { SettingsStore } from './settings/settings-service.ts';

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

/** The client's address: the socket's, or behind `trustProxy` proxies what the nearest of them saw. */
function clientAddress(c: Context, trustProxy: number): string {
  const proxied = forwarded(c, 'x-forwarded-for', trustProxy);
  if (proxied !== null) return proxied;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
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
        ? new HttpError(
            statusOf(caught),
            caught.code,
            caught.text ?? caught.message,
            caught.fields,
            undefined,
            caught.extra,
          )
        : asHttpError(caught);
    if (error instanceof HttpError) {
      const locale = pickLocale(c.req.header('accept-language'));
      const message = inLocale(error.text ?? error.message, locale);
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
    return c.json(
      { error: { code: 'internal', message: 'Something went wrong on the server.' } } satisfies ErrorResponse,
      500,
    );
  });

  const api = new Hono<AppEnv>();
  api.use('*', (c, next) =>
    bodyLimit({
      maxSize: bodyLimitFor(c.req.path),
      onError: () => {
        throw new HttpError(413, 'payload_too_large', {
          en: 'The request body is too large.',
          de: 'Der Inhalt der Anfrage ist zu groß.',
        });
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
  api.get('/openapi.json', (c) => c.json(apiDocument));

  api.route('/', healthRoutes({ db, pbx, occupancy, lifecycle: deps.lifecycle, publicUrl: config.publicUrl }));

  /** A sign-in's outcome as HTTP: the new session (a cookie, or with `bearer` a token in the body). */
  const startSession = async (c: Context<AppEnv>, outcome: SignInOutcome, bearer: boolean) => {
    switch (outcome.kind) {
      case 'throttled': {
        const seconds = Math.ceil(outcome.retryAfterMs / 1000);
        const minutes = Math.ceil(seconds / 60);
        const wait =
          seconds < 60
            ? {
                en: `${seconds} second${seconds === 1 ? '' : 's'}`,
                de: `${seconds} Sekunde${seconds === 1 ? '' : 'n'}`,
              }
            : {
                en: `${minutes} minute${minutes === 1 ? '' : 's'}`,
                de: `${minutes} Minute${minutes === 1 ? '' : 'n'}`,
              };
        throw new HttpError(
          429,
          'too_many_attempts',
          {
            en: `Too many failed sign-in attempts. Try again in ${wait.en}.`,
            de: `Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in ${wait.de} erneut.`,
          },
          undefined,
          { 'Retry-After': String(seconds) },
        );
      }
      case 'wrong':
        throw bearer
          ? new HttpError(401, 'invalid_credentials', {
              en: 'myApps could not prove who you are. Open Hotdesk from myApps again.',
              de: 'myApps konnte nicht bestätigen, wer Sie sind. Öffnen Sie Hotdesk erneut aus myApps.',
            })
          : new HttpError(401, 'invalid_credentials', {
              en: 'The user name or password is not correct.',
              de: 'Benutzername oder Passwort ist nicht korrekt.',
            });
      case 'pbx_unavailable':
        throw new HttpError(503, 'pbx_unavailable', outcome.message);
      case 'ok': {
        const previous = c.get('sessionToken');
        if (previous !== null) await sessions.delete(previous);
        const { token, session } = await sessions.create(outcome.user, bearer);
        if (bearer) {
          const body: MyAppsSessionResponse = { user: session.user, csrfToken: session.csrfToken, token };
          return c.json(body);
        }
        setSessionCookie(c, token, config.trustProxy, config.session.absoluteMs / 1000);
        const body: SessionResponse = { user: session.user, csrfToken: session.csrfToken };
        return c.json(body);
      }
    }
  };

  api.post('/session', async (c) => {
    const request = await parseJson(c, signInRequestSchema);
    const outcome = await signIn(
      { db, pbx, throttle, roleGroups: config.roleGroups },
      request,
      clientAddress(c, config.trustProxy),
    );
    return startSession(c, outcome, false);
  });

  api.post('/session/myapps/challenge', async (c) => {
    const challenge = await issueMyAppsChallenge(db, now, clientAddress(c, config.trustProxy));
    if (challenge === null)
      throw new HttpError(
        429,
        'too_many_attempts',
        {
          en: 'Too many sign-in challenges from this address. Try again in a minute.',
          de: 'Zu viele Anmelde-Challenges von dieser Adresse. Versuchen Sie es in einer Minute erneut.',
        },
        undefined,
        { 'Retry-After': '60' },
      );
    const body: MyAppsChallengeResponse = { challenge, app: pbxApp.name };
    return c.json(body);
  });

  api.post('/session/myapps', async (c) => {
    const request = await parseJson(c, myAppsSignInRequestSchema);
    const outcome = await myAppsSignIn(
      { db, pbx, throttle, roleGroups: config.roleGroups, app: pbxApp, now },
      request,
      clientAddress(c, config.trustProxy),
    );
    return startSession(c, outcome, true);
  });

  api.get('/session', (c) => {
    const session = requireSession(c);
    const body: SessionResponse = { user: session.user, csrfToken: session.csrfToken };
    return c.json(body);
  });

  api.delete('/session', async (c) => {
    const session = requireSession(c);
    const token = c.get('sessionToken');
    if (token !== null) await sessions.delete(token);
    clearSessionCookie(c);
    await recordAudit(db, { actor: session.user.name, action: 'session.sign_out', result: 'ok' });
    return c.body(null, 204);
  });

  api.get('/audit', requireAccess('audit.read'), async (c) => {
    const query = parseWith(auditQuerySchema, c.req.query(), {
      en: 'Invalid paging or filter parameters.',
      de: 'Ungültige Blätter- oder Filterparameter.',
    });
    // "Who" matches the user name in the log and the display name it is shown with (the PBX's, now).
    const wanted = query.actor === undefined ? null : foldForSearch(query.actor);
    const alsoActors =
      wanted === null
        ? []
        : pbx
            .listUsers()
            .filter((user) => foldForSearch(user.displayName).includes(wanted))
            .slice(0, 500)
            .map((user) => user.name);
    const scope = allows(requireSession(c).user.roles, 'admin') ? 'all' : 'helpdesk';
    const page = await listAudit(db, { ...query, alsoActors }, (await settings.get()).privacy.aggregateOnly, scope);
    // People by the names the PBX knows them by now; system actors (pbx, service, admin-local) keep theirs.
    const names = new Map(pbx.listUsers().map((user) => [user.name.toLowerCase(), user.displayName]));
    const body: AuditListResponse = {
      events: page.events.map((event) => withNames(event, (user) => names.get(user.toLowerCase()) ?? null)),
      nextCursor: page.nextCursor,
    };
    return c.json(body);
  });

  api.route(
    '/desks',
    deskRoutes({
      db,
      pbx,
      events,
      occupancy,
      labelsAddress: () => ({ address: config.publicUrl ?? deps.ownUrl(), configured: config.publicUrl !== undefined }),
    }),
  );
  api.route('/floors', floorRoutes({ db, events }));
  api.route('/sites', siteRoutes({ db, events, pbx }));
  api.get('/zones', requireAccess('staff.read'), async (c) => c.json({ zones: await listAllZones(db) }));
  api.route('/events', eventRoutes(events, sessions));
  api.route('/occupancy', occupancyRoutes(occupancy));
  api.route('/emergencies', emergencyRoutes({ db, pbx, events }));
  api.route('/people', peopleRoutes(occupancy));
  api.route('/analytics', analyticsRoutes({ db, settings }));
  api.route('/', checkinRoutes({ db, occupancy, settings }));
  api.route('/', mailRoutes(deps.mail));
  api.route('/neighbourhoods', neighbourhoodRoutes({ db, events, pbx }));
  api.route('/', bookingRoutes({ db, events, pbx, settings, now, publicUrl: () => config.publicUrl ?? deps.ownUrl() }));

  api.all('*', () => {
    throw new HttpError(404, 'not_found', {
      en: 'There is no such API endpoint.',
      de: 'Diesen API-Endpunkt gibt es nicht.',
    });
  });

  app.route('/api/v1', api);
  serveApiDocs(app);
  app.all('/api/*', () => {
    throw new HttpError(404, 'not_found', {
      en: 'There is no such API endpoint.',
      de: 'Diesen API-Endpunkt gibt es nicht.',
    });
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
