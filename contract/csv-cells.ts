/** Cells both ways: quoting for the export, and the spreadsheet-formula defusing and its undoing. */

/** A cell a spreadsheet would run as a formula, also behind quotes we added (so that escaping nests). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/**
 * The same behind a semicolon inside a value: a spreadsheet whose list separator is `;` (German Excel)
 * splits the line there, ignoring our comma quoting, and starts a new cell. Defused as `;'=`, nesting too.
 */
const FORMULA_AFTER_SEMICOLON = /;('*[=+\-@\t\r])/g;
const DEFUSED_AFTER_SEMICOLON = /;'('*[=+\-@\t\r])/g;

/** A cell the export defused (`'=…`, `…;'=…`) gets its characters back. */
export function restoreCell(cell: string): string {
  // Most cells were never defused: nothing to look at (the import restores millions of cells).
  if (cell.charCodeAt(0) !== 39 && !cell.includes(";'")) return cell;
  const start = cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
  return start.replace(DEFUSED_AFTER_SEMICOLON, ';$1');
}

/**
 * RFC 4180 quoting, and defusing of cells a spreadsheet would run as a formula. A comma-separated file quotes
 * semicolons too (German Excel splits there); a semicolon-separated one leaves commas (decimal commas) bare.
 */
export function csvCell(value: string, separator: ',' | ';' = ','): string {
  const defused = (FORMULA_START.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SEMICOLON, ";'$1");
  const quote = separator === ',' ? /[",\r\n;\t]/ : /[";\r\n\t]/;
  return quote.test(defused) || defused !== defused.trim() ? `"${defused.replace(/"/g, '""')}"` : defused;
}
