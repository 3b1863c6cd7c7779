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
import { rolesFor, syncLocalAdmin } from './auth/sign-in.ts';
import type { Config } from './config.ts';
import { openPglite, openPostgres, type Db } from './db/db.ts';
import { AdvisoryMutex } from './db/advisory-mutex.ts';
import { claimDataDir } from './db/data-dir-lock.ts';
import { Leadership } from './db/leadership.ts';
import { relayEvents } from './db/event-relay.ts';
import { migrate } from './db/migrate.ts';
import { InnovaphonePbx } from './pbx/innovaphone.ts';
import { DbMoveJournal } from './pbx/move-journal.ts';
import { EventBus } from './events.ts';
import { DeskOccupancyService } from './checkin/desk-occupancy.ts';
import { SettingsStore } from './settings/settings-service.ts';

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
}

export interface RunningService {
  url: string;
  port: number;
  db: Db;
  pbx: InnovaphonePbx;
  occupancy: DeskOccupancyService;
  simulator: PbxSimulator | null;
  /** Whether this instance does the background work (always, alone; one of several on PostgreSQL). */
  leads(): boolean;
  /** Every API endpoint the service answers (method and path pattern), e.g. for the role matrix. */
  endpoints: { method: string; path: string }[];
  close(): Promise<void>;
}

/** The database, and what gives it up at shutdown (PGlite's claim on DATA_DIR). */
async function openDb(config: Config, options: ServiceOptions): Promise<{ db: Db; release: () => Promise<void> }> {
  const nothing = () => Promise.resolve();
  if (config.databaseUrl !== undefined)
    return { db: openPostgres(config.databaseUrl, options.searchPath), release: nothing };
  if (options.inMemoryDb) return { db: await openPglite(undefined), release: nothing };
  await mkdir(config.dataDir, { recursive: true });
  const release = await claimDataDir(config.dataDir);
  try {
    return { db: await openPglite(join(config.dataDir, 'pglite')), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Opens the database, migrates it, connects the PBX (starting the simulator if needed) and listens. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  const { db, release } = await openDb(config, options);
  await migrate(db);
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
    journal: new DbMoveJournal(db),
    ...(options.pbxReconnectMs
      ? { reconnectInitialMs: options.pbxReconnectMs.initial, reconnectMaxMs: options.pbxReconnectMs.max }
      : {}),
  });
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
      .catch((error: unknown) => console.error('ending sessions after a role change failed', error));
  });
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
  // Several instances on one PostgreSQL: locks across them, and one of them doing the background work.
  const namespace = options.searchPath ?? 'public';
  const locks = config.databaseUrl === undefined ? null : new AdvisoryMutex(config.databaseUrl, namespace);
  const leadership =
    config.databaseUrl === undefined
      ? null
      : new Leadership(config.databaseUrl, namespace, (leading) => {
          if (leading) occupancy.lead();
        });
  const leads = () => leadership?.isLeader ?? true;
  const occupancy = new DeskOccupancyService(db, pbx, events, settings, {
    ...(options.now ? { now: options.now } : {}),
    ...(locks ? { locks } : {}),
    leads,
  });
  occupancy.watch();
  await leadership?.start();
  const autoLogout = setInterval(
    () => void occupancy.runAutoLogout().catch((error: unknown) => console.error('automatic logout failed', error)),
    options.autoLogoutIntervalMs ?? 30_000,
  );
  autoLogout.unref();
  const app = createApp({
    config,
    db,
    pbx,
    sessions,
    throttle,
    events,
    settings,
    occupancy,
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
        (error: unknown) => console.error('rolling up or deleting check-in history failed', error),
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

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(started));
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = ['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host;
  // The demo App object opens the console; myApps adds ".htm" to an App object's URL.
  demo?.setAppUrl(`http://${displayHost}:${port}/myapps`);

  return {
    url: `http://${displayHost}:${port}`,
    port,
    db,
    pbx,
    occupancy,
    simulator,
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
    close: async () => {
      clearInterval(purge);
      stopRoleWatch();
      clearInterval(autoLogout);
      occupancy.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await pbx.stop();
      await ownSimulator?.stop();
      await historyCare;
      await leadership?.stop();
      await stopRelay();
      await locks?.close();
      await db.close();
      await release();
    },
  };
}
