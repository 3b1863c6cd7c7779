import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, scanCsvShape, splitCsv, withLfRowEnds } from './csv-scan.ts';

const rowsOf = (text: string) => {
  const rows: string[][] = [];
  splitCsv(withLfRowEnds(text), ',', (row) => rows.push([...row.cells]));
  return rows;
};

describe('the desk file’s rows', () => {
  it('ends a row at CRLF, LF and a lone CR, mixed, and reads a quoted row end as LF', () => {
    expect(rowsOf('a,b\r\n"c\r\nd",e\rf,g\nh,i\n')).toEqual([
      ['a', 'b'],
      ['c\nd', 'e'],
      ['f', 'g'],
      ['h', 'i'],
    ]);
  });

  it('counts quoted delimiters and row ends as part of their cell, not as fields or rows', () => {
    const wideCell = `"${','.repeat(MAX_COLUMNS * 2)}"`;
    expect(scanCsvShape(`a,b\n${wideCell},x\n"1\n2\n3",y\n`, ',')).toEqual({ rows: 3, tooWide: null, tooLong: false });
    expect(scanCsvShape('"say ""hi""",b\nc', ',')).toEqual({ rows: 2, tooWide: null, tooLong: false });
  });

  it('finds the first row wider than a desk table, before any row is made', () => {
    const wide = Array.from({ length: MAX_COLUMNS + 5 }, () => 'x').join(',');
    expect(scanCsvShape(`a,b\nc,d\n${wide}\n${wide}`, ',').tooWide).toEqual({ row: 3, fields: MAX_COLUMNS + 5 });
  });
});
