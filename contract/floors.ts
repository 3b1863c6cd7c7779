import { deskSchema, positionSchema, rotationSchema } from './desks.ts';
import { humanName, int32, optionalHumanName } from './names.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/** Floors, their plans and zones, and the floor editor's layout (GET/POST /api/v1/floors…). */

export const floorPlanSchema = z.object({
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  width: z.number().int(),
  height: z.number().int(),
  size: z.number().int(),
  updatedAt: z.string(),
});

export const floorSchema = z.object({
  id: z.string(),
  name: z.string(),
  building: z.string(),
  /** The site the floor is in (its address and PBX location); null: none yet. */
  siteId: z.string().nullable(),
  sortOrder: z.number().int(),
  plan: floorPlanSchema.nullable(),
  version: z.number().int(),
});
export type Floor = z.infer<typeof floorSchema>;

const floorFields = {
  name: humanName('floorName'),
  building: optionalHumanName('buildingName'),
  siteId: z.string().uuid(messageText('contract.floors.chooseSiteList')).nullable(),
  sortOrder: int32,
};
export const floorInputSchema = z.object({
  ...floorFields,
  building: floorFields.building.default(''),
  siteId: floorFields.siteId.default(null),
  sortOrder: floorFields.sortOrder.default(0),
});
export type FloorInput = z.input<typeof floorInputSchema>;
/** No defaults: a field left out of a PATCH stays as it is. */
export const floorPatchSchema = z.object(floorFields).partial();

export const pointSchema = z.object({ x: positionSchema, y: positionSchema });

export const zoneSchema = z.object({
  id: z.string(),
  floorId: z.string(),
  name: z.string(),
  color: z.string(),
  polygon: z.array(z.object({ x: z.number(), y: z.number() })),
  version: z.number().int(),
});
export type Zone = z.infer<typeof zoneSchema>;

export const zoneInputSchema = z.object({
  name: humanName('zoneName'),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, messageText('contract.floors.colour3b82f6')),
  polygon: z.array(pointSchema).min(3, messageText('contract.floors.zoneNeedsLeastThree')).max(200),
});

export const floorListResponseSchema = z.object({ floors: z.array(floorSchema) });
export const zoneListResponseSchema = z.object({ zones: z.array(zoneSchema) });

/**
 * The floor editor saves a whole draft at once: every change, all or nothing, each with the version it
 * was based on. Stale items come back as conflicts with their current state. A desk's zone follows from
 * its position: the service sets it to the zone whose polygon contains the desk.
 */
export const layoutSaveRequestSchema = z.object({
  desks: z
    .array(
      z.object({
        id: z.string(),
        version: int32,
        x: positionSchema.nullable(),
        y: positionSchema.nullable(),
        rotation: rotationSchema,
        /** false takes the desk off this floor (it stays in the desk table). */
        onFloor: z.boolean(),
      }),
    )
    .max(20_000),
  zones: z
    .array(
      z.object({
        /** Absent: a new zone. */
        id: z.string().optional(),
        version: int32.optional(),
        deleted: z.boolean().default(false),
        ...zoneInputSchema.shape,
      }),
    )
    .max(500),
});
export type LayoutSaveRequest = z.input<typeof layoutSaveRequestSchema>;

export const layoutConflictSchema = z.object({
  desks: z.array(deskSchema),
  /** Zones changed or deleted by someone else (deleted: the id with `current: null`). */
  zones: z.array(z.object({ id: z.string(), current: zoneSchema.nullable() })),
});
export type LayoutConflict = z.infer<typeof layoutConflictSchema>;

export const layoutSaveResponseSchema = z.object({
  desks: z.array(deskSchema),
  zones: z.array(zoneSchema),
});
