import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { keepHistory } from './analytics/history.ts';
import type { PbxSimulator } from '../sim/simulator.ts';
import type { DemoPbx } from './demo-pbx.ts';
import { createApp } from './app.ts';
import {
  DbFailureLog,
  defaultThrottleLimits,
  LoginThrottle,
  MemoryFailureLog,
  type ThrottleLimits,
} from './auth/login-throttle.ts';
import { SessionStore } from './auth/console-sessions.ts';
import { LOCAL_ADMIN, rolesFor, syncLocalAdmin } from './auth/sign-in.ts';
import type { Config } from './lib/config.ts';
import { databaseAnswers, type Db } from './db/db.ts';
import { AdvisoryMutex } from './db/advisory-mutex.ts';
import { InstanceBeacon } from './db/instance-beacon.ts';
import { Leadership } from './db/leadership.ts';
import { relayEvents } from './db/event-relay.ts';
import { migrate } from './db/migrate.ts';
import { errorField, log } from './lib/log.ts';
import { Metrics } from './metrics.ts';
import { InnovaphonePbx } from './pbx/innovaphone.ts';
import { DbMoveJournal } from './pbx/move-journal.ts';
import { EventBus } from './lib/events.ts';
import { announcePbxStatus } from './pbx-status.ts';
import { DeskOccupancyService } from './occupancy/desk-occupancy.ts';
import type { NoticeTiming } from './occupancy/emergency-notices.ts';
import { SettingsStore } from './settings/settings-service.ts';
import { VERSION } from './lib/version.ts';
import { startRounds } from './background-rounds.ts';
import { MailService } from './mail/mail-service.ts';
import { assertPortFree, listen, openDb } from './service-startup.ts';
import type { ServerType } from '@hono/node-server';

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
  /** How often bookings whose confirmation window closed are settled (default 15 s). */
  bookingIntervalMs?: number;
  /** How often the mail rounds look for what to send (default 5 s). */
  mailIntervalMs?: number;
  /** How long requests under way may take to finish at shutdown (default 10 s). */
  drainMs?: number;
  /** A leader without its PBX this long hands the work to another instance (default 5 s). */
  leaderStepDownMs?: number;
  /** Tests: when failed emergency notices are tried again (default: 5 s, doubling to 5 min, for 2 h). */
  noticeTiming?: Partial<NoticeTiming>;
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
  mail: MailService;
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
  // Several instances on one PostgreSQL: each says it is alive (its moves left open are repaired at once when
  // it is gone), takes locks across them, and one of them does the background work, only one whose PBX works.
  const namespace = options.searchPath ?? 'public';
  const instanceId = randomUUID();
  const beacon =
    config.databaseUrl === undefined
      ? null
      : new InstanceBeacon(config.databaseUrl, `${namespace}:instance:${instanceId}`);
  await beacon?.start();
  const pbx = new InnovaphonePbx({
    ...pbxTarget,
    instanceId,
    journal: new DbMoveJournal(
      db,
      config.databaseUrl === undefined ? null : { instanceKeyPrefix: `${namespace}:instance:` },
    ),
    ...(options.pbxReconnectMs
      ? { reconnectInitialMs: options.pbxReconnectMs.initial, reconnectMaxMs: options.pbxReconnectMs.max }
      : {}),
  });
  const events = new EventBus();
  const stopPbxLog = announcePbxStatus(pbx, events);
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
  const stopRelay =
    config.databaseUrl === undefined
      ? () => Promise.resolve()
      : await relayEvents(events, db, { connectionString: config.databaseUrl, searchPath: options.searchPath });
  const settings = new SettingsStore(db, events);
  const locks = config.databaseUrl === undefined ? null : new AdvisoryMutex(config.databaseUrl, namespace);
  // Background rounds defined further down that a new leader runs at once (not at their next hour).
  let afterGainingLead: () => void = () => undefined;
  const leadership =
    config.databaseUrl === undefined
      ? null
      : new Leadership(
          config.databaseUrl,
          namespace,
          (leading) => {
            if (!leading) return;
            occupancy.lead();
            afterGainingLead();
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
    ...(options.noticeTiming ? { noticeTiming: options.noticeTiming } : {}),
  });
  occupancy.watch();
  await leadership?.start();
  const stopRounds = startRounds({
    occupancy,
    pbx,
    leads,
    bookings: { db, events, pbx, settings, now: options.now ?? Date.now },
    autoLogoutIntervalMs: options.autoLogoutIntervalMs,
    bookingIntervalMs: options.bookingIntervalMs,
  });
  let ownUrl = '';
  const mail = new MailService(
    {
      db,
      pbx,
      settings,
      events,
      now: options.now ?? Date.now,
      consoleUrl: () => config.publicUrl ?? ownUrl,
      sending: config.mail.smtpUrl !== undefined,
      roleGroups: config.roleGroups,
    },
    config.mail,
  );
  mail.start(options.mailIntervalMs);
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
    mail,
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
    ownUrl: () => ownUrl,
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
  afterGainingLead = purgeHistoryNow;
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
    stopRounds();
    await mail.stop();
    occupancy.stop();
    stopRoleWatch();
    stopPbxLog();
    await pbx.stop();
    await ownSimulator?.stop();
    await leadership?.stop();
    await stopRelay();
    await locks?.close();
    await beacon?.stop();
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
  ownUrl = `http://${displayHost}:${port}`;
  // The demo App object opens the console where myApps would: its URL as configured.
  demo?.setAppUrl(`${ownUrl}/myapps`);
  if (config.publicUrl === undefined && config.production)
    log.warn(
      { ownUrl },
      'PUBLIC_URL is not set: links and the QR codes on desk labels point to the service’s own address, not the one people use',
    );
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
    stopRounds();
    occupancy.stop();
    metricsServer?.close();
    await historyCare;
    // A notice being delivered is finished and written down (it would otherwise be sent again after a restart).
    await occupancy.notices.stop();
    await mail.stop();
    await leadership?.stop();
    stopPbxLog();
    await pbx.stop();
    await ownSimulator?.stop();
    await stopRelay();
    await locks?.close();
    await beacon?.stop();
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
    mail,
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
