import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layOut, MAX_COLUMNS, MAX_ROWS } from './csv-scan.ts';

/**
 * The scan jumps from quote to quote and from row end to row end; this is the rule it must keep, written as
 * the plain character-by-character walk it replaced: papaparse's quoting, rows, fields and piece cuts.
 */
function reference(text: string, delimiter: string, pieceChars: number) {
  const separator = delimiter.charCodeAt(0);
  const pieces: [number, number][] = [];
  let pieceStart = 0;
  let row = 1;
  let fields = 1;
  let quoted = false;
  let fieldStart = true;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (quoted) {
      if (code === 34) {
        const next = text.charCodeAt(at + 1);
        if (next === 34) at += 1;
        else if (next === separator || next === 10 || Number.isNaN(next)) quoted = false;
      }
    } else if (code === 34 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (code === separator) {
      fields += 1;
      fieldStart = true;
    } else if (code === 10) {
      if (fields > MAX_COLUMNS) return { pieces, tooWide: { row, fields }, tooLong: false, rows: row };
      row += 1;
      if (row > MAX_ROWS && at + 1 < text.length) return { pieces, tooWide: null, tooLong: true, rows: row };
      fields = 1;
      fieldStart = true;
      if (at - pieceStart >= pieceChars) {
        pieces.push([pieceStart, at]);
        pieceStart = at + 1;
      }
    } else fieldStart = false;
  }
  if (fields > MAX_COLUMNS) return { pieces, tooWide: { row, fields }, tooLong: false, rows: row };
  pieces.push([pieceStart, text.length]);
  return { pieces, tooWide: null, tooLong: false, rows: row };
}

/**
 * CSV-like text: mostly separators and quotes, so that quoted newlines and `""` come up; with few newlines
 * (`rowsRare`), rows of more than MAX_COLUMNS fields too.
 */
const csvText = (delimiter: string, rowsRare: boolean) =>
  fc
    .array(
      fc.oneof(
        { arbitrary: fc.constant('\n'), weight: rowsRare ? 1 : 30 },
        { arbitrary: fc.constantFrom('a', delimiter, delimiter, delimiter, '"', '"', ' ', ','), weight: 240 },
      ),
      { maxLength: 1500 },
    )
    .map((characters) => characters.join(''));

describe('layOut', () => {
  for (const delimiter of [',', ';', '\t']) {
    it(`cuts, counts and refuses as the character-by-character walk does (delimiter ${JSON.stringify(delimiter)})`, () => {
      fc.assert(
        fc.property(
          fc.boolean().chain((rowsRare) => csvText(delimiter, rowsRare)),
          fc.integer({ min: 0, max: 200 }),
          (text, pieceChars) => {
            expect(layOut(text, delimiter, pieceChars)).toEqual(reference(text, delimiter, pieceChars));
          },
        ),
        { numRuns: 2000 },
      );
    });
  }

  it('finds a row of too many fields behind quoted newlines and separators', () => {
    const wide = `"a\nb,c",${'x,'.repeat(MAX_COLUMNS)}x`;
    const text = `h1,h2\n${wide}\nlast`;
    expect(layOut(text, ',')).toEqual(reference(text, ',', 1 << 20));
    expect(layOut(text, ',').tooWide).toEqual({ row: 2, fields: MAX_COLUMNS + 2 });
  });
});
