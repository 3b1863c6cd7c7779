import type { Desk } from './desks.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/**
 * An emergency notice to security (the webhook): `sending` (first try under way), `retrying` (a try failed; it
 * is tried again with backoff), `delivered`, or `failed` (given up on: security was not told by the webhook).
 */
export const emergencyNoticeStateSchema = z.enum(['sending', 'retrying', 'delivered', 'failed']);
export type EmergencyNoticeState = z.infer<typeof emergencyNoticeStateSchema>;

/** One emergency call's notice, as administrators see it. */
export const emergencyNoticeRecordSchema = z.object({
  id: z.string(),
  desk: z.string(),
  number: z.string(),
  at: z.string(),
  url: z.string(),
  state: emergencyNoticeStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type EmergencyNoticeRecord = z.infer<typeof emergencyNoticeRecordSchema>;
export const emergencyNoticeListSchema = z.object({ notices: z.array(emergencyNoticeRecordSchema) });

/** One desk as the occupancy board and the live map show it. */
export const deskOccupancySchema = z.object({
  deskId: z.string(),
  deskName: z.string(),
  mac: z.string(),
  computerNames: z.array(z.string()),
  floorId: z.string().nullable(),
  zoneId: z.string().nullable(),
  enabled: z.boolean(),
  /** false: walk-in only (nobody books it ahead). */
  bookable: z.boolean(),
  /** Whoever's PBX device list holds the desk phone now. */
  occupant: z
    .object({
      guid: z.string(),
      name: z.string(),
      displayName: z.string(),
      /** The person's own number on the PBX (e164), null when they have none. */
      extension: z.string().nullable(),
    })
    .nullable(),
  /** When the service saw the occupant arrive; null when it was not there to see it. */
  since: z.string().nullable(),
  /** How the occupant got the phone: a check-in method, or `pbx` when the device list was changed on the PBX. */
  method: z.enum(['desk', 'computer', 'thinclient', 'console', 'phone', 'pbx']).nullable(),
  /** Whether the desk phone is registered to the PBX right now (to its occupant, or to the desk's base object). */
  phoneRegistered: z.boolean(),
  /** Whether the desk phone's holder is on a call now. */
  onCall: z.boolean(),
  /** A logout asked for while on a call: it happens when the call ends. */
  logoutDeferred: z.boolean(),
  /**
   * An emergency call was made here: no logout or takeover until `until` (the callback window). `notice`: how
   * telling security went (the webhook); null when no webhook is configured.
   */
  emergency: z
    .object({ number: z.string(), at: z.string(), until: z.string(), notice: emergencyNoticeStateSchema.nullable() })
    .nullable(),
});
export type DeskOccupancy = z.infer<typeof deskOccupancySchema>;

type DeskFields = 'deskId' | 'deskName' | 'mac' | 'computerNames' | 'floorId' | 'zoneId' | 'enabled' | 'bookable';

/** A desk's row on the board: the desk's own fields, and what is known of who sits there and the phone. */
export const occupancyRow = (desk: Desk, state: Omit<DeskOccupancy, DeskFields>): DeskOccupancy => ({
  deskId: desk.id,
  deskName: desk.name,
  mac: desk.mac,
  computerNames: desk.computerNames,
  floorId: desk.floorId,
  zoneId: desk.zoneId,
  enabled: desk.enabled,
  bookable: desk.bookable,
  ...state,
});

export const occupancyResponseSchema = z.object({
  desks: z.array(deskOccupancySchema),
  /** False while the PBX replica is still loading: occupants may be missing. */
  complete: z.boolean(),
  /**
   * Since when a PBX connection is down (the earliest, with several PBXs); null while every one works. While it
   * is down, occupants, registrations and calls are as they were then and may have changed meanwhile.
   */
  pbxDownSince: z.string().nullable(),
});
export type OccupancyResponse = z.infer<typeof occupancyResponseSchema>;

export const forceLogoutRequestSchema = z.object({
  deskIds: z.array(z.string()).min(1, messageText('contract.occupancy.chooseLeastOneDesk')).max(5000),
  /** Log out even people on a call (the call ends); otherwise their logout waits until it does. */
  evenDuringCall: z.boolean().optional(),
  /** Why, in a sentence: told to the person by e-mail and kept in the audit log. */
  note: z
    .string()
    .trim()
    .max(300, messageText('contract.shared.atMostCharacters', { max: 300 }))
    .optional(),
});

export const forceLogoutResponseSchema = z.object({
  results: z.array(
    z.object({
      deskId: z.string(),
      /** `deferred`: on a call, logged out when it ends; `frozen`: an emergency call's callback window. */
      status: z.enum(['logged_out', 'was_free', 'deferred', 'frozen', 'failed']),
      message: z.string().optional(),
    }),
  ),
});
export type ForceLogoutResponse = z.infer<typeof forceLogoutResponseSchema>;

/** POST /api/v1/occupancy/checkin: helpdesk or an administrator checks a PBX user in at a desk. */
export const onBehalfCheckinRequestSchema = z.object({
  deskId: z.string().min(1),
  /** The PBX user name (h323) of the person. */
  user: z.string().trim().min(1, messageText('contract.occupancy.choosePerson')).max(128),
});
export type OnBehalfCheckinRequest = z.infer<typeof onBehalfCheckinRequestSchema>;

/** GET /api/v1/people?q=: PBX users for the person picker. */
export const personSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  extension: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;
/** GET /api/v1/people: a name, user name or extension, as typed. */
export const peopleQuerySchema = z.object({ q: z.string().trim().max(100).default('') });

export const peopleResponseSchema = z.object({ people: z.array(personSchema) });

/** An emergency call's alert, as helpdesk and administrators see it until one of them acknowledges it. */
export const emergencyAlertSchema = z.object({
  id: z.string(),
  /** The number dialled (112, 911 …). */
  number: z.string(),
  at: z.string(),
  deskId: z.string().nullable(),
  deskName: z.string(),
  floorId: z.string().nullable(),
  floorName: z.string().nullable(),
  siteName: z.string().nullable(),
  /** The site's street address (what the emergency services are sent to). */
  address: z.string().nullable(),
  /** Who called; null: nobody was checked in (the desk's own phone number called). */
  caller: z.object({ name: z.string(), displayName: z.string() }).nullable(),
  /** The number to call back: the caller's extension (or the desk phone's), else the site's emergency number. */
  callback: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** Where the desk stands on its floor's plan (0..1 of the plan's width and height); null: not placed. */
  position: z.object({ x: z.number(), y: z.number() }).nullable(),
  /** The alert's e-mails to the site's list, and how far each got (a failed one is for the administrators to see). */
  emails: z.array(z.object({ to: z.string(), state: z.enum(['queued', 'sent', 'failed', 'held']) })),
});
export type EmergencyAlert = z.infer<typeof emergencyAlertSchema>;

export const emergencyAlertListSchema = z.object({ alerts: z.array(emergencyAlertSchema) });
