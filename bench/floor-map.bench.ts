// `npm run bench` (floor map part): in Debian Chromium, the time from choosing a floor with 2,000 desks
// to the frame that shows them, and from a pointer move while dragging to the next frame.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFloorPlanPng } from '../mocks/pbx/floor-plan.ts';
import { loadConfig } from '../server/config.ts';
import { insertDesk } from '../server/desks/desk-store.ts';
import { startService } from '../server/service.ts';
import { median, ms } from './stats.ts';
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

const MEASURE_DRAG = `(async () => {
  const svg = document.querySelector('svg[role="application"]');
  const desk = document.querySelector('[data-desk-id]');
  const box = desk.getBoundingClientRect();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const options = { bubbles: true, pointerId: 1, isPrimary: true, button: 0, buttons: 1, pointerType: 'mouse' };
  desk.dispatchEvent(new PointerEvent('pointerdown', { ...options, clientX: x, clientY: y }));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const times = [];
  for (let step = 1; step <= 40; step += 1) {
    const start = performance.now();
    svg.dispatchEvent(new PointerEvent('pointermove', { ...options, clientX: x + step * 4, clientY: y + step * 2 }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    times.push(performance.now() - start);
  }
  svg.dispatchEvent(new PointerEvent('pointerup', { ...options, clientX: x + 160, clientY: y + 80 }));
  return times;
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

// Drag: pointer down on a desk, then pointer moves; each measured to the next frame.
const dragFrames = await page.evaluate<number[]>(MEASURE_DRAG);

console.log(`\nFloor map in Chromium (${DESKS} desks on a 2400×1500 plan, ${RUNS} runs)\n`);
console.log('| measurement | median | budget |');
console.log('| --- | --- | --- |');
console.log(`| choosing the floor → frame with all desks | ${ms(median(firstPaint))} | 300 ms |`);
console.log(`| pointer move while dragging → next frame (40 moves) | ${ms(median(dragFrames))} | 50 ms |`);

await browser.close();
await service.close();
await rm(dataDir, { recursive: true, force: true });
