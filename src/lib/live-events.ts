import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { liveEventSchema } from '../../contract/events.ts';
import { hasBearerToken } from './api-client.ts';
import { openBearerEventStream, STREAM_CLOSED, type EventStream } from './event-stream.ts';
import { healthKeys, liveInvalidations, liveKeys } from './query-keys.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

const EVENTS_URL = '/api/v1/events';
const REOPEN_INITIAL_MS = 1000;
const REOPEN_MAX_MS = 30_000;

function openStream(): EventStream | null {
  if (hasBearerToken()) return openBearerEventStream(EVENTS_URL);
  return typeof EventSource === 'undefined' ? null : new EventSource(EVENTS_URL);
}

/**
 * Subscribes to GET /api/v1/events and invalidates exactly the queries each change names
 * (`liveInvalidations`). EventSource reconnects by itself after a dropped connection, but gives up for good
 * after an HTTP error (a 502 from a proxy during a deploy, a 503 while the service starts): then a new stream
 * is opened, after 1 s, 2 s, … up to 30 s. After any reconnect everything live is refetched, since changes
 * may have been missed meanwhile.
 */
export function useLiveEvents(enabled: boolean): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    let source: EventStream | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenMs = REOPEN_INITIAL_MS;
    let wasLive = false;

    const connect = () => {
      const stream = openStream();
      source = stream;
      if (!stream) return;
      stream.addEventListener('ready', () => {
        if (wasLive) for (const queryKey of liveKeys) void queryClient.invalidateQueries({ queryKey });
        wasLive = true;
        reopenMs = REOPEN_INITIAL_MS;
        setState('live');
      });
      stream.addEventListener('change', (message: { data: string }) => {
        const parsed = liveEventSchema.safeParse(JSON.parse(message.data));
        if (!parsed.success) return;
        for (const filters of liveInvalidations(parsed.data)) void queryClient.invalidateQueries(filters);
      });
      // The instance is shutting down: reconnect at once (the load balancer sends the stream elsewhere).
      stream.addEventListener('reconnect', () => {
        stream.close();
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(connect, 0);
      });
      stream.onerror = () => {
        setState('reconnecting');
        // The stream dropping is the first sign of an outage: check the service now, not at the next poll.
        void queryClient.invalidateQueries({ queryKey: healthKeys.all });
        if (stream.readyState !== STREAM_CLOSED) return;
        stream.close();
        reopenTimer = setTimeout(connect, reopenMs);
        reopenMs = Math.min(REOPEN_MAX_MS, reopenMs * 2);
      };
    };
    connect();
    return () => {
      clearTimeout(reopenTimer);
      source?.close();
    };
  }, [enabled, queryClient]);
  return state;
}
