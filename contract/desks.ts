import { isUuid } from './ids.ts';
import { z } from './zod.ts';
import { normalizeMac } from './mac.ts';
import { humanName, NAME_MAX } from './names.ts';
import { netbiosProblem } from './netbios.ts';
import { messageText } from '../i18n/message.ts';

export const DESK_NAME_MAX = NAME_MAX;

export const deskNameSchema = humanName('deskName', DESK_NAME_MAX);

/** Accepts any common MAC notation; the parsed value is canonical (12 lowercase hex digits). */
export const macInputSchema = z.string().transform((value, context) => {
  const canonical = normalizeMac(value);
  if (canonical === null) {
    context.addIssue({ code: 'custom', message: messageText('contract.desks.enterPhoneMacAs') });
    return z.NEVER;
  }
  return canonical;
});

/** The computer and thin-client names of one desk, at most (the desk form, the API and the CSV import). */
export const MAX_COMPUTER_NAMES = 20;

export const computerNamesSchema = z
  .array(z.string().trim())
  .max(MAX_COMPUTER_NAMES, messageText('contract.desks.tooManyComputers', { max: MAX_COMPUTER_NAMES }))
  .superRefine((names, context) => {
    const seen = new Set<string>();
    names.forEach((name, index) => {
      const problem = netbiosProblem(name);
      if (problem) context.addIssue({ code: 'custom', message: problem, path: [index] });
      if (seen.has(name.toLowerCase())) {
        context.addIssue({
          code: 'custom',
          message: messageText('contract.desks.listedTwice', { name }),
          path: [index],
        });
      }
      seen.add(name.toLowerCase());
    });
  });

/** A desk's position on its floor plan, as a fraction of the plan's width and height; its rotation in degrees. */
export const POSITION_MAX = 1;
export const ROTATION_MAX = 360;

export const positionSchema = z
  .number()
  .min(0, messageText('contract.desks.position', { max: POSITION_MAX }))
  .max(POSITION_MAX, messageText('contract.desks.position', { max: POSITION_MAX }));
export const rotationSchema = z
  .number()
  .min(0, messageText('contract.desks.rotation', { max: ROTATION_MAX }))
  .max(ROTATION_MAX, messageText('contract.desks.rotation', { max: ROTATION_MAX }));

export const deskSchema = z.object({
  id: z.string(),
  name: z.string(),
  mac: z.string(),
  computerNames: z.array(z.string()),
  floorId: z.string().nullable(),
  x: z.number().nullable(),
  y: z.number().nullable(),
  rotation: z.number(),
  zoneId: z.string().nullable(),
  enabled: z.boolean(),
  /** false: walk-in only, nobody books it ahead. */
  bookable: z.boolean(),
  version: z.number().int(),
});
export type Desk = z.infer<typeof deskSchema>;

/** What a person fills in to create a desk (the same schema validates the console form and the service). */
export const deskInputSchema = z.object({
  name: deskNameSchema,
  mac: macInputSchema,
  computerNames: computerNamesSchema.default([]),
  floorId: z.string().nullable().default(null),
  x: positionSchema.nullable().default(null),
  y: positionSchema.nullable().default(null),
  rotation: rotationSchema.default(0),
  zoneId: z.string().nullable().default(null),
  enabled: z.boolean().default(true),
});
export type DeskInput = z.input<typeof deskInputSchema>;

/** POST /api/v1/desks/batch: a row of new desks (the floor map's "Add desks"), created all or none. */
export const deskBatchRequestSchema = z.object({
  desks: z
    .array(deskInputSchema)
    .min(1, messageText('contract.desks.nameOneDesk'))
    .max(50, messageText('contract.desks.atMostAtOnce', { max: 50 })),
});
export type DeskBatchRequest = z.input<typeof deskBatchRequestSchema>;

export const deskBatchResponseSchema = z.object({ desks: z.array(deskSchema) });
export type DeskBatchResponse = z.infer<typeof deskBatchResponseSchema>;
export type DeskValues = z.output<typeof deskInputSchema>;

