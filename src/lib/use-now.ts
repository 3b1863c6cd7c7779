import { useSyncExternalStore } from 'react';

/** The time the console's views read, ticking every half minute while any of them is shown. */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of [...listeners]) each();
    }, 30_000);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearInterval(timer);
  };
}

/** Now, in epoch milliseconds: pure during render (the same within one), fresh every half minute. */
export const useNow = (): number => useSyncExternalStore(subscribe, () => now);
