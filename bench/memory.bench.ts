// `npm run bench` (memory part): the production service's resident memory, idle with the demo company (on
// PGlite and on PostgreSQL), and what each open live-event stream adds. The service runs as `node
// dist/server/main.js`, as deployed; its memory is read from Linux /proc (VmRSS).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from '../test/http-client.ts';
import { freePort } from '../test/support/free-port.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { processTree } from './support/cpu.ts';
import { median } from './stats.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const MiB = 1024 * 1024;

/** Resident memory of a process in bytes (0 once it is gone). */
function rss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return Number(line?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The median of `count` readings a second apart (the heap breathes with the hourly and minutely jobs). */
async function settledRss(pids: () => number[], count = 10): Promise<number> {
  const readings: number[] = [];
  for (let index = 0; index < count; index += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    readings.push(pids().reduce((sum, pid) => sum + rss(pid), 0));
  }
  return median(readings);
}

async function startService(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-memory-'));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      ...process.env,
      // The built-in demo PBX and company, on either database (as `npm start` runs the build).
      HOTDESK_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      PBX_SIM_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The service's log (one JSON line each): kept to say why, should it end.
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service ended with ${child.exitCode}: ${log}`);
    const health = await fetch(`${url}/api/v1/health`).catch(() => null);
    if (health?.ok && ((await health.json()) as { pbx?: string }).pbx === 'connected') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    child,
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `count` live-event streams, each from its own employee's session (a session keeps a few streams only, as
 * a browser's tabs, and a person a few sessions); resolves once each has its answer's headers.
 */
async function openStreams(url: string, count: number): Promise<AbortController> {
  const clients: TestClient[] = [];
  for (let index = 0; index < count; index += 1) {
    const client = new TestClient(url);
    const answer = await client.signIn(`user${String(index + 1).padStart(3, '0')}`, 'demo');
    if (answer.status !== 200) throw new Error(`sign-in ${index + 1}: ${answer.status}`);
    clients.push(client);
  }
  const controller = new AbortController();
  await Promise.all(
    clients.map(async (client) => {
      const answer = await fetch(`${url}/api/v1/events`, {
        headers: { Cookie: client.cookieHeader(), Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!answer.ok || !answer.body) {
        controller.abort();
        throw new Error(`events: ${answer.status}`);
      }
      // Read the stream as a browser would, so that nothing piles up unread.
      void answer.body.pipeTo(new WritableStream()).catch(() => undefined);
    }),
  );
  return controller;
}

interface Row {
  database: string;
  idle: number;
  database_process: number | null;
  perStream: number;
}

async function measure(database: string, env: Record<string, string>, databasePids: () => number[]): Promise<Row> {
  const service = await startService(env);
  try {
    const pid = service.child.pid ?? -1;
    // Past the start's own work (the demo's seed on a new database, the first rollups), then idle.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const idle = await settledRss(() => [pid]);
    const streams = await openStreams(service.url, STREAMS);
    const busy = await settledRss(() => [pid], 5);
    streams.abort();
    const ownDatabase = databasePids().length > 0 ? await settledRss(databasePids, 3) : null;
    return { database, idle, database_process: ownDatabase, perStream: (busy - idle) / STREAMS };
  } finally {
    await service.stop();
  }
}

const rows: Row[] = [await measure('PGlite (embedded, in the service)', {}, () => [])];
const postgres = startPostgres(await freePort());
if (postgres) {
  try {
    rows.push(await measure('PostgreSQL', { DATABASE_URL: postgres.url }, () => processTree(postgres.pid() ?? -1)));
  } finally {
    postgres.dispose();
  }
}

console.log(
  `\nMemory of the production service with the demo company (2 sites, 150 desks, 8 weeks of history; median of 10 readings a second apart; ${STREAMS} live-event streams)\n`,
);
console.log('| database | service idle | the database server (its processes) | each open event stream |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.database} | ${(row.idle / MiB).toFixed(0)} MiB | ${row.database_process === null ? '—' : `${(row.database_process / MiB).toFixed(0)} MiB (shared memory counted per process)`} | ${(row.perStream / 1024).toFixed(1)} KiB |`,
  );
}
