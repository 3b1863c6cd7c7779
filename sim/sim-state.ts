import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimObject } from './sim-objects.ts';

/** What a PBX keeps over a restart: its objects (device lists included), its phones and App object grants. */
export interface SimState {
  version: 1;
  objects: SimObject[];
  phones: { mac: string; online: boolean }[];
  grants: Record<string, string[]>;
}

function isSimState(value: unknown): value is Omit<SimState, 'grants'> & { grants?: SimState['grants'] } {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<SimState>;
  return state.version === 1 && Array.isArray(state.objects) && Array.isArray(state.phones);
}

/** The saved state, or null when there is none (first start) or it cannot be read (then start afresh). */
export function loadSimState(file: string): SimState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isSimState(parsed)) return { ...parsed, grants: parsed.grants ?? {} };
  } catch {
    // A torn or foreign file: the demo starts from its seed again rather than not at all.
  }
  console.warn(`PBX simulator: ${file} is not a simulator state file; starting from the demo company.`);
  return null;
}

/**
 * Writes are coalesced (many changes in one tick are one write) and atomic (a temporary file renamed over
 * the old one), so a crash leaves either the old or the new state, never half of one.
 */
export class SimStateWriter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => SimState,
    private readonly delayMs = 50,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeNow();
    }, this.delayMs);
  }

  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.writeNow();
  }

  private writeNow(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.snapshot()));
    renameSync(temporary, this.file);
  }
}
