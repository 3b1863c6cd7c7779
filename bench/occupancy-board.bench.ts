// `npm run bench` (occupancy board part): in Debian Chromium, the helpdesk's board with 50,000 desks — from the
// moment the occupancy answer has arrived to the frame that shows the table, from a filter keystroke to the
// frame with the filtered rows, and the longest main-thread task while scrolling.
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/lib/config.ts';
import { startService } from '../server/service.ts';
import { settingsSchema } from '../contract/settings.ts';
import { TestClient } from '../test/http-client.ts';
import { median, ms } from './stats.ts';
import { signedInPage } from './support/browser.ts';

const DESKS = Number(process.env.BENCH_BOARD_DESKS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-bench-'));
const service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', PBX_SIM_PORT: '0', DATA_DIR: dataDir }));
// Base objects off: this benchmark is about the board, not about creating 50,000 objects on the PBX.
const admin = new TestClient(service.url);
await admin.signIn('admin', 'demo');
const { version, ...settings } = settingsSchema.parse((await admin.request('GET', '/settings')).body);
const saved = await admin.request('PUT', '/settings', {
  body: { ...settings, phones: { ...settings.phones, baseObjects: false } },
  headers: { 'If-Match': `"${version}"` },
});
if (saved.status !== 200) throw new Error(`settings: ${JSON.stringify(saved.body)}`);
await service.db.query(
  `INSERT INTO desks (name, mac, floor_id)
   SELECT 'B-' || lpad(i::text, 5, '0'), '0090bb' || lpad(to_hex(i), 6, '0'), (SELECT id FROM floors ORDER BY sort_order LIMIT 1)
   FROM generate_series(0, $1::int - 1) AS i`,
  [DESKS],
);
const total = (await service.db.query<{ count: number }>('SELECT count(*)::int AS count FROM desks'))[0]?.count ?? 0;
const shown = total.toLocaleString('en');

// In-page code is plain strings: code transformed by tsx would reference its helpers in the page.
/** Before the console's scripts: when the occupancy answer ended, when the count shows every desk, long tasks. */
const OBSERVE = `(() => {
  window.__bench = { answered: null, shown: null, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name.endsWith('/api/v1/occupancy')) window.__bench.answered = entry.responseEnd;
  }).observe({ type: 'resource', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ at: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__bench.shown !== null) return;
    const count = document.querySelector('.occupancy-board .table-count');
    if (count && count.textContent.startsWith(${JSON.stringify(shown)} + ' desks'))
      requestAnimationFrame((frame) => { window.__bench.shown = frame; });
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/** Types one character into the search; the time from the key to the frame after the count changed. */
const KEYSTROKE = (character: string) => `(async () => {
  const input = document.getElementById('occupancy-search');
  const count = document.querySelector('.occupancy-board .table-count');
  const before = count.textContent;
  const changed = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('the count did not change after typing ${character}')), 10000);
    const observer = new MutationObserver(() => {
      if (count.textContent === before) return;
      observer.disconnect();
      requestAnimationFrame((frame) => resolve(frame));
    });
    observer.observe(count, { subtree: true, childList: true, characterData: true });
  });
  const start = performance.now();
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(character)}, bubbles: true }));
  setter.call(input, input.value + ${JSON.stringify(character)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return (await changed) - start;
})()`;

const { browser, page } = await signedInPage(service.url, 'helpdesk');
await page.addInitScript(OBSERVE);

const firstRender: number[] = [];
const keystrokes: number[] = [];
const scrollLongest: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  await page.goto('/occupancy');
  await page.waitForFunction(
    () => {
      const bench = (window as unknown as { __bench: { shown: number | null; answered: number | null } }).__bench;
      return bench.shown !== null && bench.answered !== null;
    },
    null,
    { timeout: 60_000 },
  );
  firstRender.push(await page.evaluate<number>('window.__bench.shown - window.__bench.answered'));
  await page.waitForTimeout(500);
  // "4", "49", "492", "4921", "49217": each keystroke narrows what the table shows.
  for (const character of ['4', '9', '2', '1', '7']) keystrokes.push(await page.evaluate<number>(KEYSTROKE(character)));
  await page.locator('#occupancy-search').fill('');
  await page.waitForFunction(
    (expected) => document.querySelector('.occupancy-board .table-count')?.textContent?.startsWith(expected),
    `${shown} desks`,
  );
  // Scrolling: 60 wheel steps over the table; the longest main-thread task meanwhile.
  const grid = page.locator('.grid-scroll');
  const box = await grid.boundingBox();
  if (!box) throw new Error('no table');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const scrollStart = await page.evaluate<number>('performance.now()');
  for (let step = 0; step < 60; step += 1) {
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  scrollLongest.push(
    await page.evaluate<number>(
      `Math.max(0, ...window.__bench.longTasks.filter((task) => task.at >= ${scrollStart}).map((task) => task.duration))`,
    ),
  );
}

const helpdesk = new TestClient(service.url);
await helpdesk.signIn('helpdesk', 'demo');
const answerBytes = Buffer.byteLength(JSON.stringify((await helpdesk.request('GET', '/occupancy')).body));
// As sent to a browser: the body's bytes before decoding.
const sentBytes = await new Promise<number>((resolve, reject) => {
  const request = get(
    `${service.url}/api/v1/occupancy`,
    { headers: { Cookie: helpdesk.cookieHeader(), 'Accept-Encoding': 'gzip, br' } },
    (answer) => {
      let bytes = 0;
      answer.on('data', (chunk: Buffer) => (bytes += chunk.length));
      answer.on('end', () => resolve(bytes));
    },
  );
  request.on('error', reject);
});
console.log(
  `\nOccupancy board in Chromium (${shown} desks, helpdesk, 1440×900, ${RUNS} runs; the answer is ${(answerBytes / 1e6).toFixed(1)} MB of JSON, ${(sentBytes / 1e6).toFixed(2)} MB as sent)\n`,
);
console.log('| measurement | median | min–max | budget |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| occupancy answer received → frame showing the table | ${ms(median(firstRender))} | ${ms(Math.min(...firstRender))}–${ms(Math.max(...firstRender))} | 300 ms |`,
);
console.log(
  `| filter keystroke → frame with the filtered rows (${keystrokes.length} keys) | ${ms(median(keystrokes))} | ${ms(Math.min(...keystrokes))}–${ms(Math.max(...keystrokes))} | 100 ms |`,
);
console.log(
  `| longest main-thread task while scrolling 60 wheel steps (0: none ≥ 50 ms) | ${ms(median(scrollLongest))} | ${ms(Math.min(...scrollLongest))}–${ms(Math.max(...scrollLongest))} | no long task |`,
);

await browser.close();
await service.close();
await rm(dataDir, { recursive: true, force: true });
