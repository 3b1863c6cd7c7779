import type { LiveEvent } from '../../contract/events.ts';

/**
 * Fan-out of changes to the Server-Sent Events streams of connected consoles. With several instances on one
 * PostgreSQL, each change also goes to the others (`relayTo`, see server/db/event-relay.ts), and theirs arrive
 * through `deliver`.
 */
export class EventBus {
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private relay: ((event: LiveEvent) => void) | null = null;
  /** The open streams, each with the function that ends it with a last event telling the console to reconnect. */
  private readonly streams = new Set<() => void>();

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

  /** A console's stream opened; `goodbye` ends it with a reconnect event. Returns the function that forgets it. */
  openStream(goodbye: () => void): () => void {
    this.streams.add(goodbye);
    return () => this.streams.delete(goodbye);
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** Shutting down: every stream ends with a reconnect event, so that its console reconnects to another instance. */
  endStreams(): void {
    for (const goodbye of [...this.streams]) goodbye();
  }
}
