import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/service-harness.ts';
import { claimDataDir } from './data-dir-lock.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotdesk-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const never = () => {
  throw new Error('the lease was lost');
};

describe('claimDataDir', () => {
  it('refuses a second service on the same folder, even with the same process id (two containers, both process 1)', async () => {
    const release = await claimDataDir(dir, { onLost: never });
    // Same host, same process id, same folder: only the lease's holder id tells them apart.
    await expect(claimDataDir(dir, { onLost: never })).rejects.toThrow(
      new RegExp(
        `Another Hotdesk service \\(.*, process ${process.pid}, since .*\\) uses .*PostgreSQL \\(DATABASE_URL\\)`,
      ),
    );
    await release();
    const again = await claimDataDir(dir, { onLost: never });
    await again();
  });

  it('takes over a lease its holder stopped renewing (a crash), and lets it go on release', async () => {
    await writeFile(
      join(dir, 'hotdesk.lock'),
      JSON.stringify({ id: 'crashed', host: 'elsewhere', pid: 1, since: '2026-01-01T00:00:00Z' }),
    );
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'hotdesk.lock'), old, old);
    const release = await claimDataDir(dir, { onLost: never });
    expect(JSON.parse(await readFile(join(dir, 'hotdesk.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await release();
    await expect(readFile(join(dir, 'hotdesk.lock'), 'utf8')).rejects.toThrow();
  });

  it('renews its lease, and tells its holder at once when another service took the folder', async () => {
    let lost = '';
    const release = await claimDataDir(dir, { renewMs: 20, onLost: (holder) => (lost = holder) });
    const file = join(dir, 'hotdesk.lock');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    await waitFor(async () => Date.now() - (await stat(file)).mtimeMs < 10_000);
    await writeFile(file, JSON.stringify({ id: 'intruder', host: 'other-host', pid: 1, since: 'now' }));
    await waitFor(() => lost !== '');
    expect(lost).toBe('other-host, process 1');
    await release();
    // The intruder's lease is not ours to remove.
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ id: 'intruder' });
  });
});
