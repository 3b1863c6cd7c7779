import { z } from './zod.ts';

/** One change pushed on GET /api/v1/events; the console invalidates what it names. */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('desks'), ids: z.array(z.string()) }),
  z.object({ type: z.literal('floors'), ids: z.array(z.string()) }),
  z.object({ type: z.literal('zones'), floorId: z.string() }),
  z.object({ type: z.literal('occupancy'), deskIds: z.array(z.string()) }),
  z.object({ type: z.literal('settings') }),
  z.object({ type: z.literal('sites'), ids: z.array(z.string()) }),
  /** Bookings of these floors changed (made, cancelled, confirmed, released): no names, so every console gets it. */
  z.object({ type: z.literal('bookings'), floorIds: z.array(z.string()) }),
  /** An emergency call was made, or an alert was acknowledged: staff consoles show the open alerts again. */
  z.object({ type: z.literal('emergency') }),
  /** The mail outbox changed (a message queued, sent or given up on): administrators' outbox refreshes. */
  z.object({ type: z.literal('mail') }),
  /**
   * These people's own desks changed (a check-in or out by any path, a logout, a takeover, their phone going on
   * or off line): their My desk pages refresh. An employee's stream carries only the events naming them.
   */
  z.object({ type: z.literal('me'), users: z.array(z.string()) }),
  /** A PBX connection of the instance changed state (connected, lost, unresponsive): consoles check health now. */
  z.object({ type: z.literal('pbx') }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
