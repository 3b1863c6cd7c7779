import { setupI18n, type I18n } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { readMessageText, type Locale, type Message, type MessageValue } from './message.ts';

/**
 * The catalogues for code that is not the console (the service, tests), each message compiled on its first use by
 * Lingui's compiler, the one the console's build uses. The console loads its parts itself.
 */
const sources: Record<Locale, Record<string, string>> = { en, de };
const catalogues: Record<Locale, I18n> = {
  en: setupI18n({ locale: 'en', messages: { en: {} } }),
  de: setupI18n({ locale: 'de', messages: { de: {} } }),
};

/** The catalogue of `locale` with message `id` compiled; false when the catalogues have no such message. */
function compiled(locale: Locale, id: string): boolean {
  const i18n = catalogues[locale];
  if (id in i18n.messages) return true;
  const source = Object.hasOwn(sources[locale], id) ? sources[locale][id] : undefined;
  if (source === undefined) return false;
  i18n.load(locale, { [id]: compileMessageOrThrow(source) });
  return true;
}

const valueIn = (value: MessageValue, locale: Locale): string | number => {
  if (typeof value === 'function') return value(locale);
  return typeof value === 'object' ? inLocale(value, locale) : value;
};

/** A message of the catalogues, said in `locale`; null when the catalogues have no such message. */
function say(
  message: { readonly id: string; readonly values?: Readonly<Record<string, MessageValue>> },
  locale: Locale,
): string | null {
  if (!compiled(locale, message.id)) return null;
  const values = Object.entries(message.values ?? {}).map(([name, value]) => [name, valueIn(value, locale)]);
  return catalogues[locale]._(message.id, Object.fromEntries(values));
}

/**
 * A message in `locale`. A string is a contract's message where only a string fits (`messageText`: a schema's,
 * the desk file's), or already a sentence (zod's own English), which stays as it is.
 */
export function inLocale(message: Message | string, locale: Locale): string {
  if (typeof message !== 'string') return say(message, locale) ?? message.id;
  const said = readMessageText(message);
  return (said && say(said, locale)) ?? message;
}
