import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The embedded PGlite serves one process: the service claims its DATA_DIR with a file holding its process id, and a
 * second service on the same folder stops at start with a clear message. A file left by a process that is gone
 * (a crash, a power cut) is taken over. Returns the release, for a clean shutdown.
 */
export async function claimDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'hotdesk.pid');
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `Another Hotdesk service (process ${holder}) uses ${dir}. The embedded PGlite database serves one instance: ` +
          'stop that one, give this one its own DATA_DIR, or run several on PostgreSQL (DATABASE_URL).',
      );
    }
    await rm(file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
