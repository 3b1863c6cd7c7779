import { z } from '../../../../contract/zod.ts';
import { settingsValuesSchema, type Settings, type SettingsValues } from '../../../../contract/settings.ts';
import { translate } from '../../../i18n/i18n.ts';

/** The form keeps the optional times as text/number fields with on/off switches. */
export interface FormValues extends Omit<
  SettingsValues,
  'autoLogout' | 'phones' | 'privacy' | 'bookings' | 'notifications'
> {
  autoLogout: { dailyOn: boolean; dailyAt: string; timeZone: string; maxOn: boolean; maxHours: number };
  privacy: { aggregateOnly: boolean; retentionOn: boolean; retentionDays: number };
  bookings: Omit<SettingsValues['bookings'], 'maxPerWeek' | 'walkInGuardMinutes'> & {
    maxPerWeekOn: boolean;
    maxPerWeek: number;
    walkInGuardOn: boolean;
    walkInGuardMinutes: number;
  };
  notifications: Omit<SettingsValues['notifications'], 'reminderMinutes'> & {
    remindersOn: boolean;
    reminderMinutes: number;
  };
  /** Emergency numbers as one comma-separated line; no webhook: an empty field. */
  phones: Omit<SettingsValues['phones'], 'emergencyNumbers' | 'webhookUrl'> & {
    emergencyNumbers: string;
    webhookUrl: string;
  };
}

export const toForm = (settings: Settings): FormValues => ({
  loginMethods: settings.loginMethods,
  keypad: settings.keypad,
  privacy: {
    aggregateOnly: settings.privacy.aggregateOnly,
    retentionOn: settings.privacy.retentionDays !== null,
    retentionDays: settings.privacy.retentionDays ?? 90,
  },
  device: settings.device,
  tokens: settings.tokens,
  bookings: {
    ...settings.bookings,
    maxPerWeekOn: settings.bookings.maxPerWeek !== null,
    maxPerWeek: settings.bookings.maxPerWeek ?? 5,
    walkInGuardOn: settings.bookings.walkInGuardMinutes !== null,
    walkInGuardMinutes: settings.bookings.walkInGuardMinutes ?? 60,
  },
  notifications: {
    defaultLanguage: settings.notifications.defaultLanguage,
    dailySummaryAt: settings.notifications.dailySummaryAt,
    remindersOn: settings.notifications.reminderMinutes !== null,
    reminderMinutes: settings.notifications.reminderMinutes ?? 30,
  },
  policies: settings.policies,
  autoLogout: {
    dailyOn: settings.autoLogout.dailyAt !== null,
    dailyAt: settings.autoLogout.dailyAt ?? '19:00',
    timeZone: settings.autoLogout.timeZone,
    maxOn: settings.autoLogout.maxHours !== null,
    maxHours: settings.autoLogout.maxHours ?? 10,
  },
  phones: {
    ...settings.phones,
    emergencyNumbers: settings.phones.emergencyNumbers.join(', '),
    webhookUrl: settings.phones.webhookUrl ?? '',
  },
});

