import { z } from './zod.ts';

/** One desk as the occupancy board and the live map show it. */
export const deskOccupancySchema = z.object({
  deskId: z.string(),
  deskName: z.string(),
  mac: z.string(),
  computerNames: z.array(z.string()),
  floorId: z.string().nullable(),
  zoneId: z.string().nullable(),
  enabled: z.boolean(),
  /** Whoever's PBX device list holds the desk phone now. */
  occupant: z.object({ guid: z.string(), name: z.string(), displayName: z.string() }).nullable(),
  /** When the service saw the occupant arrive; null when it was not there to see it. */
  since: z.string().nullable(),
  /** How the occupant got the phone: a check-in method, or `pbx` when the device list was changed on the PBX. */
  method: z.enum(['desk', 'computer', 'thinclient', 'console', 'phone', 'pbx']).nullable(),
  /** Whether the desk phone is registered to the PBX right now. */
  phoneRegistered: z.boolean(),
});
export type DeskOccupancy = z.infer<typeof deskOccupancySchema>;

export const occupancyResponseSchema = z.object({
  desks: z.array(deskOccupancySchema),
  /** False while the PBX replica is still loading: occupants may be missing. */
  complete: z.boolean(),
});
export type OccupancyResponse = z.infer<typeof occupancyResponseSchema>;

export const forceLogoutRequestSchema = z.object({
  deskIds: z.array(z.string()).min(1, 'Choose at least one desk.').max(5000),
});

export const forceLogoutResponseSchema = z.object({
  results: z.array(
    z.object({
      deskId: z.string(),
      status: z.enum(['logged_out', 'was_free', 'failed']),
      message: z.string().optional(),
    }),
  ),
});
export type ForceLogoutResponse = z.infer<typeof forceLogoutResponseSchema>;
