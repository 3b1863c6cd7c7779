import { i18n, type Messages } from '@lingui/core';
import en from './catalogs/en.json';
import { readStoredChoice, writeStored } from '../lib/browser-storage.ts';

/** Every message of the console; the English catalogue is the reference the others must match. */
export type MessageId = keyof typeof en;
export type MessageValues = Record<string, unknown>;

export const appLocales = ['en', 'de'] as const;
export type AppLocale = (typeof appLocales)[number];

/** Each language in its own words: the switch must be readable by someone who cannot read the current one. */
export const localeNames: Record<AppLocale, string> = { en: 'English', de: 'Deutsch' };

const storageKey = 'hotdesk.locale';

const loaders: Record<AppLocale, () => Promise<Messages>> = {
  en: () => Promise.resolve(en as Messages),
  de: async () => (await import('./catalogs/de.json')).default as Messages,
};

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (appLocales as readonly string[]).includes(value);
}

function browserLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** The language chosen on this browser, else the first of the browser's languages the console speaks, else English. */
export function preferredLocale(): AppLocale {
  const stored = readStoredChoice(storageKey, appLocales);
  if (stored !== null) return stored;
  for (const tag of browserLanguages()) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isAppLocale(primary)) return primary;
  }
  return 'en';
}

/**
 * The locale dates and numbers are written in: the browser's own variant of the active language (en-GB writes
 * 23 Nov 2026, 14:05), else the language itself.
 */
export function formattingLocale(): string {
  const active = i18n.locale;
  return browserLanguages().find((tag) => tag.toLowerCase().split('-')[0] === active) ?? active;
}

/** Loads the language's catalogue (German on demand), makes it active and tells the page (`<html lang>`). */
export async function activateLocale(locale: AppLocale): Promise<void> {
  const messages = await loaders[locale]();
  i18n.loadAndActivate({ locale, messages });
  document.documentElement.lang = locale;
}

/** A language picked by the user: remembered on this browser. */
export async function chooseLocale(locale: AppLocale): Promise<void> {
  writeStored('local', storageKey, locale);
  await activateLocale(locale);
}

/** Translation outside React (error messages made in the API client); components use `useT`. */
export function translate(id: MessageId, values?: MessageValues): string {
  return i18n._(id, values);
}

export { i18n };
