import { humanName } from './names.ts';
import { z } from './zod.ts';

export const checkinMethodSchema = z.enum(['desk', 'computer', 'thinclient']);
export type CheckinMethod = z.infer<typeof checkinMethodSchema>;

/** A feature code as phones dial it: a star or hash first, then digits (e.g. *55). */
const keypadCode = z
  .string()
  .trim()
  .regex(/^[*#][0-9]{1,6}$/, 'A star or hash, then up to six digits, like *55.');

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
    .object({ desk: z.boolean(), computer: z.boolean(), thinclient: z.boolean(), phone: z.boolean() })
    .refine(
      (methods) => methods.desk || methods.computer || methods.thinclient || methods.phone,
      'Leave at least one login method on.',
    ),
  /** Checking in and out on the desk phone's keypad: `<loginCode>*<extension>*<PIN>` and `<logoutCode>`. */
  keypad: z
    .object({ loginCode: keypadCode, logoutCode: keypadCode })
    .refine((codes) => codes.loginCode !== codes.logoutCode, {
      message: 'The login and logout codes must differ.',
      path: ['logoutCode'],
    }),
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
  /** The desk phone as a safety device: registered while nobody sits there, never cut off mid-call. */
  phones: z.object({
    /** A free desk's phone stays registered to a base object of its own, so that it can call 112. */
    baseObjects: z.boolean(),
    /** A person checking in at a desk of another site moves to that site's PBX location for the session. */
    locationFollowsDesk: z.boolean(),
    /** Numbering node and config template of the base objects; empty: the PBX's defaults. */
    baseNode: z.string().trim().max(64, 'At most 64 characters.'),
    baseConfig: z.string().trim().max(64, 'At most 64 characters.'),
    /** Automatic logouts and replace imports wait this long at most for a call to end (forced ones wait until it ends). */
    maxWaitMinutes: z.number().int().min(0, 'At least 0 minutes.').max(1440, 'At most 1440 minutes (a day).'),
    emergencyNumbers: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[0-9*#+]{2,15}$/, 'Digits only, like 112.'),
      )
      .max(20, 'At most 20 numbers.'),
    /** After an emergency call the desk stays as it is this long, so that the emergency centre can call back. */
    callbackMinutes: z.number().int().min(0, 'At least 0 minutes.').max(240, 'At most 240 minutes.'),
    /** Told about every emergency call (POST, JSON); null: nobody. */
    webhookUrl: z
      .string()
      .trim()
      .max(500)
      .url('A full address, like https://security.example.com/hooks/emergency.')
      .refine((url) => /^https?:\/\//i.test(url), 'An http or https address.')
      .nullable(),
  }),
  /** Booking desks ahead: how far, how often, and the window in which checking in confirms a booking. */
  bookings: z.object({
    /** How many days ahead a desk can be booked (today counts as day 0). */
    horizonDays: z.number().int().min(0, 'At least 0 days.').max(365, 'At most 365 days.'),
    /** The most bookings one person holds in a week (Monday to Sunday); null: no limit. */
    maxPerWeek: z.number().int().min(1, 'At least 1.').max(50, 'At most 50.').nullable(),
    /** A booking must start at least this long after it is made. */
    minNoticeMinutes: z.number().int().min(0, 'At least 0 minutes.').max(1440, 'At most 1440 minutes (a day).'),
    /** Checking in from this long before the start … */
    confirmBeforeMinutes: z.number().int().min(0, 'At least 0 minutes.').max(240, 'At most 240 minutes.'),
    /** … to this long after it confirms the booking; unconfirmed by then, it is released. */
    confirmAfterMinutes: z.number().int().min(5, 'At least 5 minutes.').max(240, 'At most 240 minutes.'),
    /**
     * Nobody else checks in at a desk booked from now or within this many minutes; null: anyone may walk in to a
     * booked desk (the booking stays, the person who booked it takes it over on arrival).
     */
    walkInGuardMinutes: z
      .number()
      .int()
      .min(0, 'At least 0 minutes.')
      .max(1440, 'At most 1440 minutes (a day).')
      .nullable(),
    /** Employees see which desks others booked (never by whom). */
    showOthers: z.boolean(),
  }),
  /** E-mail to the people who book and use desks (server/mail/). */
  notifications: z.object({
    /** The language of mail to people who chose none. */
    defaultLanguage: z.enum(['en', 'de']),
    /** The reminder goes this long before a booking's check-in window opens; null: no reminders. */
    reminderMinutes: z
      .number()
      .int()
      .min(5, 'At least 5 minutes.')
      .max(1440, 'At most 1440 minutes (a day).')
      .nullable(),
    /** The daily summary for facility goes at this local time. */
    dailySummaryAt: timeOfDay,
  }),
  /** Personal check-in tokens (logon scripts): how long a new one works. */
  tokens: z.object({
    lifetimeDays: z.number().int().min(7, 'At least 7 days.').max(3650, 'At most 3650 days (ten years).'),
  }),
  /** What the check-in history may show (the works council's settings). */
  privacy: z.object({
    /** Only aggregates: no one person's history anywhere, groups of fewer than 5 people hidden. */
    aggregateOnly: z.boolean(),
    /** Ended sessions are deleted after this many days; null: kept (an installation upgraded from before retention). */
    retentionDays: z.number().int().min(7, 'At least 7 days.').max(3650, 'At most 3650 days (ten years).').nullable(),
  }),
});
export type SettingsValues = z.infer<typeof settingsValuesSchema>;

export const settingsSchema = settingsValuesSchema.extend({
  version: z.number().int(),
  /**
   * Features an upgrade kept off so that the installation works as before (they delete data or write to the
   * PBX), as `section.key`; listed in the console until an administrator saves the settings.
   */
  upgradeNotes: z.array(z.string()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: SettingsValues = {
  loginMethods: { desk: true, computer: true, thinclient: true, phone: true },
  keypad: { loginCode: '*55', logoutCode: '*56' },
  device: { text: 'Hotdesk', app: 'phone' },
  policies: { secondDesk: 'move', occupiedDesk: 'takeover' },
  autoLogout: { dailyAt: null, timeZone: 'Europe/Berlin', maxHours: null },
  phones: {
    baseObjects: true,
    locationFollowsDesk: true,
    baseNode: '',
    baseConfig: '',
    maxWaitMinutes: 60,
    emergencyNumbers: ['110', '112', '911'],
    callbackMinutes: 30,
    webhookUrl: null,
  },
  bookings: {
    horizonDays: 14,
    maxPerWeek: null,
    minNoticeMinutes: 0,
    confirmBeforeMinutes: 15,
    confirmAfterMinutes: 30,
    walkInGuardMinutes: 60,
    showOthers: true,
  },
  notifications: { defaultLanguage: 'de', reminderMinutes: 30, dailySummaryAt: '07:00' },
  tokens: { lifetimeDays: 365 },
  privacy: { aggregateOnly: true, retentionDays: 90 },
};
