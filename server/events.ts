import type { LiveEvent } from '../contract/desks.ts';

/** In-process fan-out of changes to the Server-Sent Events streams of connected consoles. */
export class EventBus {
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
