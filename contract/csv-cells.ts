/** Cells both ways: quoting for the export, and the spreadsheet-formula defusing and its undoing. */

/** A cell a spreadsheet would run as a formula, also behind quotes we added (so that escaping nests). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell the export defused (`'=…`) gets its first character back. */
export const restoreCell = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** RFC 4180 quoting, and defusing of cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;\t]/.test(defused) || defused !== defused.trim() ? `"${defused.replace(/"/g, '""')}"` : defused;
}
