import { readFileSync } from 'node:fs';
import { setupI18n } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { catalogPartOf } from '../i18n/catalog-parts.ts';
import { readMessageText } from '../i18n/message.ts';

/**
 * The console's words in the language a test's browser asks for. The specs are written in English, the console's
 * source language; the same specs run once more in German (the `german` project), where every text they look
 * for is the German the console's catalogue has for it. A text missing from the catalogue fails the test.
 */
export type TestLanguage = 'en' | 'de';

type Values = Record<string, unknown>;

export interface Translate {
  /**
   * The console's or the service's text for `message`, a catalogue key (`board.logout`), the English message as
   * the catalogue has it (`Log {name} out of {desk}?`) or a contract's message (`messageText`), with `values` put
   * in: in English or in German.
   */
  (message: string, values?: Values): string;
  /** The message as a whole-string pattern in the language: each of its arguments matches any text. */
  matching(message: string): RegExp;
  readonly language: TestLanguage;
}

const catalogue = (language: TestLanguage) =>
  JSON.parse(readFileSync(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;

const english = catalogue('en');
const german = catalogue('de');
const keysByEnglish = new Map<string, string[]>();
for (const [key, text] of Object.entries(english)) keysByEnglish.set(text, [...(keysByEnglish.get(text) ?? []), key]);

function keyOf(message: string): string {
  if (message in english) return message;
  const all = keysByEnglish.get(message);
  if (!all) throw new Error(`"${message}" is not a message of the catalogues`);
  // A text on screen is the console's where it has one; else the service's (an error it answered).
  const shown = all.filter((key) => catalogPartOf(key) !== 'service');
  const keys = shown.length > 0 ? shown : all;
  const germans = new Set(keys.map((key) => german[key]));
  if (germans.size > 1) throw new Error(`"${message}" is ambiguous in German: name one of ${keys.join(', ')}`);
  return keys[0] ?? message;
}

const compiled = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, compileMessageOrThrow(text)]));

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function translator(language: TestLanguage): Translate {
  const i18n = setupI18n({
    locale: language,
    messages: { [language]: compiled(language === 'de' ? german : english) },
  });
  const t = (message: string, values?: Values) => {
    const said = readMessageText(message);
    return said !== null && said.id in english
      ? i18n._(said.id, said.values ?? values)
      : i18n._(keyOf(message), values);
  };
  return Object.assign(t, {
    matching: (message: string) => wildcards((language === 'de' ? german : english)[keyOf(message)] ?? ''),
    language,
  });
}

/** A catalogue pattern as a whole-string regular expression: each argument (`{desk}`, `{count, plural, …}`) is any text. */
function wildcards(pattern: string): RegExp {
  let source = '';
  let depth = 0;
  for (const character of pattern) {
    if (character === '{') {
      if (depth === 0) source += '.+';
      depth += 1;
    } else if (character === '}') depth -= 1;
    else if (depth === 0) source += escapeRegExp(character);
  }
  return new RegExp(`^${source}$`);
}

/** The language of a browser locale (`de-DE` → `de`; anything else: English, as the console decides). */
export const languageOf = (locale: string | undefined): TestLanguage => (locale?.startsWith('de') ? 'de' : 'en');