export const deskPatchSchema = z
  .object({
    name: deskNameSchema,
    mac: macInputSchema,
    computerNames: computerNamesSchema,
    floorId: z.string().nullable(),
    x: positionSchema.nullable(),
    y: positionSchema.nullable(),
    rotation: rotationSchema,
    zoneId: z.string().nullable(),
    enabled: z.boolean(),
    bookable: z.boolean(),
  })
  .partial();
export type DeskPatch = z.input<typeof deskPatchSchema>;
export type DeskPatchValues = z.output<typeof deskPatchSchema>;

export const deskListResponseSchema = z.object({
  desks: z.array(deskSchema),
  nextCursor: z.string().nullable(),
});
export type DeskListResponse = z.infer<typeof deskListResponseSchema>;

export const importChangeSchema = z.object({
  kind: z.enum(['added', 'changed', 'removed']),
  /** The file row (none for a removed desk). */
  row: z.number().int().nullable(),
  mac: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const importIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

/** POST /api/v1/desks/import: the dry run's (and the apply's) answer. */
export const importResponseSchema = z.object({
  summary: z.object({ added: z.number(), changed: z.number(), removed: z.number(), unchanged: z.number() }),
  /** The changes, the first 20,000 at most (`summary` counts them all). */
  changes: z.array(importChangeSchema),
  /** The first 1000 errors; `errorCount` counts them all. */
  errors: z.array(importIssueSchema),
  errorCount: z.number(),
  warnings: z.array(importIssueSchema),
  /** What an apply needs the person to decide first. */
  needs: z.object({
    confirmRemoveAll: z.boolean(),
    /** The first 100 occupied desks the import removes; `occupiedRemovedCount` counts them all. */
    occupiedRemoved: z.array(z.object({ deskName: z.string(), occupant: z.string() })),
    occupiedRemovedCount: z.number().int(),
    /** Whether the caller may choose to log them out (helpdesk and admin may; facility may not). */
    mayLogOut: z.boolean(),
  }),
  applied: z.boolean(),
  file: z.object({ encoding: z.string(), delimiter: z.string(), rows: z.number(), sha256: z.string() }),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

/** GET /api/v1/desks: filters and paging. */
export const deskListQuerySchema = z.object({
  /** A floor id, or `none` for desks on no floor. */
  floorId: z
    .string()
    .refine((value) => value === 'none' || isUuid(value), messageText('contract.bookings.unknownFloor'))
    .optional(),
  zoneId: z.string().refine(isUuid, messageText('contract.desks.unknownZone')).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
/** POST /api/v1/desks/import: the file is the body (text/csv). */
export const deskImportQuerySchema = z.object({
  mode: z.enum(['replace', 'merge']),
  dryRun: flag.default(true),
  createFloors: flag.default(false),
  confirm: z.literal('remove-all').optional(),
  occupied: z.enum(['logout', 'leave']).optional(),
});

/** GET /api/v1/desks/labels-address: where the labels' QR codes point, and whether PUBLIC_URL says so. */
export const labelsAddressResponseSchema = z.object({
  address: z.string(),
  /** False: PUBLIC_URL is unset and the labels point to the service's own address, which phones may not reach. */
  configured: z.boolean(),
});
export type LabelsAddressResponse = z.infer<typeof labelsAddressResponseSchema>;

/** GET /api/v1/desks/export: `semicolon` for German Excel (semicolons between cells, decimal commas). */
export const deskExportQuerySchema = z.object({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
});

/** GET /api/v1/desks/labels.pdf: one floor's desks, or a selection. */
export const deskLabelsQuerySchema = z.object({
  floorId: z.string().refine(isUuid, messageText('contract.bookings.unknownFloor')).optional(),
  /** The language of the words on the labels (the console's); else the request's Accept-Language. */
  lang: z.enum(['en', 'de']).optional(),
  /** Desk ids, comma-separated: a selection from the desk table. */
  ids: z
    .string()
    .max(40 * 250, messageText('contract.desks.labelsById', { max: 250 }))
    .transform((value) => value.split(',').filter((id) => id !== ''))
    .refine((ids) => ids.every(isUuid), messageText('contract.desks.unknownDesk'))
    .optional(),
});

/** DELETE /api/v1/desks/:id: what to do when someone sits at the desk (the default refuses). */
export const deskDeleteQuerySchema = z.object({ occupied: z.enum(['logout', 'refuse']).optional() });
