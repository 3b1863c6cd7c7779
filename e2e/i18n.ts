import { readFileSync } from 'node:fs';
import { setupI18n } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { inGerman } from '../contract/messages-de.ts';

/**
 * The console's words in the language a test's browser asks for. The specs are written in English, the console's
 * source language; the same specs run once more in German (the `german` project), where every text they look
 * for is the German the console's catalogue has for it. A text missing from the catalogue fails the test.
 */
export type TestLanguage = 'en' | 'de';

type Values = Record<string, unknown>;

export interface Translate {
  /**
   * The console's text for `message`, a catalogue key (`board.logout`) or the English message as the catalogue
   * has it (`Log {name} out of {desk}?`), with `values` put in: in English or in German.
   */
  (message: string, values?: Values): string;
  /** The message as a whole-string pattern in the language: each of its arguments matches any text. */
  matching(message: string): RegExp;
  /**
   * A message of the service in the browser's language: the contract's English `message` (its German from
   * contract/messages-de.ts), or, for the few the service words itself, both as the service has them.
   */
  service(message: string, german?: string): string;
  readonly language: TestLanguage;
}

const catalogue = (language: TestLanguage) =>
  JSON.parse(readFileSync(new URL(`../src/i18n/catalogs/${language}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

const english = catalogue('en');
const german = catalogue('de');
const keysByEnglish = new Map<string, string[]>();
for (const [key, text] of Object.entries(english)) keysByEnglish.set(text, [...(keysByEnglish.get(text) ?? []), key]);

function keyOf(message: string): string {
  if (message in english) return message;
  const keys = keysByEnglish.get(message);
  if (!keys) throw new Error(`"${message}" is not a message of the console's catalogue`);
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
  const t = (message: string, values?: Values) => i18n._(keyOf(message), values);
  return Object.assign(t, {
    matching: (message: string) => wildcards((language === 'de' ? german : english)[keyOf(message)] ?? ''),
    service(message: string, german?: string) {
      if (language === 'en') return message;
      if (german !== undefined) return german;
      const translated = inGerman(message);
      if (translated === message) throw new Error(`the service's message "${message}" has no German`);
      return translated;
    },
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
