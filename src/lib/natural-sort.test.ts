import { describe, expect, it } from 'vitest';
import { sortNaturally } from './natural-sort.ts';

describe('sortNaturally', () => {
  it('orders numbers by value, ignoring case and accents, as Intl.Collator does', () => {
    const names = ['Desk 10', 'desk 2', 'Écran 1', 'Desk 1', 'ecran 02', 'B-100', 'b-20', 'Zone'];
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    expect(sortNaturally(names, (name) => name, true)).toEqual([...names].sort(collator.compare));
  });

  it('reverses for descending, keeps equal keys in their order, sorts numbers as numbers', () => {
    const rows = [
      { name: 'a', size: 10 },
      { name: 'b', size: 9 },
      { name: 'c', size: 10 },
    ];
    expect(sortNaturally(rows, (row) => row.size, true).map((row) => row.name)).toEqual(['b', 'a', 'c']);
    expect(sortNaturally(rows, (row) => row.size, false).map((row) => row.name)).toEqual(['a', 'c', 'b']);
  });
});
