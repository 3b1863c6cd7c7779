// `npm run bench` (PBX part): replica load of a big company against the PBX's own pacing floor, and
// device moves per second with their latency. Everything runs on loopback; figures go to BENCHMARKS.md.
import { performance } from 'node:perf_hooks';
import { DEMO_APP, generateCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { openPglite } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { InnovaphonePbx } from '../server/pbx/innovaphone.ts';
import { DbMoveJournal } from '../server/pbx/move-journal.ts';
import { median, ms, percentile } from './stats.ts';

const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const PHONES = Number(process.env.BENCH_PHONES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MOVES = Number(process.env.BENCH_MOVES ?? 1000);
const device = { text: 'Hotdesk', app: 'phone' };

const wait = (condition: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 5));
    check();
  });

async function main() {
  const company = generateCompany({
    seed: 99,
    employees: USERS,
    phones: PHONES,
    occupied: Math.floor(PHONES / 2),
    offline: 100,
  });
  const simulator = new PbxSimulator(company, { port: 0, registrationDelayMs: 300 });
  await simulator.start();
  const db = await openPglite(undefined);
  await migrate(db);
  const journal = new DbMoveJournal(db, null);
  const userCount = company.users.length;
  const floorMs = (userCount / 50) * 20;

  console.log(`PBX benchmark: ${userCount} users, ${PHONES} desk phones, ${RUNS} runs, Node ${process.version}`);
  const table: number[] = [];
  const rcc: number[] = [];
  let pbx: InnovaphonePbx | null = null;
  for (let run = 0; run < RUNS; run += 1) {
    pbx?.stop();
    pbx = new InnovaphonePbx({ url: simulator.url, app: DEMO_APP.name, password: DEMO_APP.password, journal });
    const started = performance.now();
    pbx.start();
    const current = pbx;
    await wait(() => current.status().replicaLoaded);
    table.push(performance.now() - started);
    await wait(() => current.status().registrationsLoaded);
    rcc.push(performance.now() - started);
    console.log(`  run ${run + 1}: user table ${ms(table.at(-1) ?? 0)}, registrations ${ms(rcc.at(-1) ?? 0)}`);
  }
  if (!pbx) throw new Error('no run');
  const active = pbx;
  await wait(() => active.status().state === 'connected');

  const guids = company.users.slice(3).map((user) => user.guid);
  const macs = company.desks.map((desk) => desk.mac);
  const holder = new Map(macs.map((mac) => [mac, active.holderOf(mac)?.guid ?? null]));
  const taken = new Set([...holder.values()].filter((guid): guid is string => guid !== null));
  let nextPerson = 0;
  const freePerson = () => {
    for (;;) {
      const guid = guids[nextPerson++ % guids.length] ?? '';
      if (!taken.has(guid)) return guid;
    }
  };
  const moveOne = async (mac: string): Promise<number> => {
    const from = holder.get(mac) ?? null;
    const to = freePerson();
    taken.add(to);
    const started = performance.now();
    await active.moveDevice({ mac, from, to, device });
    const elapsed = performance.now() - started;
    if (from) taken.delete(from);
    holder.set(mac, to);
    return elapsed;
  };

  const sequential: number[] = [];
  const sequentialStart = performance.now();
  for (let index = 0; index < MOVES; index += 1) sequential.push(await moveOne(macs[index % macs.length] ?? ''));
  const sequentialSeconds = (performance.now() - sequentialStart) / 1000;

  const concurrency = 16;
  const concurrent: number[] = [];
  const concurrentStart = performance.now();
  let cursor = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (cursor < MOVES) {
        const index = cursor++;
        concurrent.push(await moveOne(macs[(index * 7 + 1) % macs.length] ?? ''));
      }
    }),
  );
  const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
  const invariants = await active.checkInvariants();

  console.log('\n| measurement | median | ratio to floor |');
  console.log('| --- | --- | --- |');
  console.log(`| user table replica (PbxTableUsers, ${userCount} users) | ${ms(median(table))} | — |`);
  console.log(
    `| registrations replica (RCC Initialize, paced 50 per 20 ms) | ${ms(median(rcc))} | ${(median(rcc) / floorMs).toFixed(2)} × the ${ms(floorMs)} floor |`,
  );
  console.log('\n| moves | per second | p50 | p99 |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| ${MOVES} one after the other | ${(MOVES / sequentialSeconds).toFixed(0)} | ${ms(percentile(sequential, 50))} | ${ms(percentile(sequential, 99))} |`,
  );
  console.log(
    `| ${MOVES}, ${concurrency} at a time | ${(MOVES / concurrentSeconds).toFixed(0)} | ${ms(percentile(concurrent, 50))} | ${ms(percentile(concurrent, 99))} |`,
  );
  console.log(`\ninvariants after the moves: ${JSON.stringify(invariants)}`);

  await active.stop();
  await simulator.stop();
  await db.close();
  if (!invariants.ok) process.exitCode = 1;
}

await main();
