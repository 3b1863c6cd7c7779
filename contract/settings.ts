import { humanName } from './names.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

export const checkinMethodSchema = z.enum(['desk', 'computer', 'thinclient']);
export type CheckinMethod = z.infer<typeof checkinMethodSchema>;

/** A feature code as phones dial it: a star or hash first, then digits (e.g. *55). */
const keypadCode = z
  .string()
  .trim()
  .regex(/^[*#][0-9]{1,6}$/, messageText('contract.settings.starHashThenUp'));

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, messageText('contract.settings.time1900'));

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
      messageText('contract.settings.leaveLeastOneLogin'),
    ),
  /** Checking in and out on the desk phone's keypad: `<loginCode>*<extension>*<PIN>` and `<logoutCode>`. */
  keypad: z
    .object({ loginCode: keypadCode, logoutCode: keypadCode })
    .refine((codes) => codes.loginCode !== codes.logoutCode, {
      message: messageText('contract.settings.loginLogoutCodesMust'),
      path: ['logoutCode'],
    }),
  /** Written into the PBX device entry; the default keeps the myApps Phone app icon, as the seed product does. */
  device: z.object({
    text: humanName('deviceLabel', 40),
    app: z
      .string()
      .trim()
      .min(1, messageText('contract.settings.enterAppName'))
      .max(40, messageText('contract.shared.atMostCharacters', { max: 40 })),
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
    timeZone: z.string().refine(isTimeZone, messageText('contract.settings.timeZoneServerKnows')),
    /** Anyone checked in longer than this is logged out; null: off. */
    maxHours: z
      .number()
      .int()
      .min(1, messageText('contract.settings.least1Hour'))
      .max(168, messageText('contract.settings.most168HoursWeek'))
      .nullable(),
  }),
  /** The desk phone as a safety device: registered while nobody sits there, never cut off mid-call. */
  phones: z.object({
    /** A free desk's phone stays registered to a base object of its own, so that it can call 112. */
    baseObjects: z.boolean(),
    /** A person checking in at a desk of another site moves to that site's PBX location for the session. */
    locationFollowsDesk: z.boolean(),
    /** Numbering node and config template of the base objects; empty: the PBX's defaults. */
    baseNode: z
      .string()
      .trim()
      .max(64, messageText('contract.shared.atMostCharacters', { max: 64 })),
    baseConfig: z
      .string()
      .trim()
      .max(64, messageText('contract.shared.atMostCharacters', { max: 64 })),
    /** Automatic logouts and replace imports wait this long at most for a call to end (forced ones wait until it ends). */
    maxWaitMinutes: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Minutes'))
      .max(1440, messageText('contract.settings.most1440MinutesDay')),
    emergencyNumbers: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[0-9*#+]{2,15}$/, messageText('contract.settings.digitsOnly112')),
      )
      .max(20, messageText('contract.settings.most20Numbers')),
    /** After an emergency call the desk stays as it is this long, so that the emergency centre can call back. */
    callbackMinutes: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Minutes'))
      .max(240, messageText('contract.settings.most240Minutes')),
    /** Told about every emergency call (POST, JSON); null: nobody. */
    webhookUrl: z
      .string()
      .trim()
      .max(500)
      .url(messageText('contract.settings.fullAddressHttpsSecurity'))
      .refine((url) => /^https?:\/\//i.test(url), messageText('contract.settings.httpHttpsAddress'))
      .nullable(),
  }),
  /** Booking desks ahead: how far, how often, and the window in which checking in confirms a booking. */
  bookings: z.object({
    /** How many days ahead a desk can be booked (today counts as day 0). */
    horizonDays: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Days'))
      .max(365, messageText('contract.settings.most365Days')),
    /** The most bookings one person holds in a week (Monday to Sunday); null: no limit. */
    maxPerWeek: z
      .number()
      .int()
      .min(1, messageText('contract.settings.least1'))
      .max(50, messageText('contract.settings.most50'))
      .nullable(),
    /** A booking must start at least this long after it is made. */
    minNoticeMinutes: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Minutes'))
      .max(1440, messageText('contract.settings.most1440MinutesDay')),
    /** Checking in from this long before the start … */
    confirmBeforeMinutes: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Minutes'))
      .max(240, messageText('contract.settings.most240Minutes')),
    /** … to this long after it confirms the booking; unconfirmed by then, it is released. */
    confirmAfterMinutes: z
      .number()
      .int()
      .min(5, messageText('contract.settings.least5Minutes'))
      .max(240, messageText('contract.settings.most240Minutes')),
    /**
     * Nobody else checks in at a desk booked from now or within this many minutes; null: anyone may walk in to a
     * booked desk (the booking stays, the person who booked it takes it over on arrival).
     */
    walkInGuardMinutes: z
      .number()
      .int()
      .min(0, messageText('contract.settings.least0Minutes'))
      .max(1440, messageText('contract.settings.most1440MinutesDay'))
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
      .min(5, messageText('contract.settings.least5Minutes'))
      .max(1440, messageText('contract.settings.most1440MinutesDay'))
      .nullable(),
    /** The daily summary for facility goes at this local time. */
    dailySummaryAt: timeOfDay,
  }),
  /** Personal check-in tokens (logon scripts): how long a new one works. */
  tokens: z.object({
    lifetimeDays: z
      .number()
      .int()
      .min(7, messageText('contract.settings.least7Days'))
      .max(3650, messageText('contract.settings.most3650DaysTen')),
  }),
  /** What the check-in history may show (the works council's settings). */
  privacy: z.object({
    /** Only aggregates: no one person's history anywhere, groups of fewer than 5 people hidden. */
    aggregateOnly: z.boolean(),
    /** Ended sessions are deleted after this many days; null: kept (an installation upgraded from before retention). */
    retentionDays: z
      .number()
      .int()
      .min(7, messageText('contract.settings.least7Days'))
      .max(3650, messageText('contract.settings.most3650DaysTen'))
      .nullable(),
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
