/** Searching the way people type: accents, case and word order do not matter ("joao richter" finds João Richter). */

// eslint-disable-next-line no-control-regex -- ASCII is exactly the range meant
const ASCII = /^[\u0000-\u007f]*$/;

/** Lowercase, without accents (ASCII text, most of it, skips the Unicode decomposition). */
export const foldForSearch = (text: string): string =>
  ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();

/** Whether every word of `query` occurs in one of `fields`; an empty query matches nothing. */
export function matchesAllWords(query: string, fields: readonly string[]): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const haystack = foldForSearch(fields.join(' '));
  return words.every((word) => haystack.includes(word));
}
