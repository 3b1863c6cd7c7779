import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type CsvRow, isTrimmedSpace, MAX_COLUMNS, rowEndsAtMost, splitCsv } from './csv-scan.ts';

/**
 * The splitter keeps papaparse's rules (the import's floor, which it replaced): on any text, its rows and
 * cells are papaparse's on the same text with its row ends made LF.
 */
const papaparse = (text: string, delimiter: string): string[][] =>
  text === ''
    ? []
    : Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter, newline: '\n', skipEmptyLines: false }).data;

function split(text: string, delimiter: string, keep = 10_000): string[][] {
  const rows: string[][] = [];
  splitCsv(text, delimiter, keep, (row: CsvRow) => {
    rows.push(Array.from({ length: row.count }, (_, index) => row.cell(index)));
    return true;
  });
  return rows;
}

/** CSV-like text: mostly separators, quotes, row ends of every kind and white space, so that the edge cases come up. */
const csvText = (delimiter: string) =>
  fc
    .array(
      fc.constantFrom(
        'a',
        'b',
        delimiter,
        delimiter,
        '"',
        '"',
        '""',
        ' ',
        '\u00a0',
        '\n',
        '\r\n',
        '\r',
        ',',
        ';',
        '\t',
      ),
      { maxLength: 80 },
    )
    .map((parts) => parts.join(''));

describe('splitCsv', () => {
  for (const delimiter of [',', ';', '\t']) {
    it(`splits as papaparse does (delimiter ${JSON.stringify(delimiter)})`, () => {
      fc.assert(
        fc.property(csvText(delimiter), (text) => {
          expect(split(text, delimiter)).toEqual(papaparse(text, delimiter));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('keeps the places of the first fields of a wide row and counts the rest', () => {
    const text = `a,b\n${'x,'.repeat(MAX_COLUMNS + 9)}"y"\nlast`;
    const seen: { number: number; count: number; first: string; beyond: string }[] = [];
    splitCsv(text, ',', MAX_COLUMNS + 1, (row) => {
      seen.push({ number: row.number, count: row.count, first: row.cell(0), beyond: row.cell(MAX_COLUMNS + 5) });
      return true;
    });
    expect(seen).toEqual([
      { number: 1, count: 2, first: 'a', beyond: '' },
      { number: 2, count: MAX_COLUMNS + 10, first: 'x', beyond: '' },
      { number: 3, count: 1, first: 'last', beyond: '' },
    ]);
  });

  it('stops when asked, and says where each row starts', () => {
    const starts: [number, number][] = [];
    splitCsv('ab,c\r\n"d\r\ne",f\rg\nh', ',', 4, (row) => {
      starts.push([row.number, row.start]);
      return row.number < 3;
    });
    expect(starts).toEqual([
      [1, 0],
      [2, 6],
      [3, 15],
    ]);
  });

  it('finds blank rows without making their cells', () => {
    const blank: boolean[] = [];
    splitCsv(' , \t\n"",\u00a0\n" x",\n', ',', 4, (row) => {
      blank.push(row.isBlank());
      return true;
    });
    expect(blank).toEqual([true, true, false, true]);
  });

  it('knows the characters trim removes', () => {
    for (let code = 0; code < 0x10000; code += 1)
      expect(isTrimmedSpace(code), `U+${code.toString(16)}`).toBe(String.fromCharCode(code).trim() === '');
  });

  it('bounds the rows by the row ends', () => {
    fc.assert(
      fc.property(csvText(','), (text) => {
        expect(split(text, ',').length).toBeLessThanOrEqual(rowEndsAtMost(text) + 1);
      }),
    );
  });
});
