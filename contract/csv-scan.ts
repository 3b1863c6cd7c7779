/**
 * The one pass over a desk file's text: it finds the rows and their fields without making a string, and the
 * reader takes the cells it needs from the text. A file's rules are papaparse's (the floor the import is
 * measured against, and the oracle of `csv-scan.property.test.ts`), on a text whose row ends may be CRLF, LF
 * or a lone CR, mixed:
 * - a quote opens a field only as its first character; inside, `""` is a quote;
 * - a quote closes the field when a delimiter or a row end follows it, white space between allowed, or when
 *   it is the text's last character; any other quote inside is a character of the field;
 * - a field whose quote never closes takes the rest of the text as it stands;
 * - every row end ends a row (the last row of a text that ends with one is an empty row); an empty text has
 *   no rows.
 * Quoted row ends in a cell read as LF, as after papaparse on the text with its row ends made LF.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A desk table this wide is not a desk table: refused without its cells being made. */
export const MAX_COLUMNS = 256;
/** Rows a desk file may have (the header and blank rows included): a million desks is far beyond any site. */
export const MAX_ROWS = 1_000_001;

/** How a field's characters become its cell. */
const PLAIN = 0;
/** Quoted: `""` becomes `"` and quoted row ends LF. */
const QUOTED = 1;
/** An unclosed quote's rest of the text: row ends LF, quotes as they are. */
const UNCLOSED = 2;

/** The characters `String.prototype.trim` removes. */
export function isTrimmedSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** One row of the text: where its fields are; a cell becomes a string only when asked for. */
export class CsvRow {
  /** The row as a spreadsheet counts it: 1 is the first. */
  number = 0;
  /** Where the row starts in the text. */
  start = 0;
  /** Its fields, also those beyond the ones whose places are kept. */
  count = 0;
  /** Per kept field: start, end, kind. */
  private readonly bounds: Int32Array;

  constructor(
    readonly text: string,
    /** Fields whose places are kept: a wider row is only counted past them. */
    readonly keep: number,
  ) {
    this.bounds = new Int32Array(keep * 3);
  }

  /** The cell of field `index` as papaparse gives it; '' for a field the row does not have. */
  cell(index: number): string {
    if (index < 0 || index >= this.count || index >= this.keep) return '';
    const at = index * 3;
    const kind = this.bounds[at + 2];
    const value = this.text.slice(this.bounds[at], this.bounds[at + 1]);
    if (kind === PLAIN) return value;
    const unquoted = kind === QUOTED && value.includes('"') ? value.replace(/""/g, '"') : value;
    return unquoted.includes('\r') ? unquoted.replace(/\r\n?/g, '\n') : unquoted;
  }

  /** Field `index` is empty or white space only (its cell would trim to ''). */
  private isBlankCell(index: number): boolean {
    if (index < 0 || index >= this.count || index >= this.keep) return true;
    const end = this.bounds[index * 3 + 1] ?? 0;
    for (let at = this.bounds[index * 3] ?? 0; at < end; at += 1)
      if (!isTrimmedSpace(this.text.charCodeAt(at))) return false;
    return true;
  }

  /** Every kept field is blank. */
  isBlank(): boolean {
    const fields = Math.min(this.count, this.keep);
    for (let index = 0; index < fields; index += 1) if (!this.isBlankCell(index)) return false;
    return true;
  }

  /** @internal the splitter's: a field found. */
  add(start: number, end: number, kind: number): void {
    if (this.count < this.keep) {
      const at = this.count * 3;
      this.bounds[at] = start;
      this.bounds[at + 1] = end;
      this.bounds[at + 2] = kind;
    }
    this.count += 1;
  }
}

/**
 * Calls `visit` with each row of `text` in turn (the same object, refilled: keep nothing of it); `visit`
 * returning false stops the pass. `keep`: fields whose places a row keeps (a wider row is counted only).
 */
export function splitCsv(text: string, delimiter: string, keep: number, visit: (row: CsvRow) => boolean): void {
  const separator = delimiter.charCodeAt(0);
  const row = new CsvRow(text, keep);
  // At the text's length after a row end: one more, empty row.
  for (let at = 0; at <= text.length && text.length > 0;) {
    row.number += 1;
    row.start = at;
    row.count = 0;
    at = readRow(text, at, separator, row);
    if (!visit(row)) return;
  }
}

/**
 * Reads the row starting at `start` into `row`; returns where the next row starts, or the text's length + 1
 * when the text ends inside this row.
 */
function readRow(text: string, start: number, separator: number, row: CsvRow): number {
  const length = text.length;
  let at = start;
  for (;;) {
    if (text.charCodeAt(at) === QUOTE) {
      const open = at + 1;
      let search = open;
      for (;;) {
        const quote = text.indexOf('"', search);
        if (quote < 0) {
          row.add(open, length, UNCLOSED);
          return length + 1;
        }
        if (quote === length - 1) {
          row.add(open, quote, QUOTED);
          return length + 1;
        }
        let after = quote + 1;
        let code = text.charCodeAt(after);
        if (code === QUOTE) {
          search = after + 1;
          continue;
        }
        while (after < length && code !== separator && code !== LF && code !== CR && isTrimmedSpace(code)) {
          after += 1;
          code = text.charCodeAt(after);
        }
        if (after < length && code === separator) {
          row.add(open, quote, QUOTED);
          at = after + 1;
          break;
        }
        if (after < length && (code === LF || code === CR)) {
          row.add(open, quote, QUOTED);
          return rowEnd(text, after, code);
        }
        search = quote + 1;
      }
      continue;
    }
    let end = at;
    let code = 0;
    while (end < length) {
      code = text.charCodeAt(end);
      if (code === separator || code === LF || code === CR) break;
      end += 1;
    }
    row.add(at, end, PLAIN);
    if (end >= length) return length + 1;
    if (code !== separator) return rowEnd(text, end, code);
    at = end + 1;
  }
}

/** Past the row end at `at` (CRLF is one). */
const rowEnd = (text: string, at: number, code: number): number =>
  code === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;

/** Row ends in `text` outside quotes or not: a bound on its rows, found without splitting it. */
export function rowEndsAtMost(text: string): number {
  let ends = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends += 1;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1))
    if (text.charCodeAt(at + 1) !== LF) ends += 1;
  return ends;
}
