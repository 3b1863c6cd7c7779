import Papa from 'papaparse';

/**
 * A desk file's rows, read by papaparse (the parser the product was specified with), and the pre-scan that
 * refuses a file that is no desk table before papaparse makes its rows. The text's row ends may be CRLF, LF or
 * a lone CR, mixed: they are made LF first (papaparse reads one kind of row end per file), so a quoted row end
 * in a cell reads as LF. Every row end ends a row (the last row of a text that ends with one is an empty row);
 * an empty text has no rows.
 */

/** A desk table this wide is not a desk table. */
export const MAX_COLUMNS = 256;
/** Rows a desk file may have (the header and blank rows included): a million desks is far beyond any site. */
export const MAX_ROWS = 1_000_001;

const QUOTE = 34;
const LF = 10;

/** One row of the file, as papaparse gives it. */
export class CsvRow {
  /** The row as a spreadsheet counts it: 1 is the first. */
  number = 0;
  cells: string[] = [];
  /** How far the reading is, 0…1 (for a progress bar). */
  progress = 0;

  get count(): number {
    return this.cells.length;
  }

  /** The cell of field `index`; '' for a field the row does not have. */
  cell(index: number): string {
    return this.cells[index] ?? '';
  }

  /** Every cell is empty or white space. */
  isBlank(): boolean {
    return this.cells.every((cell) => cell.trim() === '');
  }
}

/** The text with every row end as LF. */
export const withLfRowEnds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** What the pre-scan found. */
export interface CsvShape {
  /** Its rows, the empty one after a final row end not counted (at most MAX_ROWS + 1: the scan stops there). */
  rows: number;
  /** The first row wider than MAX_COLUMNS fields, or null. */
  tooWide: { row: number; fields: number } | null;
  /** More than MAX_ROWS rows. */
  tooLong: boolean;
}

/**
 * One walk over the characters (row ends LF), counting rows and each row's fields without making a string:
 * what papaparse would build for a file of 25 million fields or rows is refused before it is built. Quotes as
 * papaparse reads well-formed files: a quote opens a field only as its first character, `""` inside is a
 * quote, and the next quote closes it (the rest of the field up to its delimiter is counted with it). A
 * malformed quote can make this count differ from papaparse's: the scan is a guard, papaparse the reader.
 */
export function scanCsvShape(text: string, delimiter: string): CsvShape {
  const separator = delimiter.charCodeAt(0);
  const length = text.length;
  let rows = 0;
  let at = 0;
  while (at < length) {
    rows += 1;
    if (rows > MAX_ROWS) return { rows, tooWide: null, tooLong: true };
    let fields = 1;
    // One row: fields until a row end outside quotes.
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        let close = text.indexOf('"', at + 1);
        while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
        at = close < 0 ? length : close + 1;
      }
      while (at < length) {
        const code = text.charCodeAt(at);
        if (code === separator || code === LF) break;
        at += 1;
      }
      if (at >= length || text.charCodeAt(at) === LF) break;
      fields += 1;
      at += 1;
      if (fields > MAX_COLUMNS)
        return { rows, tooWide: { row: rows, fields: countFields(text, at, separator) + fields }, tooLong: false };
    }
    at += 1;
  }
  return { rows, tooWide: null, tooLong: false };
}

/** The fields left in the row from `at` (quotes not looked at: only said in the refusal's message). */
function countFields(text: string, at: number, separator: number): number {
  let fields = 0;
  for (let index = at; index < text.length && text.charCodeAt(index) !== LF; index += 1)
    if (text.charCodeAt(index) === separator) fields += 1;
  return fields;
}

/**
 * Calls `visit` with each row of `text` (row ends LF: see withLfRowEnds; scanned by scanCsvShape) in turn, the
 * same object refilled. The empty row after a final row end is left out.
 */
export function splitCsv(text: string, delimiter: string, visit: (row: CsvRow) => void): void {
  if (text.length === 0) return;
  const { data } = Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
  });
  const rows = text.endsWith('\n') ? data.length - 1 : data.length;
  const row = new CsvRow();
  for (let index = 0; index < rows; index += 1) {
    row.number = index + 1;
    row.cells = data[index] ?? [];
    row.progress = index / rows;
    visit(row);
  }
}
