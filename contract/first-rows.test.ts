import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRows } from './first-rows.ts';
import { macValue } from './mac.ts';

/** What FirstRows replaces: a map from the lower-cased key to the row it was first seen in. */
function firstRowsByMap(keys: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((key, index) => {
    const first = seen.get(key.toLowerCase());
    if (first !== undefined) return first;
    seen.set(key.toLowerCase(), index + 1);
    return 0;
  });
}

describe('FirstRows', () => {
  it('names the first row of a name again, ignoring case as toLowerCase does, also beyond the rows expected', () => {
    const name = fc.string({
      unit: fc.constantFrom('a', 'A', 'b', 'B', 'ü', 'Ü', 'ß', 'İ', 'i', 'Σ', 'σ', 'ς', '1', '-'),
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.array(name, { maxLength: 3000 }), fc.integer({ min: 0, max: 50 }), (keys, expected) => {
        const table = new FirstRows(expected);
        expect(keys.map((key, index) => table.name(key, index + 1))).toEqual(firstRowsByMap(keys));
      }),
      { numRuns: 300 },
    );
  });

  it('tells MACs apart by all 48 bits, in any notation', () => {
    const table = new FirstRows(2);
    expect(table.mac(macValue('00:90:33:12:34:56'), 2)).toBe(0);
    expect(table.mac(macValue('ff:90:33:12:34:56'), 3)).toBe(0);
    expect(table.mac(macValue('00:90:33:12:34:57'), 4)).toBe(0);
    expect(table.mac(macValue('0090.3312.3456'), 5)).toBe(2);
    expect(table.mac(macValue('FF9033123456'), 6)).toBe(3);
    for (let index = 0; index < 5000; index += 1) table.mac(index * 7919, index + 10);
    expect(table.mac(macValue('00-90-33-12-34-57'), 9000)).toBe(4);
  });
});
