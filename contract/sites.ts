import { emailAddressSchema } from './mail.ts';
import { humanName } from './names.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/**
 * When a site's office is open, in whole local hours: from `start` to `end` (exclusive) on the ISO weekdays
 * `days` (Monday 1 … Sunday 7). Insights measure utilisation against these hours; hourly is what the history
 * is kept in.
 */
export const officeHoursSchema = z
  .object({
    start: z
      .number()
      .int()
      .min(0, messageText('contract.sites.from0To23'))
      .max(23, messageText('contract.sites.from0To23')),
    end: z
      .number()
      .int()
      .min(1, messageText('contract.sites.from1To24'))
      .max(24, messageText('contract.sites.from1To24')),
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1, messageText('contract.sites.chooseLeastOneDay'))
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  })
  .refine((hours) => hours.end > hours.start, {
    message: messageText('contract.sites.closingComesAfterOpening'),
    path: ['end'],
  });
export type OfficeHours = z.output<typeof officeHoursSchema>;

/** Monday to Friday, 8:00 to 18:00: a site's office hours until someone sets them (and those of desks without a site). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: 8, end: 18, days: [1, 2, 3, 4, 5] };

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
  officeHours: officeHoursSchema,
  /** Who is told of an emergency call at the site by e-mail. */
  alertEmails: z.array(z.string()),
  version: z.number().int(),
});
export type Site = z.infer<typeof siteSchema>;

const siteFields = {
  name: humanName('siteName'),
  /** The street address emergency services are sent to (the dispatchable location's first part). */
  address: z
    .string()
    .trim()
    .max(300, messageText('contract.shared.atMostCharacters', { max: 300 })),
  pbxLocation: z
    .string()
    .trim()
    .min(1, messageText('contract.sites.choosePbxLocation'))
    .max(64, messageText('contract.shared.atMostCharacters', { max: 64 }))
    .nullable(),
  emergencyNumber: z
    .string()
    .trim()
    .regex(/^\+?[0-9]{2,20}$/, messageText('contract.sites.phoneNumberDigitsOnly'))
    .nullable(),
  officeHours: officeHoursSchema,
  alertEmails: z
    .array(emailAddressSchema)
    .max(20, messageText('contract.sites.atMostAddresses', { max: 20 }))
    .transform((addresses) => [...new Set(addresses.map((address) => address.toLowerCase()))]),
};
export const siteInputSchema = z.object({
  ...siteFields,
  address: siteFields.address.default(''),
  pbxLocation: siteFields.pbxLocation.default(null),
  emergencyNumber: siteFields.emergencyNumber.default(null),
  officeHours: siteFields.officeHours.default(DEFAULT_OFFICE_HOURS),
  alertEmails: siteFields.alertEmails.default([]),
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
