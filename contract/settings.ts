import { humanName } from './names.ts';
import { z } from './zod.ts';

export const checkinMethodSchema = z.enum(['desk', 'computer', 'thinclient']);
export type CheckinMethod = z.infer<typeof checkinMethodSchema>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 19:00.');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the administrator decides (GET/PUT /api/v1/settings). */
export const settingsValuesSchema = z.object({
  loginMethods: z
    .object({ desk: z.boolean(), computer: z.boolean(), thinclient: z.boolean() })
    .refine((methods) => methods.desk || methods.computer || methods.thinclient, 'Leave at least one login method on.'),
  /** Written into the PBX device entry; the default keeps the myApps Phone app icon, as the seed product does. */
  device: z.object({
    text: humanName('device label', 40),
    app: z.string().trim().min(1, 'Enter the app name.').max(40, 'At most 40 characters.'),
  }),
  policies: z.object({
    /** A person checks in at a second desk: move there, refuse, or allow several desks. */
    secondDesk: z.enum(['move', 'refuse', 'allow']),
    /** Someone checks in at a desk that is taken: take it over (the other person is logged out) or refuse. */
    occupiedDesk: z.enum(['takeover', 'refuse']),
  }),
  autoLogout: z.object({
    /** Everyone is logged out every day at this local time; null: off. */
    dailyAt: timeOfDay.nullable(),
    timeZone: z.string().refine(isTimeZone, 'Not a time zone this server knows (e.g. Europe/Berlin).'),
    /** Anyone checked in longer than this is logged out; null: off. */
    maxHours: z.number().int().min(1, 'At least 1 hour.').max(168, 'At most 168 hours (a week).').nullable(),
  }),
});
export type SettingsValues = z.infer<typeof settingsValuesSchema>;

export const settingsSchema = settingsValuesSchema.extend({ version: z.number().int() });
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: SettingsValues = {
  loginMethods: { desk: true, computer: true, thinclient: true },
  device: { text: 'Hotdesk', app: 'phone' },
  policies: { secondDesk: 'move', occupiedDesk: 'takeover' },
  autoLogout: { dailyAt: null, timeZone: 'Europe/Berlin', maxHours: null },
};

export const checkinRequestSchema = z.object({
  method: checkinMethodSchema,
  value: z.string().trim().min(1, 'Enter the desk or computer name.').max(64),
});
export type CheckinRequest = z.infer<typeof checkinRequestSchema>;

export const mySessionSchema = z.object({
  deskId: z.string(),
  deskName: z.string(),
  floorName: z.string().nullable(),
  since: z.string(),
  method: z.string(),
});
export type MySession = z.infer<typeof mySessionSchema>;

/** GET /api/v1/me/desk: where I sit and which check-in methods I may use. */
export const myDeskResponseSchema = z.object({
  sessions: z.array(mySessionSchema),
  loginMethods: settingsValuesSchema.shape.loginMethods,
});
export type MyDeskResponse = z.infer<typeof myDeskResponseSchema>;

export const checkinResponseSchema = z.object({
  session: mySessionSchema,
  /** Set when someone else had the desk and was logged out (policy: take over). */
  tookOverFrom: z.string().nullable(),
  /** Desks the person was checked out of (policy: move). */
  movedFrom: z.array(z.string()),
});
export type CheckinResponse = z.infer<typeof checkinResponseSchema>;

export const checkinTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type CheckinToken = z.infer<typeof checkinTokenSchema>;

export const createTokenRequestSchema = z.object({
  label: humanName('token name', 60),
});

/** The secret is shown once, at creation. */
export const createdTokenSchema = checkinTokenSchema.extend({ token: z.string() });

export const deskSuggestionsSchema = z.object({ names: z.array(z.string()) });
