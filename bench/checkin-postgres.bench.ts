// `npm run bench` (PostgreSQL part): the morning rush against the production build on PostgreSQL, one instance
// and two instances behind a round-robin "load balancer" (this client), side by side. Every process is real:
// PostgreSQL, the PBX (simulator) in its own process, each service instance `node dist/server/main.js`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { PbxHealthResponse } from '../contract/api.ts';
import { DEMO_APP } from '../sim/demo-company.ts';
import { TestClient } from '../test/http-client.ts';
import { cpuSeconds, processTree } from './support/cpu.ts';
import { cpuLimit } from './support/cpu-limit.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { rushCompany } from './support/rush-company.ts';
import { median, ms, percentile } from './stats.ts';

const CHECKINS = Number(process.env.BENCH_CHECKINS ?? 1000);
const CONCURRENCY = 32;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const PORTS = [4481, 4482];
/** The share of a core each instance gets in the scale-out comparison. */
const INSTANCE_CORES = Number(process.env.BENCH_INSTANCE_CORES ?? 0.25);

const postgres = startPostgres(54359);
if (postgres === undefined) {
  console.log('\nMorning rush on PostgreSQL: skipped, the PostgreSQL server binaries are not installed.');
  process.exit(0);
}
const children = new Set<ChildProcess>();
/** Made now, so that however the benchmark ends its groups go with it. */
const limits = [cpuLimit('first', INSTANCE_CORES), cpuLimit('second', INSTANCE_CORES)];
const cleanUp = () => {
  for (const child of children) child.kill('SIGKILL');
  postgres.dispose();
  for (const limit of limits) limit?.remove();
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

/** Polls `check` every 100 ms; fails after a minute with `what`. */
async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a process and answers the first stdout line that matches, or fails with what it printed. */
async function startProcess(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    lines.on('line', (line) => {
      output += `${line}\n`;
      const found = ready.exec(line);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`)));
  });
  lines.removeAllListeners('line');
  child.stdout?.resume();
  return { child, match };
}

const pbx = await startProcess(['--import', 'tsx', 'bench/support/rush-pbx.ts'], {}, /^ready (\S+)/);
const pbxUrl = pbx.match[1] ?? '';

const company = rushCompany();
const employees = company.users.filter((user) => user.h323.startsWith('user')).slice(0, CHECKINS);

interface Instance {
  url: string;
  child: ChildProcess;
}
async function startInstance(port: number): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const { child } = await startProcess(
    ['dist/server/main.js'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: postgres?.url ?? '',
      PBX_URL: pbxUrl,
      PBX_APP: DEMO_APP.name,
      PBX_PASSWORD: DEMO_APP.password,
      NODE_ENV: 'production',
      // Its "listening" line is what says it is up: `npm run bench` runs with LOG_LEVEL=warn for the rest.
      LOG_LEVEL: 'info',
    },
    /"msg":"listening"/,
  );
  await until('the instance to be healthy', async () => {
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string };
    return health.status === 'ok';
  });
  // The PBX's user table and registrations arrive after the connection: wait until this instance has both.
  const probe = new TestClient(url);
  await probe.signIn('admin', 'demo');
  await until('the PBX replicas', async () => {
    const pbx = (await probe.request('GET', '/health/pbx')).body as PbxHealthResponse;
    return pbx.replicaLoaded && pbx.registrationsLoaded;
  });
  await probe.request('DELETE', '/session');
  return { url, child };
}
async function stopInstance(instance: Instance) {
  const exited = once(instance.child, 'exit');
  instance.child.kill('SIGTERM');
  await exited;
}

const first = await startInstance(PORTS[0] ?? 0);
const admin = new TestClient(first.url);
await admin.signIn('admin', 'demo');
let created = 0;
await Promise.all(
  Array.from({ length: 8 }, async (_, worker) => {
    for (let index = worker; index < company.phones.length; index += 8) {
      const phone = company.phones[index];
      const answer = await admin.request('POST', '/desks', {
        body: { name: `R-${String(index).padStart(4, '0')}`, mac: phone?.mac },
      });
      if (answer.status !== 201) throw new Error(`desk: ${JSON.stringify(answer.body)}`);
      created += 1;
    }
  }),
);

const clients: TestClient[] = [];
for (const employee of employees) {
  const client = new TestClient(first.url);
  const answer = await client.signIn(employee.h323, 'demo');
  if (answer.status !== 200) throw new Error(`sign-in ${employee.h323}: ${answer.status}`);
  clients.push(client);
}

/**
 * CPU seconds so far of: each instance, the PBX, this benchmark's own PostgreSQL (its postmaster and every backend
 * it started, not other PostgreSQL servers on the host), and this client. A backend that ended between two
 * readings takes its CPU time with it: connections here live as long as the services.
 */
function cpuNow(instances: readonly Instance[]) {
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const own = process.cpuUsage();
  return {
    service: sum(instances.map((instance) => instance.child.pid ?? 0)),
    pbx: cpuSeconds(pbx.child.pid ?? 0),
    postgres: sum(processTree(postgres?.pid() ?? -1)),
    client: (own.user + own.system) / 1e6,
  };
}

/** One morning: every client checks in at its own desk, 32 at a time, each request to the next instance. */
async function morning(instances: readonly Instance[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpuBefore = cpuNow(instances);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < clients.length; index = next++) {
        const client = clients[index];
        const instance = instances[index % instances.length];
        if (!client || !instance) continue;
        const begin = performance.now();
        const answer = await client.at(instance.url).request('POST', '/checkin', {
          body: { method: 'desk', value: `R-${String(index).padStart(4, '0')}` },
        });
        latencies.push(performance.now() - begin);
        if (answer.status !== 200) throw new Error(`check-in failed: ${JSON.stringify(answer.body)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuNow(instances);
  const cpu = Object.fromEntries(
    Object.entries(cpuAfter).map(([part, value]) => [
      part,
      (value - cpuBefore[part as keyof typeof cpuBefore]) / seconds,
    ]),
  ) as typeof cpuAfter;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let index = worker; index < clients.length; index += CONCURRENCY) {
        await clients[index]?.request('POST', '/checkout');
      }
    }),
  );
  return { perSecond: clients.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpu };
}

