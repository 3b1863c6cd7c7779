import { EventSourceParserStream } from 'eventsource-parser/stream';
import { authHeaders } from './api-client.ts';

/** What useLiveEvents needs of a Server-Sent Events connection: named events, errors, and whether it gave up. */
export interface EventStream {
  addEventListener(type: string, listener: (message: { data: string }) => void): void;
  onerror: ((event: Event) => void) | null;
  /** As EventSource: 2 (CLOSED) once it will not reconnect by itself. */
  readonly readyState: number;
  close(): void;
}

/** EventSource.CLOSED, without needing EventSource (absent in some test environments). */
export const STREAM_CLOSED = 2;

const RETRY_INITIAL_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Server-Sent Events over fetch, for a bearer session: EventSource cannot send an Authorization header.
 * Parsed by eventsource-parser as EventSource would; reconnects with a growing delay, as it does;
 * a 401 or 403 ends it (the session is over, and the session query notices that on its own).
 */
export function openBearerEventStream(url: string): EventStream {
  const listeners = new Map<string, ((message: { data: string }) => void)[]>();
  const controller = new AbortController();
  let retryMs = RETRY_INITIAL_MS;
  let closed = false;
  const stream: EventStream = {
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    onerror: null,
    get readyState() {
      return closed ? STREAM_CLOSED : 1;
    },
    close: () => {
      closed = true;
      controller.abort();
    },
  };
  const dispatch = (type: string, data: string) => {
    for (const listener of listeners.get(type) ?? []) listener({ data });
  };

  const connect = async (): Promise<'retry' | 'stop'> => {
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...authHeaders() },
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) return 'stop';
    if (!response.ok || !response.body) return 'retry';
    retryMs = RETRY_INITIAL_MS;
    // eventsource-parser reads the stream as the HTML standard says (line ends split across chunks included).
    const events = response.body
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream())
      .getReader();
    for (;;) {
      const { value, done } = await events.read();
      if (done) return 'retry';
      dispatch(value.event ?? 'message', value.data);
    }
  };

  const run = async () => {
    while (!controller.signal.aborted) {
      let outcome: 'retry' | 'stop';
      try {
        outcome = await connect();
      } catch {
        outcome = 'retry';
      }
      if (controller.signal.aborted) return;
      closed = outcome === 'stop';
      stream.onerror?.(new Event('error'));
      if (closed) return;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    }
  };
  void run();
  return stream;
}
