// `npm run bench` (floor map part): in Debian Chromium, the time from choosing a floor with 2,000 desks
// to the frame that shows them, and from a pointer move while dragging to the next frame.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFloorPlanPng } from '../sim/floor-plan.ts';
import { loadConfig } from '../server/lib/config.ts';
import { insertDesk } from '../server/desks/desk-store.ts';
import { startService } from '../server/service.ts';
import { median, ms, percentile } from './stats.ts';
import { signedInPage } from './support/browser.ts';

const DESKS = Number(process.env.BENCH_MAP_DESKS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-bench-'));
const service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', PBX_SIM_PORT: '0', DATA_DIR: dataDir }));
const plan = renderFloorPlanPng(1, 2400, 1500);
const [floor] = await service.db.query<{ id: string }>(
  `INSERT INTO floors (name, building, sort_order) VALUES ('Benchmark floor', 'Bench', 99) RETURNING id::text AS id`,
);
if (!floor) throw new Error('no floor');
await service.db.query(
  `INSERT INTO floor_plans (floor_id, mime, width, height, size, sha256, bytes) VALUES ($1::uuid, 'image/png', 2400, 1500, $2, $3, $4)`,
  [floor.id, plan.byteLength, createHash('sha256').update(plan).digest('hex'), plan],
);
const columns = Math.ceil(Math.sqrt(DESKS * 1.6));
for (let index = 0; index < DESKS; index += 1) {
  await insertDesk(service.db, {
    name: `M-${String(index).padStart(4, '0')}`,
    mac: `0090aa${index.toString(16).padStart(6, '0')}`,
    computerNames: [],
    floorId: floor.id,
    x: 0.03 + ((index % columns) / columns) * 0.94,
    y: 0.05 + (Math.floor(index / columns) / Math.ceil(DESKS / columns)) * 0.9,
    rotation: 0,
    zoneId: null,
    enabled: true,
  });
}

// In-page measurements are plain strings: code transformed by tsx would reference its helpers in the page.
const measureFloorSwitch = (expected: number) => `(async () => {
  const tab = [...document.querySelectorAll('[role="tab"]')].find((candidate) => candidate.textContent.includes('Benchmark floor'));
  const start = performance.now();
  tab.click();
  await new Promise((resolve) => {
    const check = () => (document.querySelectorAll('[data-desk-id]').length >= ${expected} ? resolve() : requestAnimationFrame(check));
    check();
  });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return performance.now() - start;
})()`;

/**
 * Before each real pointer move (Playwright's mouse, through Chromium's input pipeline): the move's event time;
 * then the frame after the dragged desk's drawing changed (React's render included), as the move's latency.
 */
const WATCH_DRAG = `(() => {
  // A desk in view: the one nearest the canvas's centre that the pointer would hit.
  const svg = document.querySelector('svg[role="application"]').getBoundingClientRect();
  const desk = [...document.querySelectorAll('[data-desk-id]')]
    .map((candidate) => ({ candidate, box: candidate.getBoundingClientRect() }))
    .filter(({ candidate, box }) => document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest('[data-desk-id]') === candidate)
    .sort((a, b) => Math.hypot(a.box.x - svg.x - svg.width / 2, a.box.y - svg.y - svg.height / 2) - Math.hypot(b.box.x - svg.x - svg.width / 2, b.box.y - svg.y - svg.height / 2))[0].candidate;
  window.__drag = { id: desk.getAttribute('data-desk-id'), latencies: [], pending: null };
  window.addEventListener('pointermove', (event) => { if (event.buttons === 1) window.__drag.pending = event.timeStamp; }, true);
  new MutationObserver((records) => {
    const started = window.__drag.pending;
    if (started === null || !records.some((record) => record.target.getAttribute('data-desk-id') === window.__drag.id)) return;
    window.__drag.pending = null;
    requestAnimationFrame((frame) => window.__drag.latencies.push(frame - started));
  }).observe(desk.ownerSVGElement, { attributes: true, attributeFilter: ['transform'], subtree: true });
  const box = desk.getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
})()`;

const { browser, page } = await signedInPage(service.url, 'facility');
await page.goto('/desks/map');
await page.getByRole('application').waitFor();

const firstPaint: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  await page.getByRole('tab', { name: /Ground floor/ }).click();
  await page.getByRole('application').waitFor();
  await page.waitForTimeout(300);
  // From the click on the floor's tab to the frame after all its desks are in the document.
  firstPaint.push(await page.evaluate<number>(measureFloorSwitch(DESKS)));
}

// Drag: a desk pressed, then 40 real pointer moves, each waited for until it is drawn; three drags.
const dragLatencies: number[] = [];
for (let drag = 0; drag < 3; drag += 1) {
  const at = await page.evaluate<{ x: number; y: number }>(WATCH_DRAG);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  // Back and forth by more than the editor's snapping grid at this zoom, so that each move moves the desk.
  for (let step = 1; step <= 40; step += 1) {
    await page.mouse.move(at.x + (step % 2 === 1 ? 20 : -20), at.y + (step % 4 < 2 ? 10 : -10));
    await page.waitForFunction(
      (count) => (window as unknown as { __drag: { latencies: number[] } }).__drag.latencies.length >= count,
      step,
      { timeout: 5000 },
    );
  }
  await page.mouse.up();
  dragLatencies.push(...(await page.evaluate<number[]>('window.__drag.latencies')));
  // Undo the move, so that the next drag starts from the same layout.
  await page.keyboard.press('Control+z');
}

const range = (values: readonly number[]) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
console.log(
  `\nFloor map in Chromium (${DESKS} desks on a 2400×1500 plan, ${RUNS} floor switches, ${dragLatencies.length} pointer moves)\n`,
);
console.log('| measurement | median | min–max | p95 | budget |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| choosing the floor → frame with all desks | ${ms(median(firstPaint))} | ${range(firstPaint)} | | 300 ms |`,
);
console.log(
  `| real pointer move while dragging → frame showing the desk moved | ${ms(median(dragLatencies))} | ${range(dragLatencies)} | ${ms(percentile(dragLatencies, 95))} | 50 ms at p95 |`,
);

await browser.close();
await service.close();
await rm(dataDir, { recursive: true, force: true });
