/**
 * The one scan over a CSV text before it is parsed: how wide and how long it is, and where to cut it
 * into pieces of whole rows.
 */

const QUOTE = 34;
const NEWLINE = 10;
/** A desk table this wide is not a desk table: refused before it is split into cells. */
export const MAX_COLUMNS = 256;
/** Rows a desk file may have (the header and blank rows included): a million desks is far beyond any site. */
export const MAX_ROWS = 1_000_001;

/** Text parsed at once: a bigger file is cut into pieces at row ends, so only one piece's cells exist at a time. */
export const PIECE_CHARS = 1 << 20;

/**
 * Where to cut the text into pieces of whole rows, and the first row (1-based, as a spreadsheet counts)
 * with more than MAX_COLUMNS fields. One pass before anything is split, with papaparse's quoting rules (a
 * quote opens a field only at its start; `""` inside is a quote; a quote closes it only before a delimiter or
 * a row end): a header of 15 million columns costs a scan, not 15 million strings, and 25 million one-letter
 * rows cost one piece at a time, not 25 million arrays. The pass jumps from quote to quote and row end to row
 * end (`indexOf`); only a row long enough to have too many fields has its fields counted character by character.
 */
export function layOut(
  text: string,
  delimiter: string,
  pieceChars = PIECE_CHARS,
): {
  pieces: [number, number][];
  tooWide: { row: number; fields: number } | null;
  tooLong: boolean;
  /** Rows counted (the header and blank rows included). */
  rows: number;
} {
  const separator = delimiter.charCodeAt(0);
  const pieces: [number, number][] = [];
  let pieceStart = 0;
  let row = 1;
  let rowStart = 0;
  /** The next quote at or after where the scan is (-1: none left): each quote is searched for once. */
  let quote = text.indexOf('"');
  /** Where the row starting at `start` ends: its newline outside quotes, or the end of the text. */
  const rowEnd = (start: number): number => {
    let at = start;
    for (;;) {
      const newline = text.indexOf('\n', at);
      const end = newline < 0 ? text.length : newline;
      if (quote >= 0 && quote < at) quote = text.indexOf('"', at);
      // A quote in the middle of a field is a character like any other.
      while (quote >= 0 && quote < end && quote !== start && text.charCodeAt(quote - 1) !== separator)
        quote = text.indexOf('"', quote + 1);
      if (quote < 0 || quote >= end) return end;
      at = closingQuote(text, quote, separator) + 1;
      if (at > text.length) return text.length;
    }
  };
  for (;;) {
    const end = rowEnd(rowStart);
    // A row of fewer characters than MAX_COLUMNS cannot have more fields than that.
    if (end - rowStart >= MAX_COLUMNS) {
      const fields = fieldCount(text, rowStart, end, separator);
      if (fields > MAX_COLUMNS) return { pieces, tooWide: { row, fields }, tooLong: false, rows: row };
    }
    if (end >= text.length) break;
    row += 1;
    if (row > MAX_ROWS && end + 1 < text.length) return { pieces, tooWide: null, tooLong: true, rows: row };
    if (end - pieceStart >= pieceChars) {
      pieces.push([pieceStart, end]);
      pieceStart = end + 1;
    }
    rowStart = end + 1;
  }
  pieces.push([pieceStart, text.length]);
  return { pieces, tooWide: null, tooLong: false, rows: row };
}

/** The quote that closes the field opened at `open` (one before a delimiter, a newline or the end), or the text's length. */
function closingQuote(text: string, open: number, separator: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    const next = text.charCodeAt(at + 1);
    if (next === QUOTE) at += 1;
    else if (next === separator || next === NEWLINE || Number.isNaN(next)) return at;
  }
}

/** The fields of the row in [start, end), quotes respected. */
function fieldCount(text: string, start: number, end: number, separator: number): number {
  let fields = 1;
  let fieldStart = true;
  for (let at = start; at < end; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE && fieldStart) {
      at = closingQuote(text, at, separator);
      fieldStart = false;
    } else if (code === separator) {
      fields += 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  return fields;
}