/** A time as people type it, `7:30`, `19.00` or `1900`, written as the contract wants it (`07:30`); else as typed. */
function timeOfDay(text: string): string {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}` : text.trim();
}

export const toValues = (form: FormValues): SettingsValues => ({
  loginMethods: form.loginMethods,
  keypad: { loginCode: form.keypad.loginCode.trim(), logoutCode: form.keypad.logoutCode.trim() },
  privacy: {
    aggregateOnly: form.privacy.aggregateOnly,
    retentionDays: form.privacy.retentionOn ? Number(form.privacy.retentionDays) : null,
  },
  device: form.device,
  tokens: { lifetimeDays: Number(form.tokens.lifetimeDays) },
  bookings: {
    horizonDays: Number(form.bookings.horizonDays),
    maxPerWeek: form.bookings.maxPerWeekOn ? Number(form.bookings.maxPerWeek) : null,
    minNoticeMinutes: Number(form.bookings.minNoticeMinutes),
    confirmBeforeMinutes: Number(form.bookings.confirmBeforeMinutes),
    confirmAfterMinutes: Number(form.bookings.confirmAfterMinutes),
    walkInGuardMinutes: form.bookings.walkInGuardOn ? Number(form.bookings.walkInGuardMinutes) : null,
    showOthers: form.bookings.showOthers,
  },
  notifications: {
    defaultLanguage: form.notifications.defaultLanguage,
    reminderMinutes: form.notifications.remindersOn ? Number(form.notifications.reminderMinutes) : null,
    dailySummaryAt: timeOfDay(form.notifications.dailySummaryAt),
  },
  policies: form.policies,
  autoLogout: {
    dailyAt: form.autoLogout.dailyOn ? timeOfDay(form.autoLogout.dailyAt) : null,
    timeZone: form.autoLogout.timeZone,
    maxHours: form.autoLogout.maxOn ? Number(form.autoLogout.maxHours) : null,
  },
  phones: {
    ...form.phones,
    maxWaitMinutes: Number(form.phones.maxWaitMinutes),
    callbackMinutes: Number(form.phones.callbackMinutes),
    emergencyNumbers: form.phones.emergencyNumbers
      .split(/[,;\s]+/)
      .map((number) => number.trim())
      .filter((number) => number !== ''),
    webhookUrl: form.phones.webhookUrl.trim() === '' ? null : form.phones.webhookUrl.trim(),
  },
});

/** Whether the browser knows the zone (any IANA name, UTC too): typing in the combobox can leave anything. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/** The service's schema pieces; the automatic-logout and phone parts are checked in the settings shape. */
export const formSchema = z
  .object({
    loginMethods: settingsValuesSchema.shape.loginMethods,
    keypad: settingsValuesSchema.shape.keypad,
    privacy: z.object({ aggregateOnly: z.boolean(), retentionOn: z.boolean(), retentionDays: z.number() }),
    device: settingsValuesSchema.shape.device,
    tokens: z.object({ lifetimeDays: z.number() }),
    bookings: z.object({
      horizonDays: z.number(),
      maxPerWeekOn: z.boolean(),
      maxPerWeek: z.number(),
      minNoticeMinutes: z.number(),
      confirmBeforeMinutes: z.number(),
      confirmAfterMinutes: z.number(),
      walkInGuardOn: z.boolean(),
      walkInGuardMinutes: z.number(),
      showOthers: z.boolean(),
    }),
    notifications: z.object({
      defaultLanguage: z.enum(['en', 'de']),
      remindersOn: z.boolean(),
      reminderMinutes: z.number(),
      dailySummaryAt: z.string(),
    }),
    policies: settingsValuesSchema.shape.policies,
    autoLogout: z.object({
      dailyOn: z.boolean(),
      dailyAt: z.string(),
      timeZone: z.string(),
      maxOn: z.boolean(),
      maxHours: z.number(),
    }),
    phones: z.object({
      baseObjects: z.boolean(),
      locationFollowsDesk: z.boolean(),
      baseNode: z.string(),
      baseConfig: z.string(),
      maxWaitMinutes: z.number(),
      emergencyNumbers: z.string(),
      callbackMinutes: z.number(),
      webhookUrl: z.string(),
    }),
  })
  .superRefine((form, context) => {
    if (!isTimeZone(form.autoLogout.timeZone)) {
      context.addIssue({
        code: 'custom',
        message: translate('settings.timeZoneUnknown'),
        path: ['autoLogout', 'timeZone'],
      });
    }
    const values = toValues(form);
    for (const part of ['autoLogout', 'phones', 'privacy', 'tokens', 'bookings', 'notifications'] as const) {
      const parsed = settingsValuesSchema.shape[part].safeParse(values[part]);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) {
        // A wrong emergency number is reported on the one field that holds them all.
        const path = part === 'phones' && issue.path[0] === 'emergencyNumbers' ? ['emergencyNumbers'] : issue.path;
        context.addIssue({ code: 'custom', message: issue.message, path: [part, ...path] });
      }
    }
  });
