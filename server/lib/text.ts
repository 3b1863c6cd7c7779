import { inLocale } from '../../i18n/translate.ts';
import type { Locale, Message } from '../../i18n/message.ts';

/** Messages are the catalogues' (`i18n/`); the service says each in the language its request asks for. */
export type { Locale, Message };
export { inLocale };

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
