import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { liveEventSchema } from '../../contract/desks.ts';
import { hasBearerToken } from './api-client.ts';
import { openBearerEventStream, type EventStream } from './event-stream.ts';
import { keyRoots } from './query-keys.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Subscribes to GET /api/v1/events and invalidates the queries each change names. EventSource (or, for a
 * bearer session, its fetch twin) reconnects by itself; after a reconnect everything live is refetched,
 * since changes may have been missed.
 */
export function useLiveEvents(enabled: boolean): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    let source: EventStream;
    if (hasBearerToken()) source = openBearerEventStream('/api/v1/events');
    else if (typeof EventSource !== 'undefined') source = new EventSource('/api/v1/events');
    else return;
    let wasLive = false;
    source.addEventListener('ready', () => {
      if (wasLive) {
        for (const root of Object.values(keyRoots)) void queryClient.invalidateQueries({ queryKey: [root] });
      }
      wasLive = true;
      setState('live');
    });
    source.addEventListener('change', (message: { data: string }) => {
      const parsed = liveEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      const event = parsed.data;
      switch (event.type) {
        case 'desks':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.desks] });
          void queryClient.invalidateQueries({ queryKey: [keyRoots.occupancy] });
          break;
        case 'floors':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.floors] });
          break;
        case 'zones':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.zones, event.floorId] });
          break;
        case 'occupancy':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.occupancy] });
          break;
        case 'sites':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.sites] });
          break;
        case 'settings':
          void queryClient.invalidateQueries({ queryKey: [keyRoots.settings] });
          void queryClient.invalidateQueries({ queryKey: [keyRoots.me] });
          break;
      }
    });
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, [enabled, queryClient]);
  return state;
}
