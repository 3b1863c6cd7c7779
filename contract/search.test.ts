import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesAllWords, matchesWords, searchWords } from './search.ts';

describe('searching for people', () => {
  it('ignores accents, case and word order', () => {
    expect(matchesAllWords('joao richter', ['João Richter'])).toBe(true);
    expect(matchesAllWords('RICHTER jo', ['João Richter'])).toBe(true);
    expect(matchesAllWords('Müller', ['Jan Muller'])).toBe(true);
  });

  it('needs every word, in any field, and nothing for an empty query', () => {
    expect(matchesAllWords('richter 1042', ['João Richter', 'user042', '1042'])).toBe(true);
    expect(matchesAllWords('richter 1043', ['João Richter', 'user042', '1042'])).toBe(false);
    expect(matchesAllWords('   ', ['João Richter'])).toBe(false);
  });
});

describe('searching rows by what people type', () => {
  const row = foldForSearch(['B1-2.07', 'João Richter', 'user042', '1042', 'PC-B1-207', '009033aabbcc'].join(' '));
  it.each([
    ['joao richter', true],
    ['richter JOÃO', true],
    ['1042', true],
    ['pc-b1', true],
    ['00:90:33:aa', true],
    ['00-90-33-AA-BB-CC', true],
    ['0090.33aa.bbcc', true],
    ['richter 1043', false],
    ['aa:bb:cd', false],
  ])('%s → %s', (query, expected) => {
    expect(matchesWords(searchWords(query), row)).toBe(expected);
  });

  it('has no words for an empty box', () => {
    expect(searchWords('  ')).toEqual([]);
  });
});
