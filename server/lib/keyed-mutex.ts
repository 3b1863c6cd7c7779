/** Runs `work` while holding every one of `keys` (a desk, a person): in one process, or across instances. */
export interface Mutex {
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
}

/**
 * Mutual exclusion per key (a MAC, a user guid). `run` takes several keys in sorted order, so two
 * callers that need overlapping keys cannot deadlock.
 */
export class KeyedMutex implements Mutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key));
    try {
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    return previous.then(() => () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }
}
