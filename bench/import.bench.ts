// `npm run bench` (import part): parse + validate of 100,000 and 1,000,000 desk rows next to raw papaparse on
// the same text, in a fresh process as in the console's worker (alternating, medians); the same parse inside
// the service's process and its dry run (+ the diff); and in Chromium, the longest main-thread task while the
// wizard reads a 100,000-row file in its worker.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { parseDeskCsv } from '../contract/desk-csv.ts';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { loadConfig } from '../server/lib/config.ts';
import { importDesks } from '../server/desks/desk-import.ts';
import { EventBus } from '../server/lib/events.ts';
import { startService } from '../server/service.ts';
import { median, ms } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function deskFile(rows: number): Uint8Array {
  const lines = ['hw_id,name,computername'];
  for (let index = 0; index < rows; index += 1) {
    const hex = index.toString(16).padStart(6, '0');
    lines.push(
      `00:90:33:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)},"Desk ${index}",PC-${index.toString(36).toUpperCase()}`,
    );
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

const time = (work: () => unknown) => {
  const started = performance.now();
  work();
  return performance.now() - started;
};

/** Raw papaparse and our parse + validate of `rows` rows, alternating in this process: their medians. */
function sideBySide(rows: number, runs: number): { raw: number; ours: number } {
  const bytes = deskFile(rows);
  const text = new TextDecoder().decode(bytes);
  const raw: number[] = [];
  const ours: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    raw.push(time(() => Papa.parse(text, { skipEmptyLines: false })));
    ours.push(time(() => parseDeskCsv(bytes)));
  }
  return { raw: median(raw), ours: median(ours) };
}

const child = process.argv[2];
if (child !== undefined) {
  process.stdout.write(JSON.stringify(sideBySide(Number(child), Math.max(RUNS, Number(child) > 100_000 ? 3 : 11))));
  process.exit(0);
}

const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-bench-'));
const service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', PBX_SIM_PORT: '0', DATA_DIR: dataDir }));
await service.db.query('DELETE FROM desks');

console.log(`\nCSV import (medians; Node ${process.version})\n`);
console.log(
  '| rows | raw papaparse (the floor) | parse + validate | ratio to the floor | the two inside the service’s process | service dry run (+ diff vs. empty table) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const rows of [100_000, 1_000_000]) {
  const fresh = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(rows)], {
    encoding: 'utf8',
  });
  const alone = JSON.parse(fresh.stdout) as { raw: number; ours: number };
  const inService = sideBySide(rows, RUNS);
  const bytes = deskFile(rows);
  const dry: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await importDesks(
      { db: service.db, pbx: service.pbx, events: new EventBus(), occupancy: service.occupancy },
      'bench',
      bytes,
      {
        mode: 'replace',
        dryRun: true,
        createFloors: false,
        confirmRemoveAll: false,
        occupied: null,
        mayLogOut: false,
      },
    );
    dry.push(performance.now() - started);
  }
  console.log(
    `| ${rows.toLocaleString('en')} | ${ms(alone.raw)} | ${ms(alone.ours)} | ${(alone.ours / alone.raw).toFixed(1)}× | ${ms(inService.raw)} / ${ms(inService.ours)} (${(inService.ours / inService.raw).toFixed(1)}×) | ${ms(median(dry))} |`,
  );
}

// In Chromium: the wizard reads a 100,000-row file; the worker must keep the page responsive.
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ baseURL: service.url });
await page.goto('/signin');
await page.getByLabel('User name').fill('facility');
await page.getByLabel('Password').fill('demo');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('navigation', { name: 'Sections' }).waitFor();
await page.goto('/import');
// Only tasks that start once the page has the file count: handing a 4 MB file to the page is the test
// harness's work, not the console's.
await page.evaluate(`(() => {
  window.__longest = 0;
  window.__since = Infinity;
  document.addEventListener('change', () => { window.__since = performance.now(); }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= window.__since) window.__longest = Math.max(window.__longest, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: false });
})()`);
const browserRuns: number[] = [];
const longest: number[] = [];
const file = Buffer.from(deskFile(100_000));
for (let run = 0; run < RUNS; run += 1) {
  await page.evaluate('window.__longest = 0; window.__since = Infinity');
  const started = performance.now();
  await page.getByLabel('Choose a desk file').setInputFiles({ name: 'desks.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('heading', { name: /desks.csv: 100,000 rows/ }).waitFor({ timeout: 60_000 });
  browserRuns.push(performance.now() - started);
  longest.push(await page.evaluate<number>('window.__longest'));
  await page.getByRole('button', { name: 'Cancel' }).click();
}
console.log('\n| in Chromium, 100,000 rows through the wizard | median |');
console.log('| --- | --- |');
console.log(`| choose the file → preview (read, parse and validate in the worker) | ${ms(median(browserRuns))} |`);
console.log(`| longest main-thread task meanwhile | ${ms(median(longest))} |`);

await browser.close();
await service.close();
await rm(dataDir, { recursive: true, force: true });
