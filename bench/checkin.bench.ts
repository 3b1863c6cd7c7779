// `npm run bench` (check-in part): the morning rush, N check-ins from M concurrent clients against the
// service and the simulator; and the time from a change made on the PBX to the event reaching a console.
import { deskInputSchema } from '../contract/desks.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_APP, generateCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { loadConfig } from '../server/lib/config.ts';
import { insertDesk } from '../server/desks/desk-store.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';
import { startService } from '../server/service.ts';
import { TestClient } from '../test/http-client.ts';
import { median, ms, percentile } from './stats.ts';

const CHECKINS = Number(process.env.BENCH_CHECKINS ?? 400);
const company = generateCompany({ seed: 5, employees: 2000, phones: 1500, occupied: 0, offline: 0 });
const simulator = new PbxSimulator(company, { port: 0, registrationDelayMs: 50 });
await simulator.start();
const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-bench-'));
const service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }), { simulator });
while (service.pbx.status().state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 20));
for (const [index, phone] of company.phones.entries()) {
  await insertDesk(service.db, deskInputSchema.parse({ name: `R-${String(index).padStart(4, '0')}`, mac: phone.mac }));
}

const employees = company.users.filter((user) => user.h323.startsWith('user'));
const clients: TestClient[] = [];
for (const employee of employees.slice(0, CHECKINS)) {
  const client = new TestClient(service.url);
  await client.signIn(employee.h323, 'demo');
  clients.push(client);
}

const admin = new TestClient(service.url);
await admin.signIn('admin', 'demo');
/** Base objects on or off (the setting), and every desk's phone where the setting puts it. */
async function baseObjects(on: boolean): Promise<void> {
  const current = (await admin.request('GET', '/settings')).body as { version: number; phones: object };
  const { version, ...values } = current;
  const answer = await admin.request('PUT', '/settings', {
    body: { ...values, phones: { ...current.phones, baseObjects: on } },
    headers: { 'If-Match': `"${version}"` },
  });
  if (answer.status !== 200) throw new Error(`settings: ${JSON.stringify(answer.body)}`);
  await service.occupancy.syncBaseObjects();
}

/** One morning: CHECKINS people check in at free desks from `concurrency` clients; then they all check out. */
async function morning(concurrency: number, deskOffset: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < CHECKINS; index = next++) {
        const client = clients[index];
        if (!client) continue;
        const begin = performance.now();
        const answer = await client.request('POST', '/checkin', {
          body: { method: 'desk', value: `R-${String(deskOffset + index).padStart(4, '0')}` },
        });
        latencies.push(performance.now() - begin);
        if (answer.status !== 200) throw new Error(`check-in failed: ${JSON.stringify(answer.body)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const client of clients) await client.request('POST', '/checkout');
  return { perSecond: CHECKINS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

console.log(
  `\nMorning rush (${CHECKINS} check-ins by desk name, each a different person and desk; ${company.users.length} PBX users), without and with base objects, side by side\n`,
);
console.log('| concurrent clients | base objects | check-ins per second | p50 | p99 | with / without |');
console.log('| --- | --- | --- | --- | --- | --- |');
let deskOffset = 0;
for (const concurrency of [1, 8, 32]) {
  // Alternating without/with, three times each, so that both see the same warm-up and the same noise.
  const runs: { on: boolean; result: Awaited<ReturnType<typeof morning>> }[] = [];
  for (const on of [false, true, false, true, false, true]) {
    await baseObjects(on);
    runs.push({ on, result: await morning(concurrency, deskOffset) });
    deskOffset += CHECKINS;
    if (deskOffset + CHECKINS > company.phones.length) deskOffset = 0;
  }
  /** The run with the median rate of the three. */
  const middle = (on: boolean) => {
    const sorted = runs.filter((run) => run.on === on).sort((a, b) => a.result.perSecond - b.result.perSecond);
    const run = sorted[Math.floor(sorted.length / 2)];
    if (!run) throw new Error('no run');
    return run.result;
  };
  const without = middle(false);
  const withBase = middle(true);
  for (const [label, result] of [
    ['off', without],
    ['on', withBase],
  ] as const) {
    console.log(
      `| ${concurrency} | ${label} | ${result.perSecond.toFixed(0)} | ${ms(result.p50)} | ${ms(result.p99)} | ${label === 'on' ? `${((withBase.perSecond / without.perSecond) * 100).toFixed(0)} %` : ''} |`,
    );
  }
}
const invariants = await service.pbx.checkInvariants();

// A change made on the PBX by someone else → the event on a console's stream.
const helpdesk = new TestClient(service.url);
await helpdesk.signIn('helpdesk', 'demo');
const stream = await fetch(`${service.url}/api/v1/events`, { headers: { Cookie: helpdesk.cookieHeader() } });
const reader = stream.body?.getReader();
if (!reader) throw new Error('no event stream');
const decoder = new TextDecoder();
let buffer = '';
/** Waits for the occupancy event that names this desk (older events still in the stream do not count). */
const occupancyEventFor = async (deskId: string) => {
  for (;;) {
    const index = buffer.indexOf(deskId);
    if (index >= 0) {
      buffer = buffer.slice(index + deskId.length);
      return;
    }
    const chunk = await reader.read();
    if (chunk.done) throw new Error('stream ended');
    buffer += decoder.decode(chunk.value);
  }
};
await baseObjects(false);
const other = await AppWebsocketConnection.open(
  simulator.url,
  { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
  DEMO_APP.password,
  { timeoutMs: 5000 },
);
const eventLatency: number[] = [];
const spare = company.phones.slice(-20);
const target = employees[employees.length - 1];
for (const phone of spare) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const begin = performance.now();
  const [desk] = await service.db.query<{ id: string }>('SELECT id::text AS id FROM desks WHERE mac = $1', [phone.mac]);
  await other.request('PbxAdminApi', 'UpdateObject', {
    guid: target?.guid,
    devices: [{ hw: phone.mac, text: 'by hand' }],
  });
  await occupancyEventFor(desk?.id ?? '');
  eventLatency.push(performance.now() - begin);
}
console.log(`\n| PBX-side change → event on a console's stream (${spare.length} changes) | median | p99 |`);
console.log('| --- | --- | --- |');
console.log(
  `| UpdateObject by another client → \`occupancy\` event received | ${ms(median(eventLatency))} | ${ms(percentile(eventLatency, 99))} |`,
);
console.log(`\ninvariants after the rush: ${JSON.stringify(invariants)}`);

other.close();
await reader.cancel();
await service.close();
await simulator.stop();
await rm(dataDir, { recursive: true, force: true });
if (!invariants.ok) process.exitCode = 1;
