import { serve, type ServerType } from '@hono/node-server';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { keepHistory } from './analytics/utilisation.ts';
import type { PbxSimulator } from '../mocks/pbx/simulator.ts';
import type { DemoPbx } from './demo-pbx.ts';
import { createApp } from './app.ts';
import {
  DbFailureLog,
  defaultThrottleLimits,
  LoginThrottle,
  MemoryFailureLog,
  type ThrottleLimits,
} from './auth/login-throttle.ts';
import { SessionStore } from './auth/session-store.ts';
import { LOCAL_ADMIN, rolesFor, syncLocalAdmin } from './auth/sign-in.ts';
import { ConfigError, type Config } from './config.ts';
import { databaseAnswers, openPglite, openPostgres, type Db } from './db/db.ts';
import { AdvisoryMutex } from './db/advisory-mutex.ts';
import { claimDataDir } from './db/data-dir-lock.ts';
import { Leadership } from './db/leadership.ts';
import { relayEvents } from './db/event-relay.ts';
import { migrate } from './db/migrate.ts';
import { errorField, log } from './log.ts';
import { Metrics } from './metrics.ts';
import { InnovaphonePbx } from './pbx/innovaphone.ts';
import { DbMoveJournal } from './pbx/move-journal.ts';
import { EventBus } from './events.ts';
import { DeskOccupancyService } from './checkin/desk-occupancy.ts';
import { SettingsStore } from './settings/settings-service.ts';
import { VERSION } from './version.ts';

export interface ServiceOptions {
  /** Tests: an in-memory PGlite instead of DATA_DIR. */
  inMemoryDb?: boolean;
  /** Tests: a schema of its own on DATABASE_URL. */
  searchPath?: string;
  throttleLimits?: ThrottleLimits;
  /** Tests: a simulator the test controls; otherwise one is started when PBX_URL is unset. */
  simulator?: PbxSimulator;
  now?: () => number;
  pbxReconnectMs?: { initial: number; max: number };
  autoLogoutIntervalMs?: number;
  /** How long requests under way may take to finish at shutdown (default 10 s). */
  drainMs?: number;
  /** A leader without its PBX this long hands the work to another instance (default 5 s). */
  leaderStepDownMs?: number;
  /** How long the database may take to answer at start (default 30 s). */
  databaseWaitMs?: number;
  /** Something this instance cannot continue after (its PGlite folder taken over): default, log and exit 1. */
  onFatal?: (message: string) => void;
}

export interface RunningService {
  url: string;
  port: number;
  db: Db;
  pbx: InnovaphonePbx;
  occupancy: DeskOccupancyService;
  simulator: PbxSimulator | null;
  metrics: Metrics;
  /** Whether this instance does the background work (always, alone; one of several on PostgreSQL). */
  leads(): boolean;
  /** Every API endpoint the service answers (method and path pattern), e.g. for the role matrix. */
  endpoints: { method: string; path: string }[];
  /**
   * The graceful stop (SIGTERM): not ready at once, no new connections, requests under way finish (at most
   * `drainMs`), every event stream ends asking its console to reconnect elsewhere, the background work is handed
   * back, then the PBX, the database and the data folder are let go, in that order.
   */
  close(): Promise<void>;
}

const fatalExit = (message: string) => {
  log.fatal(message);
  process.exit(1);
};

