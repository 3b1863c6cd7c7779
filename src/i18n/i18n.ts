import { i18n, type Messages } from '@lingui/core';
import enFirstScreen from 'virtual:catalog/en/first-screen';
import { readStoredChoice, writeStored } from '../platform/browser-storage.ts';
import { locales, readMessageText, type Locale, type MessageId } from '../../i18n/message.ts';

/** Every message; the English catalogue is the reference the others must match. */
export type { MessageId };
export type MessageValues = Record<string, unknown>;

export const appLocales = locales;
export type AppLocale = Locale;

/** Each language in its own words: the switch must be readable by someone who cannot read the current one. */
export const localeNames: Record<AppLocale, string> = { en: 'English', de: 'Deutsch' };

const storageKey = 'hotdesk.locale';

/** Each language's two catalogue parts (`catalog-parts.ts`); only English's first part is in the first script. */
const loaders: Record<AppLocale, { firstScreen: () => Promise<Messages>; sections: () => Promise<Messages> }> = {
  en: {
    firstScreen: () => Promise.resolve(enFirstScreen),
    sections: async () => (await import('virtual:catalog/en/sections')).default,
  },
  de: {
    firstScreen: async () => (await import('virtual:catalog/de/first-screen')).default,
    sections: async () => (await import('virtual:catalog/de/sections')).default,
  },
};

/** Whether a section has been opened: from then on a language is loaded with its sections' messages. */
let sectionsWanted = false;

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
  const load = loaders[locale];
  const [firstScreen, sections] = await Promise.all([
    load.firstScreen(),
    sectionsWanted ? load.sections() : Promise.resolve({}),
  ]);
  i18n.loadAndActivate({ locale, messages: { ...firstScreen, ...sections } });
  document.documentElement.lang = locale;
}

/**
 * The messages of the console's sections, in the active language: every section's page waits for them (with its
 * own code) before it shows. Loaded once per language.
 */
export async function loadSectionMessages(): Promise<void> {
  sectionsWanted = true;
  const locale = i18n.locale;
  if (!isAppLocale(locale)) return;
  const messages = await loaders[locale].sections();
  // The language may have changed meanwhile; `activateLocale` then loaded that language's sections itself.
  if (i18n.locale === locale) i18n.load(locale, messages);
}

/**
 * A message of the contract where only a string fits (a schema's, the desk file's problems: `messageText`), in the
 * active language; any other string (the service's answers are already in it) stays as it is.
 */
export function contractMessage(message: string): string {
  const said = readMessageText(message);
  return said !== null && said.id in i18n.messages ? i18n._(said.id, said.values) : message;
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
