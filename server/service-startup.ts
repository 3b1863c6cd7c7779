import { serve, type ServerType } from '@hono/node-server';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from './lib/config.ts';
import { openPglite, openPostgres, type Db } from './db/db.ts';
import { claimDataDir } from './db/data-dir-lock.ts';
import { errorField, log } from './lib/log.ts';

/** What the service needs before it starts its work: the database (waited for) and a free port. */
export interface StartupOptions {
  inMemoryDb?: boolean;
  searchPath?: string;
  databaseWaitMs?: number;
  onFatal?: (message: string) => void;
}

const fatalExit = (message: string) => {
  log.fatal(message);
  process.exit(1);
};

/** The database, and what gives it up at shutdown (PGlite's lease on DATA_DIR). */
export async function openDb(
  config: Config,
  options: StartupOptions,
): Promise<{ db: Db; release: () => Promise<void> }> {
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
export function listen(
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
export async function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = await listen({ fetch: () => new Response(null, { status: 503 }) }, config);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
