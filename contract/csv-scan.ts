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
 * with more than MAX_COLUMNS fields. One pass over the characters before anything is split, with
 * papaparse's quoting rules (a quote opens a field only at its start; `""` inside is a quote; a quote
 * closes it only before a delimiter or a row end): a header of 15 million columns costs a scan, not 15
 * million strings, and 25 million one-letter rows cost one piece at a time, not 25 million arrays.
 */
export function layOut(
  text: string,
  delimiter: string,
): { pieces: [number, number][]; tooWide: { row: number; fields: number } | null; tooLong: boolean } {
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
      if (code === QUOTE) {
        const next = text.charCodeAt(at + 1);
        if (next === QUOTE) at += 1;
        else if (next === separator || next === NEWLINE || Number.isNaN(next)) quoted = false;
      }
    } else if (code === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (code === separator) {
      fields += 1;
      fieldStart = true;
    } else if (code === NEWLINE) {
      if (fields > MAX_COLUMNS) return { pieces, tooWide: { row, fields }, tooLong: false };
      row += 1;
      if (row > MAX_ROWS && at + 1 < text.length) return { pieces, tooWide: null, tooLong: true };
      fields = 1;
      fieldStart = true;
      if (at - pieceStart >= PIECE_CHARS) {
        pieces.push([pieceStart, at]);
        pieceStart = at + 1;
      }
    } else fieldStart = false;
  }
  if (fields > MAX_COLUMNS) return { pieces, tooWide: { row, fields }, tooLong: false };
  pieces.push([pieceStart, text.length]);
  return { pieces, tooWide: null, tooLong: false };
}
