import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds the folder: written into the lease file. */
interface Holder {
  id: string;
  host: string;
  pid: number;
  since: string;
}

export interface DataDirLockOptions {
  /** A lease not renewed for this long is taken over (its holder died; default 20 s). */
  leaseMs?: number;
  /** How often the holder renews its lease and checks it still holds it (default 5 s). */
  renewMs?: number;
  /** The lease was taken by another service: this one must stop writing at once. */
  onLost: (holder: string) => void;
}

const FILE = 'hotdesk.lock';

/**
 * The embedded PGlite serves one process. Two services on one folder (two containers on one volume, both
 * process 1; two hosts sharing it) would both write and lose data, and process ids do not tell them apart, so
 * the folder is held by a **lease**: a file created exclusively (`wx`), naming a random holder id, host and
 * process, renewed every few seconds by touching it. A second service refuses to start while the lease is fresh;
 * a lease its holder stopped renewing (a crash, a power cut) is taken over. The holder checks at every renewal
 * that the file is still its own and calls `onLost` otherwise. Returns the release, for a clean shutdown.
 */
export async function claimDataDir(dir: string, options: DataDirLockOptions): Promise<() => Promise<void>> {
  const file = join(dir, FILE);
  const leaseMs = options.leaseMs ?? 20_000;
  const me: Holder = { id: randomUUID(), host: hostname(), pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw error;
    }
    const current = await readHolder(file);
    const age = await ageOf(file);
    if (!current && age !== null && age < 2_000) {
      // Created this instant and not written yet: another service is claiming the folder right now.
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    if (current && age !== null && age < leaseMs) {
      throw new Error(
        `Another Hotdesk service (${current.host}, process ${current.pid}, since ${current.since}) uses ${dir}. The embedded PGlite database serves one instance: stop that one, give this one its own DATA_DIR, or run several on PostgreSQL (DATABASE_URL).`,
      );
    }
    // Stale: moved aside under a name of our own (only one mover wins the rename), then looked at. Had someone
    // renewed or replaced it meanwhile, it is put back and the folder is theirs.
    const aside = `${file}.${me.id}`;
    if (
      !(await rename(file, aside).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const moved = await readHolder(aside);
    if (moved?.id !== current?.id) {
      await rename(aside, file).catch(() => undefined);
      continue;
    }
    await rm(aside, { force: true });
  }
  let stopped = false;
  // A file read while someone writes it may be empty for a moment: only three unreadable reads in a row count.
  let unreadable = 0;
  const renew = setInterval(() => {
    void (async () => {
      const holder = await readHolder(file);
      if (stopped) return;
      unreadable = holder === null ? unreadable + 1 : 0;
      if ((holder !== null && holder.id !== me.id) || unreadable >= 3) {
        stopped = true;
        clearInterval(renew);
        options.onLost(holder ? `${holder.host}, process ${holder.pid}` : 'nobody (the lease file is gone)');
        return;
      }
      if (holder === null) return;
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
    })();
  }, options.renewMs ?? 5_000);
  renew.unref();
  return async () => {
    stopped = true;
    clearInterval(renew);
    if ((await readHolder(file))?.id === me.id) await rm(file, { force: true });
  };
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.id === 'string'
      ? { id: parsed.id, host: String(parsed.host), pid: Number(parsed.pid), since: String(parsed.since) }
      : null;
  } catch {
    return null;
  }
}

/** How long ago the lease was last renewed, or null when the file is gone. */
async function ageOf(file: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}