/** The database, and what gives it up at shutdown (PGlite's lease on DATA_DIR). */
async function openDb(config: Config, options: ServiceOptions): Promise<{ db: Db; release: () => Promise<void> }> {
  const nothing = () => Promise.resolve();
  if (config.databaseUrl !== undefined) {
    const db = openPostgres(config.databaseUrl, options.searchPath);
    await waitForDatabase(db, config.databaseUrl, options.databaseWaitMs ?? 30_000);
    return { db, release: nothing };
  }
  if (options.inMemoryDb) return { db: await openPglite(undefined), release: nothing };
  await mkdir(config.dataDir, { recursive: true });
  const onFatal = options.onFatal ?? fatalExit;
  const release = await claimDataDir(config.dataDir, {
    onLost: (holder) =>
      onFatal(
        `Another Hotdesk service (${holder}) took over ${config.dataDir}: this one stops so that only one writes to the embedded database.`,
      ),
  });
  try {
    return { db: await openPglite(join(config.dataDir, 'pglite')), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** PostgreSQL may still be starting (a container started with it): tried for a while, then one clear line. */
async function waitForDatabase(db: Db, databaseUrl: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await db.query('SELECT 1');
      return;
    } catch (error) {
      const { hostname, port } = new URL(databaseUrl);
      const where = `${hostname}:${port || '5432'}`;
      const reason = errorField(error);
      if (Date.now() > deadline) {
        await db.close().catch(() => undefined);
        throw new ConfigError(
          `Cannot reach PostgreSQL at ${where} (DATABASE_URL): ${reason.code === 'ENOTFOUND' ? `the host name ${hostname} does not resolve` : reason.message}.`,
        );
      }
      log.warn({ err: reason, where }, 'waiting for PostgreSQL');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Listens, or says in one line why it cannot (a port in use). */
function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  config: Config,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`PORT ${config.port} is in use by another program on ${config.host}: stop it, or set PORT.`)
          : error.code === 'EACCES'
            ? new ConfigError(`PORT ${config.port} needs privileges this process lacks: use a port above 1023.`)
            : error,
      ),
    );
  });
}

