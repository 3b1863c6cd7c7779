import { describe, expect, it } from 'vitest';
import { matchesAllWords } from './search.ts';

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
