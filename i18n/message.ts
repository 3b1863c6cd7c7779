import type en from './en.json';

/**
 * Every sentence the product shows or sends, console, contract and service alike, is an ICU message in
 * `en.json` and `de.json` (one file per language, for translators); code names a message by its id. The
 * console loads its parts (`catalog-parts.ts`); the service formats with the same catalogues
 * (`server/lib/text.ts`).
 */
export type MessageId = keyof typeof en;

export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];

/**
 * A value of a message: text and numbers as they are; another message (a part of a sentence), said in the same
 * language; what each language writes its own way (a date in the office's time zone) as a function of it.
 */
export type MessageValue = string | number | Message | ((locale: Locale) => string);

/** A message to be said in the reader's language: its id and the values of its arguments. */
export interface Message {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

export const msg = (id: MessageId, values?: Record<string, MessageValue>): Message =>
  values === undefined ? { id } : { id, values };

const ID = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+$/;

/**
 * A message where only a string fits (a zod issue, a problem of the desk file): its id, then its values as
 * JSON. `readMessageText` reads it back; whoever shows it translates it (`contractMessage` in the console,
 * `inLocale` in the service).
 */
export function messageText(id: MessageId, values?: Readonly<Record<string, string | number>>): string {
  return values === undefined ? id : `${id} ${JSON.stringify(values)}`;
}

/** The message a `messageText` string holds; null for any other string (a sentence, zod's own English). */
export function readMessageText(text: string): { id: string; values?: Record<string, string | number> } | null {
  const space = text.indexOf(' ');
  const id = space === -1 ? text : text.slice(0, space);
  if (!ID.test(id)) return null;
  if (space === -1) return { id };
  try {
    const values: unknown = JSON.parse(text.slice(space + 1));
    if (values === null || typeof values !== 'object' || Array.isArray(values)) return null;
    return { id, values: values as Record<string, string | number> };
  } catch {
    return null;
  }
}
