import { inGerman } from '../../contract/messages-de.ts';

/**
 * A sentence for a person, in each language the console speaks. Error messages are written as these where
 * they arise; the answer carries the one the request's `Accept-Language` asks for (English otherwise).
 */
export interface Text {
  en: string;
  de: string;
}

export type Locale = keyof Text;

/** The first language of an `Accept-Language` header (by quality) that the service speaks; else English. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: quality ? Number(quality) : 1, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { language } of ranked) if (language === 'de' || language === 'en') return language;
  return 'en';
}

/**
 * The message in `locale`: a `Text`'s own; a plain string is English, such as the contract's validation
 * messages, whose German `contract/messages-de.ts` knows.
 */
export const inLocale = (message: string | Text, locale: Locale): string => {
  if (typeof message !== 'string') return message[locale];
  return locale === 'de' ? inGerman(message) : message;
};
