// `npm run bench` (hostile desk files): files under the 50 MB body limit built to exhaust the import,
// each parsed and validated in a fresh process of its own, which reports its peak resident memory and the
// size of what an import answer would list. The parse is the part whose cost follows the file.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseDeskCsv } from '../contract/desk-csv.ts';
import { ms } from './stats.ts';

const MB = 1024 * 1024;
const CASES: Record<string, () => string> = {
  'a header of 25 million unknown columns': () => `hw_id,name,${'a,'.repeat(25_000_000)}a\n`,
  'one data row of 25 million fields': () => `hw_id,name\n${'a,'.repeat(25_000_000)}a\n`,
  'one cell of 49 MB': () => `hw_id,name\n${'f'.repeat(49 * MB)},Desk\n`,
  '4 million rows (over the row limit)': () => `hw_id,name\n${'not-a-mac,D\n'.repeat(4_000_000)}`,
  '1 million rows, each with two errors': () => `hw_id,name\n${'not-a-mac,D\n'.repeat(1_000_000)}`,
  '24 million one-letter rows (over the row limit)': () => `hw_id,name\n${'a\n'.repeat(24_000_000)}`,
  '1 million valid desks (for comparison)': () => {
    const lines = ['hw_id,name'];
    for (let index = 0; index < 1_000_000; index += 1)
      lines.push(`${index.toString(16).padStart(12, '0')},Desk ${index}`);
    return lines.join('\n');
  },
};

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const child = process.argv[2];

if (child !== undefined) {
  const bytes = new TextEncoder().encode(CASES[child]?.() ?? '');
  const before = peakMb();
  const started = performance.now();
  const parsed = parseDeskCsv(bytes);
  const elapsed = performance.now() - started;
  const listed = JSON.stringify({ errors: parsed.errors, warnings: parsed.warnings }).length;
  process.stdout.write(
    JSON.stringify({ mb: bytes.length / MB, elapsed, before, after: peakMb(), errors: parsed.errorCount, listed }),
  );
} else {
  console.log(`\nHostile desk files, each in a fresh process (Node ${process.version})\n`);
  console.log('| file | size | parse + validate | errors (listed) | answer lists | peak RSS before → after |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const name of Object.keys(CASES)) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    });
    const result = JSON.parse(run.stdout) as {
      mb: number;
      elapsed: number;
      before: number;
      after: number;
      errors: number;
      listed: number;
    };
    console.log(
      `| ${name} | ${result.mb.toFixed(0)} MB | ${ms(result.elapsed)} | ${result.errors.toLocaleString('en')} (≤ 1,000) | ${(result.listed / 1024).toFixed(0)} KB | ${result.before} → ${result.after} MB |`,
    );
  }
}
