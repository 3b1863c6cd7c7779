import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { liveEventSchema, type LiveEvent } from '../../contract/events.ts';
import type { EventBus } from '../lib/events.ts';
import type { Queryable } from './db.ts';
import { errorField, log } from '../lib/log.ts';

/** At most this many ids in one notification: PostgreSQL's payload limit is 8,000 bytes, a uuid takes 39. */
const IDS_PER_NOTE = 150;

/** An event in parts small enough for NOTIFY (an import can change thousands of desks). */
export function notePieces(event: LiveEvent): LiveEvent[] {
  const split = (ids: readonly string[], make: (part: string[]) => LiveEvent) => {
    if (ids.length <= IDS_PER_NOTE) return [event];
    const parts: LiveEvent[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_NOTE)
      parts.push(make(ids.slice(start, start + IDS_PER_NOTE)));
    return parts;
  };
  switch (event.type) {
    case 'desks':
    case 'floors':
    case 'sites':
      return split(event.ids, (ids) => ({ type: event.type, ids }));
    case 'occupancy':
      return split(event.deskIds, (deskIds) => ({ type: 'occupancy', deskIds }));
    case 'me':
      return split(event.users, (users) => ({ type: 'me', users }));
    default:
      return [event];
  }
}

const EVERYTHING: LiveEvent[] = [
  { type: 'desks', ids: [] },
  { type: 'floors', ids: [] },
  { type: 'sites', ids: [] },
  { type: 'occupancy', deskIds: [] },
  { type: 'settings' },
  { type: 'bookings', floorIds: [] },
  { type: 'emergency' },
];

/**
 * Live events between the instances on one PostgreSQL: each change is NOTIFYed on a channel of the service's
 * schema, and a connection of its own LISTENs for the other instances' (after a lost connection it listens
 * again and has every console here reload, since changes may have been missed meanwhile). Returns the stop.
 */
export async function relayEvents(
  bus: EventBus,
  db: Queryable,
  target: { connectionString: string; searchPath: string | undefined },
): Promise<() => Promise<void>> {
  const instance = randomUUID();
  const channel = `hotdesk_events_${(target.searchPath ?? 'public').toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(
    0,
    63,
  );
  let client: pg.Client | null = null;
  let stopped = false;
  let lost = false;
  let retry: NodeJS.Timeout | undefined;

  bus.relayTo((event) => {
    for (const piece of notePieces(event)) {
      db.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ from: instance, event: piece })]).catch(
        (error: unknown) =>
          log.error({ error: errorField(error) }, 'passing a live event to the other instances failed'),
      );
    }
  });

  const listen = async () => {
    const listener = new pg.Client({ connectionString: target.connectionString });
    client = listener;
    listener.on('notification', (message) => {
      try {
        const note = JSON.parse(message.payload ?? '') as { from?: unknown; event?: unknown };
        const event = liveEventSchema.safeParse(note.event);
        if (note.from !== instance && event.success) bus.deliver(event.data);
      } catch {
        // Not ours: ignored.
      }
    });
    const again = () => {
      if (stopped || client !== listener) return;
      client = null;
      lost = true;
      retry = setTimeout(() => void listen().catch(again), 1000);
    };
    listener.on('error', again);
    listener.on('end', again);
    await listener.connect();
    await listener.query(`LISTEN ${channel}`);
    // Whatever the others changed while this one was not listening: every console here reloads.
    if (lost) for (const event of EVERYTHING) bus.deliver(event);
    lost = false;
  };
  await listen();

  return async () => {
    stopped = true;
    clearTimeout(retry);
    bus.relayTo(null);
    await client?.end().catch(() => undefined);
  };
}
