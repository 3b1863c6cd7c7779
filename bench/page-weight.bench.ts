// `npm run bench` (page weight part): what a first visit loads before anything shows, as the service sends it
// over the wire (brotli, compressed at build time), and Lighthouse's desktop performance score for the sign-in page and the helpdesk's occupancy board, in Debian
// Chromium against the built console served by the service.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { loadConfig } from '../server/lib/config.ts';
import { startService } from '../server/service.ts';
import { TestClient } from '../test/http-client.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BUDGET_KB = 160;

// The scripts index.html starts with: its module script and the modules it preloads (what runs before the first
// screen); route chunks load later, when a section is opened.
const html = readFileSync('dist/index.html', 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map(
  (match) => match[1] ?? '',
);
const sizes = initial.map((path) => {
  const bytes = readFileSync(join('dist', path));
  return { path, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
});
const totalGzip = sizes.reduce((sum, size) => sum + size.gzip, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

console.log('\nInitial JavaScript (what index.html loads before the first screen; gzip -9)\n');
console.log('| script | size | gzip |');
console.log('| --- | --- | --- |');
for (const size of sizes) console.log(`| ${size.path} | ${kb(size.raw)} | ${kb(size.gzip)} |`);
console.log(`| **total** | | **${kb(totalGzip)}** (budget ${BUDGET_KB} kB) |`);

const dataDir = await mkdtemp(join(tmpdir(), 'hotdesk-bench-'));
const service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', PBX_SIM_PORT: '0', DATA_DIR: dataDir }));
const helpdesk = new TestClient(service.url);
await helpdesk.signIn('helpdesk', 'demo');

/** The bytes the service sends for `path` to a browser that accepts brotli and gzip (the body as sent, undecoded). */
const sent = (path: string) =>
  new Promise<{ bytes: number; encoding: string }>((resolve, reject) => {
    get(`${service.url}${path}`, { headers: { 'Accept-Encoding': 'br, gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on('end', () => resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'none') }));
    }).on('error', reject);
  });
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*\bhref="([^"]+\.css)"/g)].map(
  (match) => match[1] ?? '',
);
const wire = await Promise.all(['/', ...initial, ...styles].map(async (path) => ({ path, ...(await sent(path)) })));
const totalSent = wire.reduce((sum, file) => sum + file.bytes, 0);
console.log('\nThe first screen as sent over the wire (index.html, its scripts and styles)\n');
console.log('| file | encoding | sent |');
console.log('| --- | --- | --- |');
for (const file of wire) console.log(`| ${file.path} | ${file.encoding} | ${kb(file.bytes)} |`);
console.log(`| **total** | | **${kb(totalSent)}** (budget ${BUDGET_KB} kB) |`);

const chrome = await chromeLauncher.launch({
  chromePath: chromiumLaunchOptions.executablePath,
  chromeFlags: chromiumLaunchOptions.args,
});
/** Lighthouse's desktop performance score (0–1) and its largest contentful paint, median of RUNS. */
async function audit(path: string, headers: Record<string, string>) {
  const scores: number[] = [];
  const paints: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const result = await lighthouse(
      `${service.url}${path}`,
      { port: chrome.port, onlyCategories: ['performance'], extraHeaders: headers, logLevel: 'error' },
      desktopConfig,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`no Lighthouse result for ${path}`);
    scores.push(lhr.categories.performance?.score ?? 0);
    paints.push(Number(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN));
  }
  return { score: median(scores), lcp: median(paints) };
}
const pages = [
  { label: 'sign-in page', path: '/signin', headers: {} },
  { label: 'occupancy board (helpdesk)', path: '/occupancy', headers: { Cookie: helpdesk.cookieHeader() } },
];
console.log(`\nLighthouse ${RUNS} runs each, desktop preset (simulated throttling), median\n`);
console.log('| page | performance score | largest contentful paint | target |');
console.log('| --- | --- | --- | --- |');
for (const page of pages) {
  const { score, lcp } = await audit(page.path, page.headers);
  console.log(`| ${page.label} | ${score.toFixed(2)} | ${Math.round(lcp)} ms | ≥ 0.95 |`);
}

chrome.kill();
await service.close();
await rm(dataDir, { recursive: true, force: true });
