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

/** One word of a search box: folded, and as MAC digits when it could be part of a MAC ("00:90:33" → "009033"). */
export interface SearchWord {
  text: string;
  hex: string | null;
}

const MAC_PART = /^[0-9a-f]{2,}$|^[0-9a-f]{1,4}([:.-][0-9a-f]{0,4})+$/;

/** The words of what someone typed; none for an empty box (everything matches then). */
export function searchWords(query: string): SearchWord[] {
  return foldForSearch(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, hex: MAC_PART.test(text) ? text.replace(/[^0-9a-f]/g, '') : null }));
}

/**
 * Whether every word occurs in `haystack` (folded with `foldForSearch`, e.g. once per row and not per
 * keystroke); a MAC-like word also matches the MAC's digits in it.
 */
export function matchesWords(words: readonly SearchWord[], haystack: string): boolean {
  return words.every((word) => haystack.includes(word.text) || (word.hex !== null && haystack.includes(word.hex)));
}
