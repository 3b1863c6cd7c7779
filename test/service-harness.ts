import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { loadConfig, type Config } from '../server/lib/config.ts';
import { openPglite, openPostgres, type Db } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';
import { startService, type RunningService, type ServiceOptions } from '../server/service.ts';
import { TestClient } from './http-client.ts';

export const LOCAL_ADMIN_PASSWORD = 'integration-break-glass';

/**
 * Where a test's data lives: a PGlite directory, or a schema of its own on DATABASE_URL (the
 * PostgreSQL compatibility run in .ci/run). Both survive a service restart within the test.
 */
export interface DataTarget {
  env: Record<string, string>;
  searchPath: string | undefined;
  dispose(): Promise<void>;
}

let template: Promise<Blob> | null = null;

/**
 * One migrated PGlite per test process, as a tarball: each test's database starts as a copy of it (under a
 * second) instead of being created and migrated again (about five seconds of CPU).
 */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await openPglite(undefined);
    await migrate(db);
    const blob = await db.dump?.();
    await db.close();
    if (!blob) throw new Error('PGlite gave no dump');
    return blob;
  })();
  return template;
}

/** `fresh`: an empty database (the test builds an older schema itself); otherwise a migrated one. */
export async function createDataTarget(options: { fresh?: boolean } = {}): Promise<DataTarget> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl !== undefined) {
    const schema = `it_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    return {
      env: { DATABASE_URL: databaseUrl },
      searchPath: schema,
      dispose: async () => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'hotdesk-it-'));
  if (!options.fresh) await (await openPglite(join(dir, 'pglite'), { loadDataDir: await migratedTemplate() })).close();
  return { env: { DATA_DIR: dir }, searchPath: undefined, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** The data target's database, opened as the service would open it. */
export async function openTarget(data: DataTarget): Promise<Db> {
  const url = data.env.DATABASE_URL;
  if (url !== undefined) return openPostgres(url, data.searchPath);
  return openPglite(join(data.env.DATA_DIR ?? '', 'pglite'));
}

export interface Harness {
  service: RunningService;
  simulator: PbxSimulator;
  config: Config;
  client(): TestClient;
  restart(env?: Record<string, string | undefined>): Promise<void>;
  close(): Promise<void>;
}

/** Waits for a condition, never for a time: the bound only ends a wait that is stuck, also on a busy machine. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The real service on loopback, with its own simulator and data, ready when the PBX replica is loaded. */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    service?: ServiceOptions;
    /** Runs on the empty database before the service first starts (e.g. an older release's schema and data). */
    before?: (db: Db) => Promise<void>;
  } = {},
): Promise<Harness> {
  const simulator = new PbxSimulator(demoCompany(), { port: 0 });
  await simulator.start();
  const data = await createDataTarget({ fresh: options.before !== undefined });
  if (options.before) {
    const db = await openTarget(data);
    try {
      await options.before(db);
    } finally {
      await db.close();
    }
  }
  const configFor = (env: Record<string, string | undefined>) =>
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: join(tmpdir(), 'hotdesk-no-console'),
      HOTDESK_ADMIN_PASSWORD: LOCAL_ADMIN_PASSWORD,
      // The test's own simulator is the PBX, also on PostgreSQL.
      HOTDESK_DEMO: 'true',
      ...data.env,
      ...options.env,
      ...env,
    });
  const boot = async (config: Config) => {
    const service = await startService(config, {
      simulator,
      pbxReconnectMs: { initial: 50, max: 200 },
      ...(data.searchPath === undefined ? {} : { searchPath: data.searchPath }),
      ...options.service,
    });
    await waitFor(() => service.pbx.status().state === 'connected');
    // Alone on its database it leads (on PostgreSQL once its PBX works): the background work is its.
    await waitFor(() => service.leads());
    // The App object opens the console where docs/innovaphone.md says: its URL's file name is what the PBX signs as `app`.
    simulator.setAppUrl(DEMO_APP.name, `${service.url}/myapps`);
    return service;
  };
  const harness: Harness = {
    config: configFor({}),
    simulator,
    service: await boot(configFor({})),
    client: () => new TestClient(harness.service.url),
    restart: async (env = {}) => {
      await harness.service.close();
      harness.config = configFor(env);
      harness.service = await boot(harness.config);
    },
    close: async () => {
      await harness.service.close();
      await simulator.stop();
      await data.dispose();
    },
  };
  return harness;
}

/** A connection of its own to the simulator as the demo App object: a test playing an administrator at the PBX. */
export function openPbxAdmin(url: string): Promise<AppWebsocketConnection> {
  return AppWebsocketConnection.open(
    url,
    { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
    DEMO_APP.password,
    { timeoutMs: 10_000 },
  );
}

/** Instances on one database (a rolling start: one after the other) and one PBX, as behind a load balancer. */
export interface Instances {
  simulator: PbxSimulator;
  data: DataTarget;
  instances: RunningService[];
  close(): Promise<void>;
}

export async function startInstances(
  count: number,
  options: { env?: Record<string, string>; service?: ServiceOptions } = {},
): Promise<Instances> {
  const simulator = new PbxSimulator(demoCompany(), { port: 0 });
  await simulator.start();
  const data = await createDataTarget();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STATIC_DIR: join(tmpdir(), 'hotdesk-no-console'),
    HOTDESK_DEMO: 'true',
    ...options.env,
    ...data.env,
  });
  const instances: RunningService[] = [];
  for (let index = 0; index < count; index += 1) {
    const service = await startService(config, {
      simulator,
      pbxReconnectMs: { initial: 50, max: 200 },
      ...(data.searchPath === undefined ? {} : { searchPath: data.searchPath }),
      ...options.service,
    });
    instances.push(service);
    await waitFor(() => service.pbx.status().state === 'connected');
  }
  return {
    simulator,
    data,
    instances,
    close: async () => {
      for (const service of instances) await service.close();
      await simulator.stop();
      await data.dispose();
    },
  };
}
