// A throw-away PostgreSQL for a test or a benchmark: initdb in a temporary folder, listening on loopback only,
// stopped and started at will (a database restart), removed by dispose(). Uses the Debian server binaries
// (`apt-get install postgresql`), as .ci/run does.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowAwayPostgres {
  url: string;
  /** Stops the server (fast shutdown: connections are cut), keeping its data. */
  stop(): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /** Stops it and removes its data. */
  dispose(): void;
  /** The server's main process (postmaster.pid's first line), while it runs. */
  pid(): number | undefined;
}

/** The newest installed server's binaries, or undefined without them. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

/** Starts PostgreSQL on `port`, or answers undefined when the server binaries are not installed. */
export function startPostgres(port: number): ThrowAwayPostgres | undefined {
  const bin = postgresBinaries();
  if (bin === undefined) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'hotdesk-pg-'));
  // initdb refuses to run as root: as root, the cluster belongs to the postgres user, as in .ci/run.
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' });
  if (asRoot) chownSync(dataDir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-w',
      '-l',
      join(dataDir, 'server.log'),
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dataDir} -c max_connections=200`,
      'start',
    ]);
  const stop = () => {
    const args = ['-D', dataDir, '-m', 'fast', '-w', 'stop'];
    if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
    else spawnSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    dispose() {
      stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    pid() {
      try {
        return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
  };
}
