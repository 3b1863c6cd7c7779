import type { LiveEvent } from '../contract/desks.ts';

/**
 * Fan-out of changes to the Server-Sent Events streams of connected consoles. With several instances on one
 * PostgreSQL, each change also goes to the others (`relayTo`, see server/db/event-relay.ts), and theirs arrive
 * through `deliver`.
 */
export class EventBus {
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private relay: ((event: LiveEvent) => void) | null = null;

  /** A change made here: to this instance's streams and to the other instances. */
  publish(event: LiveEvent): void {
    this.deliver(event);
    this.relay?.(event);
  }

  /** A change made by another instance: to this instance's streams only. */
  deliver(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  relayTo(send: ((event: LiveEvent) => void) | null): void {
    this.relay = send;
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
