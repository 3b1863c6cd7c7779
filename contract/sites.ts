import { humanName } from './names.ts';
import { z } from './zod.ts';

/**
 * A site: a building with its street address and the PBX that serves it. `pbxLocation` is the name of a
 * PBX location (`loc`, GetNodes); `emergencyNumber` the number its emergency calls present (ELIN).
 */
export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  pbxLocation: z.string().nullable(),
  emergencyNumber: z.string().nullable(),
  version: z.number().int(),
});
export type Site = z.infer<typeof siteSchema>;

const siteFields = {
  name: humanName('site name'),
  /** The street address emergency services are sent to (the dispatchable location's first part). */
  address: z.string().trim().max(300, 'At most 300 characters.'),
  pbxLocation: z.string().trim().min(1, 'Choose a PBX location.').max(64, 'At most 64 characters.').nullable(),
  emergencyNumber: z
    .string()
    .trim()
    .regex(/^\+?[0-9]{2,20}$/, 'A phone number, digits only (a leading + is fine).')
    .nullable(),
};
export const siteInputSchema = z.object({
  ...siteFields,
  address: siteFields.address.default(''),
  pbxLocation: siteFields.pbxLocation.default(null),
  emergencyNumber: siteFields.emergencyNumber.default(null),
});
export type SiteInput = z.input<typeof siteInputSchema>;
/** No defaults: a field left out of a PATCH stays as it is. */
export const sitePatchSchema = z.object(siteFields).partial();

export const siteListResponseSchema = z.object({ sites: z.array(siteSchema) });

/** GET /api/v1/sites/pbx-locations: the PBX's locations, for the site form's picker. */
export const pbxLocationsResponseSchema = z.object({ locations: z.array(z.string()) });

/** GET /api/v1/sites/desks-without-location: desks whose emergency calls would carry no address, and why. */
export const desksWithoutLocationSchema = z.object({
  desks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      floor: z.string().nullable(),
      reason: z.enum(['no_floor', 'floor_without_site', 'site_without_address']),
    }),
  ),
});
export type DesksWithoutLocation = z.infer<typeof desksWithoutLocationSchema>;