type Morning = Awaited<ReturnType<typeof morning>>;

/** One and two instances alternating, `ROUNDS` mornings each (after one to warm up); `limit` runs on each new instance. */
async function compare(limit: (instance: Instance) => void) {
  await morning([first]);
  const results: Record<1 | 2, Morning[]> = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    results[1].push(await morning([first]));
    const second = await startInstance(PORTS[1] ?? 0);
    limit(second);
    await morning([first, second]);
    results[2].push(await morning([first, second]));
    await stopInstance(second);
  }
  return results;
}

/** The median morning by rate. */
const middle = (runs: Morning[]) => {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  const run = sorted[Math.floor(sorted.length / 2)];
  if (!run) throw new Error('no run');
  return run;
};

function printTable(results: Record<1 | 2, Morning[]>) {
  const one = middle(results[1]);
  const two = middle(results[2]);
  /** Cores busy during the morning: the service instances together, the PBX, PostgreSQL, this client. */
  const cores = (run: Morning) =>
    `${run.cpu.service.toFixed(2)} | ${run.cpu.pbx.toFixed(2)} | ${run.cpu.postgres.toFixed(2)} | ${run.cpu.client.toFixed(2)}`;
  console.log(
    '| instances | check-ins per second | p50 | p99 | ratio to one | cores: service | PBX | PostgreSQL | client |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(`| 1 | ${one.perSecond.toFixed(0)} | ${ms(one.p50)} | ${ms(one.p99)} | | ${cores(one)} |`);
  console.log(
    `| 2 | ${two.perSecond.toFixed(0)} | ${ms(two.p50)} | ${ms(two.p99)} | ${(two.perSecond / one.perSecond).toFixed(2)} × | ${cores(two)} |`,
  );
  console.log(
    `\nevery morning (check-ins/s): one ${results[1].map((run) => run.perSecond.toFixed(0)).join(', ')}; two ${results[2].map((run) => run.perSecond.toFixed(0)).join(', ')}; p99 medians ${ms(median(results[1].map((run) => run.p99)))} / ${ms(median(results[2].map((run) => run.p99)))}`,
  );
}

console.log(
  `\nMorning rush on PostgreSQL (${clients.length} check-ins by desk name from ${CONCURRENCY} clients, ${created} desks, ${company.users.length} PBX users; production build), one and two instances alternating, ${ROUNDS} mornings each\n`,
);
printTable(await compare(() => undefined));

// Scaling out pays where an instance is what limits the rate. On this machine's two cores one unlimited
// instance already leaves PostgreSQL, the PBX and the clients too little room for a second; limited as a
// container's `cpus:` limits it, each instance is the bottleneck and the rest has room to serve two.
const [firstLimit, secondLimit] = limits;
if (firstLimit && secondLimit) {
  console.log(
    `\nThe same, each instance limited to ${INSTANCE_CORES} of a core (its own cgroup CPU quota, as a container's \`cpus: ${INSTANCE_CORES}\`)\n`,
  );
  firstLimit.add(first.child.pid ?? 0);
  printTable(await compare((instance) => secondLimit.add(instance.child.pid ?? 0)));
} else {
  console.log(
    '\nEach instance limited to part of a core: skipped, no cgroup CPU controller can be written here (needs root).',
  );
}
await stopInstance(first);
pbx.child.kill('SIGTERM');
await once(pbx.child, 'exit');
