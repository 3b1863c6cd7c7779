// A CPU limit for one process, as a container's `cpus:` gives it: a Linux control group with a CFS quota
// (cgroup v2 `cpu.max`, or v1's cpu controller). Needs root and a writable cgroup file system.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Short periods keep a limited process from running a long burst and then standing still for the rest. */
const PERIOD_US = 20_000;

export interface CpuLimit {
  /** Moves a process (with all its threads) under the limit. */
  add(pid: number): void;
  remove(): void;
}

/** Where control groups with a CPU controller can be made here, or null. */
function cpuHierarchy(): { root: string; version: 1 | 2 } | null {
  const unified = '/sys/fs/cgroup';
  try {
    if (readFileSync(join(unified, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu'))
      return { root: unified, version: 2 };
  } catch {
    // Not cgroup v2 at the root.
  }
  return existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us') ? { root: '/sys/fs/cgroup/cpu', version: 1 } : null;
}

/** A group limited to `cores` (e.g. 0.25: a quarter of one core), or null where none can be made. */
export function cpuLimit(name: string, cores: number): CpuLimit | null {
  const hierarchy = cpuHierarchy();
  if (hierarchy === null) return null;
  const path = join(hierarchy.root, `hotdesk-bench-${name}-${process.pid}`);
  const quota = Math.round(PERIOD_US * cores);
  try {
    if (hierarchy.version === 2) writeFileSync(join(hierarchy.root, 'cgroup.subtree_control'), '+cpu');
    mkdirSync(path, { recursive: true });
    if (hierarchy.version === 2) writeFileSync(join(path, 'cpu.max'), `${quota} ${PERIOD_US}`);
    else {
      writeFileSync(join(path, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(path, 'cpu.cfs_quota_us'), String(quota));
    }
  } catch {
    return null;
  }
  return {
    add: (pid) => writeFileSync(join(path, 'cgroup.procs'), String(pid)),
    remove: () => {
      // A process just killed may take a moment to leave the group; until then it cannot be removed.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        try {
          rmdirSync(path);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        }
      }
    },
  };
}