/** A port in use is said before the database and the PBX are opened, not after (port 0 picks a free one). */
async function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = await listen({ fetch: () => new Response(null, { status: 503 }) }, config);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Opens the database, migrates it, connects the PBX (starting the simulator if needed) and listens. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  await assertPortFree(config);
  const { db, release } = await openDb(config, options);
  try {
    const { applied, previous } = await migrate(db);
    if (applied.length > 0) log.info({ applied, previous }, 'database migrated');
  } catch (error) {
    await db.close();
    await release();
    throw error;
  }
  await syncLocalAdmin(db, config.localAdminPassword);

  // The simulator's code is loaded only without a PBX.
  let demo: DemoPbx | null = null;
  let pbxTarget: { url: string; slaveUrls: string[]; app: string; password: string };
  if (config.pbx === undefined) {
    const { startDemoPbx } = await import('./demo-pbx.ts');
    demo = await startDemoPbx(db, config, options.simulator ?? null, options.inMemoryDb === true);
    pbxTarget = demo.target;
  } else pbxTarget = config.pbx;
  const ownSimulator = demo?.own ?? null;
  const simulator = demo?.simulator ?? options.simulator ?? null;
  const pbx = new InnovaphonePbx({
    ...pbxTarget,
    journal: new DbMoveJournal(db, config.databaseUrl !== undefined),
    ...(options.pbxReconnectMs
      ? { reconnectInitialMs: options.pbxReconnectMs.initial, reconnectMaxMs: options.pbxReconnectMs.max }
      : {}),
  });
  const stopPbxLog = logPbxStatus(pbx);
  pbx.start();

  const sessions = new SessionStore(db, config.session, options.now);
  // Roles come from PBX groups: when they change there (or the user goes), the person's sessions end.
  const stopRoleWatch = pbx.onChange((change) => {
    if (change.kind === 'registrations' || change.kind === 'calls' || change.previous === null) return;
    const before = rolesFor(change.previous, config.roleGroups);
    const after = change.kind === 'user' ? rolesFor(change.user, config.roleGroups) : [];
    if (before.join() === after.join()) return;
    void sessions
      .endWhereRolesDiffer(change.previous.name, after)
      .catch((error: unknown) => log.error({ error: errorField(error) }, 'ending sessions after a role change failed'));
  });
  // What changed on the PBX while the service was down (a role taken away, a person deleted) counts too: once
  // the user table is in, every console session is looked at again.
  let reviewed = false;
  const review = () => {
    if (reviewed || !pbx.status().replicaLoaded) return;
    reviewed = true;
    const byName = new Map(pbx.listUsers().map((user) => [user.name.toLowerCase(), user]));
    void sessions
      .review((name) => {
        const user = byName.get(name.toLowerCase());
        return user ? rolesFor(user, config.roleGroups) : null;
      }, LOCAL_ADMIN)
      .then(
        (ended) =>
          ended > 0 && log.info({ ended }, 'sessions ended: their people or roles changed on the PBX meanwhile'),
        (error: unknown) => log.error({ error: errorField(error) }, 'reviewing sessions against the PBX failed'),
      );
  };
  const stopReview = pbx.onStatusChange(review);
  const limits = options.throttleLimits ?? defaultThrottleLimits;
  // On PostgreSQL every instance counts the same failed sign-ins.
  const throttle = new LoginThrottle(
    limits,
    options.now,
    config.databaseUrl === undefined ? new MemoryFailureLog() : new DbFailureLog(db, limits.windowMs),
  );
  const events = new EventBus();
  const stopRelay =
    config.databaseUrl === undefined
      ? () => Promise.resolve()
      : await relayEvents(events, db, { connectionString: config.databaseUrl, searchPath: options.searchPath });
  const settings = new SettingsStore(db, events);
  // Several instances on one PostgreSQL: locks across them, and one of them doing the background work, only one
  // whose PBX connection works.
  const namespace = options.searchPath ?? 'public';
  const locks = config.databaseUrl === undefined ? null : new AdvisoryMutex(config.databaseUrl, namespace);
  const leadership =
    config.databaseUrl === undefined
      ? null
      : new Leadership(
          config.databaseUrl,
          namespace,
          (leading) => {
            if (leading) occupancy.lead();
          },
          {
            eligible: () => pbx.status().state === 'connected',
            ...(options.leaderStepDownMs === undefined ? {} : { stepDownAfterMs: options.leaderStepDownMs }),
          },
        );
  const leads = () => leadership?.isLeader ?? true;
  // Once its PBX works, an instance competes at once rather than at its next look.
  const stopLeaderPoke = pbx.onStatusChange((status) => {
    if (status.state === 'connected') leadership?.poke();
  });
  const metrics = new Metrics({
    pbx,
    leads,
    streams: () => events.streamCount,
    pool: () => db.poolStats?.() ?? null,
    version: VERSION,
  });
  const occupancy = new DeskOccupancyService(db, pbx, events, settings, {
    ...(options.now ? { now: options.now } : {}),
    ...(locks ? { locks } : {}),
    leads,
    onCheckin: (method, outcome, seconds) => metrics.checkin(method, outcome, seconds),
  });
  occupancy.watch();
  await leadership?.start();
  // The leader's rounds: the automatic logout, and the moves another instance left open when it died.
  const autoLogout = setInterval(() => {
    void occupancy
      .runAutoLogout()
      .catch((error: unknown) => log.error({ error: errorField(error) }, 'automatic logout failed'));
    if (leads())
      void pbx
        .repairAbandonedMoves()
        .catch((error: unknown) => log.error({ error: errorField(error) }, 'repairing abandoned moves failed'));
  }, options.autoLogoutIntervalMs ?? 30_000);
  autoLogout.unref();
  let draining = false;
  const app = createApp({
    config,
    db,
    pbx,
    sessions,
    throttle,
    events,
    settings,
    occupancy,
    metrics,
    lifecycle: {
      draining: () => draining,
      leads,
      ready: async () => {
        const reasons: string[] = [];
        if (draining) reasons.push('shutting down');
        if (!(await databaseAnswers(db))) reasons.push('the database does not answer');
        if (pbx.status().state !== 'connected') reasons.push(`the PBX is ${pbx.status().state}`);
        return reasons;
      },
    },
    pbxApp: { name: pbxTarget.app, password: pbxTarget.password },
    ...(options.now ? { now: options.now } : {}),
  });
  // Expired console sessions every quarter of an hour; every hour, the ended days are rolled up and check-in
  // history past its retention deleted.
  // One run at a time; shutdown waits for the one under way.
  let historyCare: Promise<void> = Promise.resolve();
  const purgeHistoryNow = () => {
    if (!leads()) return;
    historyCare = historyCare
      .then(() => settings.get())
      .then((current) => keepHistory(db, current.autoLogout.timeZone, current.privacy.retentionDays))
      .then(
        () => undefined,
        (error: unknown) => log.error({ error: errorField(error) }, 'rolling up or deleting check-in history failed'),
      );
  };
  purgeHistoryNow();
  let quarters = 0;
  const purge = setInterval(() => {
    void sessions.purgeExpired().catch(() => undefined);
    quarters += 1;
    if (quarters % 4 === 0) purgeHistoryNow();
  }, 15 * 60_000);
  purge.unref();

  let server: ServerType;
  try {
    server = await listen(app, config);
  } catch (error) {
    clearInterval(purge);
    clearInterval(autoLogout);
    occupancy.stop();
    stopRoleWatch();
    stopPbxLog();
    await pbx.stop();
    await ownSimulator?.stop();
    await leadership?.stop();
    await stopRelay();
    await locks?.close();
    await db.close();
    await release();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  // Prometheus on a port of its own, no token (bind it where only the scraper reaches: METRICS_HOST).
  const metricsServer =
    config.metrics.port === undefined
      ? null
      : await listen(
          {
            fetch: async () =>
              new Response(await metrics.text(), { headers: { 'Content-Type': metrics.registry.contentType } }),
          },
          { ...config, port: config.metrics.port, host: config.metrics.host },
        );
  const displayHost = ['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host;
  // The demo App object opens the console where myApps would: its URL as configured.
  demo?.setAppUrl(`http://${displayHost}:${port}/myapps`);
  log.info({ version: VERSION, port, database: db.kind, pbx: pbxTarget.url }, 'listening');

  let closing: Promise<void> | null = null;
  const close = async () => {
    draining = true;
    // No new connections; idle keep-alive connections go now, the others when their request is answered.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    events.endStreams();
    // A connection whose last answer was sent (a stream just ended, a keep-alive between requests) goes at once.
    const idle = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, 50);
    const drained = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.drainMs ?? 10_000).unref()),
    ]);
    clearInterval(idle);
    if (!drained) {
      log.warn('requests still under way after the drain period: their connections are closed');
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    }
    clearInterval(purge);
    stopRoleWatch();
    stopReview();
    stopLeaderPoke();
    clearInterval(autoLogout);
    occupancy.stop();
    metricsServer?.close();
    await historyCare;
    await leadership?.stop();
    stopPbxLog();
    await pbx.stop();
    await ownSimulator?.stop();
    await stopRelay();
    await locks?.close();
    await db.close();
    await release();
    log.info('stopped');
  };

  return {
    url: `http://${displayHost}:${port}`,
    port,
    db,
    pbx,
    occupancy,
    simulator,
    metrics,
    leads,
    // Hono lists a route once per handler (guards included): one entry per method and path.
    endpoints: [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/v1/'))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].map((entry) => {
      const [method = '', path = ''] = entry.split(' ');
      return { method, path };
    }),
    close: () => (closing ??= close()),
  };
}

/**
 * The PBX connections as the operator needs to hear of them: connected, lost, reconnecting, unresponsive, and
 * a refused App-object login every time it is retried.
 */
export function logPbxStatus(pbx: InnovaphonePbx): () => void {
  const last = new Map<string, string>();
  return pbx.onStatusChange((status) => {
    for (const link of status.pbxs) {
      const key = `${link.state}|${link.lastError ?? ''}`;
      // A refused App-object login is said at every retry: it will not mend itself.
      if (last.get(link.url) === key && !(link.state === 'disconnected' && link.loginRefused)) continue;
      last.set(link.url, key);
      const line = { pbx: link.name, url: link.url, master: link.master, state: link.state, reason: link.lastError };
      if (link.state === 'connected') log.info(line, 'PBX connected');
      else if (link.state === 'connecting') log.info(line, 'connecting to the PBX');
      else if (link.loginRefused) log.error(line, "the PBX refused the App object's login (PBX_APP, PBX_PASSWORD)");
      else log.warn(line, link.state === 'unresponsive' ? 'PBX not answering' : 'PBX connection lost');
    }
  });
}
