import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDataDir } from './data-dir-lock.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotdesk-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('claimDataDir', () => {
  it('refuses a second service on the same folder while the first runs, and names PostgreSQL for several', async () => {
    // A live process that is not this one holds the folder: the test runner's parent.
    await writeFile(join(dir, 'hotdesk.pid'), String(process.ppid));
    await expect(claimDataDir(dir)).rejects.toThrow(
      new RegExp(`Another Hotdesk service \\(process ${process.ppid}\\) uses .*PostgreSQL \\(DATABASE_URL\\)`),
    );
  });

  it('takes over a folder whose service is gone, and lets it go on release', async () => {
    // The process id of a child that has ended.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(dir, 'hotdesk.pid'), ended);
    const release = await claimDataDir(dir);
    expect(await readFile(join(dir, 'hotdesk.pid'), 'utf8')).toBe(String(process.pid));
    await release();
    await expect(readFile(join(dir, 'hotdesk.pid'), 'utf8')).rejects.toThrow();
    const again = await claimDataDir(dir);
    await again();
  });
});
