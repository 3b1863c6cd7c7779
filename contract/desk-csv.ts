import Papa from 'papaparse';
import { DESK_NAME_MAX, MAX_COMPUTER_NAMES, POSITION_MAX, ROTATION_MAX } from './desks.ts';
import { restoreCell } from './csv-cells.ts';
import { ALIASES, CSV_COLUMNS, type CsvColumn } from './desk-csv-columns.ts';
import { layOut, MAX_COLUMNS, MAX_ROWS } from './csv-scan.ts';
import { FirstRows } from './first-rows.ts';
import { formatMac, macText, macValue } from './mac.ts';
import { nameProblem } from './names.ts';
import { netbiosProblem } from './netbios.ts';

/**
 * The desk table as CSV, both ways, shared by the console's import worker and the service: the seed
 * product's `"hw_id","name","computername"` file imports as it is; optional columns add floor, zone,
 * position and the enabled flag. Every problem is reported with the row a spreadsheet shows.
 */

export interface CsvIssue {
  /** The spreadsheet row (the header is row 1); 0 for the file as a whole. */
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface CsvDesk {
  row: number;
  mac: string;
  name: string;
  computerNames: string[];
  floor: string | null;
  zone: string | null;
  x: number | null;
  y: number | null;
  rotation: number | null;
  enabled: boolean | null;
}

export interface ParsedDeskFile {
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
  delimiter: ',' | ';' | '\t';
  columns: CsvColumn[];
  desks: CsvDesk[];
  errors: CsvIssue[];
  /** More errors than listed were found (the list stops at MAX_ISSUES). */
  errorCount: number;
  warnings: CsvIssue[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
}

/** Problems listed in full (each kind of list in an import answer stops there; the counts go on). */
export const MAX_ISSUES = 1000;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Unknown columns named in the one warning about them. */
const UNKNOWN_NAMED = 5;
/** How much of a cell an issue quotes. */
const VALUE_SHOWN = 100;

/** `text` cut to `max` characters, with an ellipsis when cut: no cell can make an answer large. */
export const clip = (text: string, max = VALUE_SHOWN): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

const issue = (row: number, column: string | null, value: string | null, code: string, message: string): CsvIssue => ({
  row,
  column: column === null ? null : clip(column, 40),
  value: value === null ? null : clip(value),
  code,
  message,
});

/** Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused. */
export function decodeDeskCsv(bytes: Uint8Array): { text: string; encoding: ParsedDeskFile['encoding'] } | CsvIssue {
  if (bytes.length === 0) return issue(0, null, null, 'empty_file', 'The file is empty.');
  let encoding: ParsedDeskFile['encoding'] = 'utf-8';
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding.startsWith('utf-16') ? encoding : 'utf-8', { fatal: true }).decode(body);
  } catch {
    return issue(
      0,
      null,
      null,
      'unreadable_encoding',
      'This file is neither UTF-8 nor UTF-16 text. In Excel, save it as "CSV UTF-8" or "Unicode Text".',
    );
  }
  if (text.includes('\u0000')) {
    return issue(
      0,
      null,
      null,
      'binary_file',
      'This file contains NUL bytes: it looks like a binary file, not a CSV table.',
    );
  }
  return { text, encoding };
}

/** The delimiter of the header line: comma, semicolon (German Excel) or tab ("Unicode text"). */
function detectDelimiter(text: string): ParsedDeskFile['delimiter'] {
  const firstLine = text.slice(0, Math.min(text.length, 4096)).split(/\r\n|\n|\r/)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((delimiter) => ({
    delimiter,
    count: unquoted.split(delimiter).length - 1,
  }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]?.count ? counts[0].delimiter : ',';
}

/** A row of nothing but empty or whitespace cells. */
function isBlank(cells: readonly string[]): boolean {
  for (const value of cells) if (value.trim() !== '') return false;
  return true;
}

const parseBoolean = (value: string): boolean | null => {
  const normalized = value.trim().toLowerCase();
  if (['true', 'yes', 'ja', '1', 'y', 'x'].includes(normalized)) return true;
  if (['false', 'no', 'nein', '0', 'n'].includes(normalized)) return false;
  return null;
};

/**
 * Parses and validates a desk file. Checks what the file alone can tell: notation, lengths, NetBIOS
 * rules, duplicates inside the file. Conflicts with the stored desk table are the service's job.
 */
export function parseDeskCsv(bytes: Uint8Array, onProgress?: (fraction: number) => void): ParsedDeskFile {
  const decoded = decodeDeskCsv(bytes);
  const result: ParsedDeskFile = {
    encoding: 'utf-8',
    delimiter: ',',
    columns: [],
    desks: [],
    errors: [],
    errorCount: 0,
    warnings: [],
    rowCount: 0,
  };
  const addError = (problem: CsvIssue) => {
    result.errorCount += 1;
    if (result.errors.length < MAX_ISSUES) result.errors.push(problem);
  };
  if ('code' in decoded) {
    addError(decoded);
    return result;
  }
  result.encoding = decoded.encoding;
  // CRLF, LF and lone CR (old Mac) may be mixed in one file; papaparse expects one kind.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  result.delimiter = detectDelimiter(text);
  const { pieces, tooWide, tooLong, rows: fileRows } = layOut(text, result.delimiter);
  if (tooLong) {
    addError(
      issue(
        0,
        null,
        null,
        'too_many_rows',
        `The file has more than ${(MAX_ROWS - 1).toLocaleString('en')} rows; a desk table has at most that many. Is this the right file?`,
      ),
    );
    return result;
  }
  if (tooWide !== null) {
    addError(
      issue(
        tooWide.row,
        null,
        null,
        'too_many_columns',
        `Row ${tooWide.row} has ${tooWide.fields.toLocaleString('en')} fields; a desk table has at most ${MAX_COLUMNS}. Is this the right file?`,
      ),
    );
    return result;
  }

  let header: (CsvColumn | null)[] | null = null;
  /** Where each known column is in a row (-1: not in the file), from the header. */
  let at: Record<CsvColumn, number> = Object.fromEntries(CSV_COLUMNS.map((column) => [column, -1])) as Record<
    CsvColumn,
    number
  >;
  let row = 0;
  const seenMac = new FirstRows(fileRows);
  const seenName = new FirstRows(fileRows);
  const seenComputer = new FirstRows(fileRows);

  // One bulk parse per piece (papaparse's per-row `step` costs several times more), then one pass over its rows.
  for (const [start, end] of pieces) {
    onProgress?.(start / text.length);
    const rows = Papa.parse<string[]>(text.slice(start, end), {
      delimiter: result.delimiter,
      newline: '\n',
      skipEmptyLines: false,
    }).data;
    for (const cells of rows) readRow(cells);
  }
  if (header === null) addError(issue(0, null, null, 'empty_file', 'The file has no header row and no desks.'));
  onProgress?.(1);
  return result;

  /** A row's cell as the desk table means it: restored (see csv-cells.ts) and trimmed; null: no such column. */
  function cell(cells: readonly string[], index: number): string | null {
    return index < 0 ? null : restoreCell(cells[index] ?? '').trim();
  }

  function readRow(cells: string[]) {
    row += 1;
    // Blank and whitespace-only rows are skipped, but still count as rows, as in a spreadsheet.
    if (isBlank(cells)) return;
    if (header === null) {
      readHeader(cells.map((value) => restoreCell(value).trim()));
      return;
    }
    if (result.errorCount > 0 && result.columns.length === 0) return;
    result.rowCount += 1;
    validateRow(row, cells, header.length);
  }

  function readHeader(headerNames: string[]) {
    const columns = headerNames.map((name) => ALIASES[name.toLowerCase().replace(/[\s-]/g, '')] ?? null);
    header = columns;
    at = Object.fromEntries(CSV_COLUMNS.map((column) => [column, columns.indexOf(column)])) as Record<
      CsvColumn,
      number
    >;
    const unknown = headerNames.filter((_, index) => columns[index] === null);
    if (unknown.length > 0) {
      const named = unknown.slice(0, UNKNOWN_NAMED).map((name) => `"${clip(name, 40)}"`);
      const more = unknown.length - named.length;
      result.warnings.push(
        issue(
          row,
          unknown.length === 1 ? (unknown[0] ?? null) : null,
          unknown.slice(0, UNKNOWN_NAMED).join(', '),
          'unknown_column',
          unknown.length === 1
            ? `The column ${named.join('')} is not used and is ignored.`
            : `The columns ${named.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''} are not used and are ignored.`,
        ),
      );
    }
    result.columns = columns.filter((column): column is CsvColumn => column !== null);
    for (const required of ['hw_id', 'name'] as const) {
      if (!result.columns.includes(required)) {
        addError(
          issue(
            1,
            required,
            null,
            'missing_column',
            `The header needs a "${required}" column (the header row was "${clip(headerNames.join(result.delimiter === '\t' ? ' ⇥ ' : result.delimiter), 200)}").`,
          ),
        );
      }
    }
  }

  function fail(row: number, column: string, value: string | null, code: string, message: string) {
    addError(issue(row, column, value, code, message));
  }

  /** A number cell within [0, max] (a comma is a decimal point); null when empty or wrong (then reported). */
  function numberIn(row: number, column: 'x' | 'y' | 'rotation', value: string | null, max: number): number | null {
    if (value === null || value === '') return null;
    const parsed = Number(value.replace(',', '.'));
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) {
      addError(issue(row, column, value, 'invalid_number', `${column} must be a number from 0 to ${max}.`));
      return null;
    }
    return parsed;
  }

  /**
   * One data row against the rules every desk obeys (contract/desks.ts: the same functions and limits validate
   * the desk form and the API), plus what only a file can get wrong: duplicates inside it, a lone x.
   */
  function validateRow(row: number, cells: string[], width: number) {
    if (cells.length > width) {
      addError(
        issue(
          row,
          null,
          cells.slice(width).join(result.delimiter),
          'too_many_fields',
          `This row has ${cells.length} fields but the header has ${width}. Is a value with "${result.delimiter === '\t' ? 'tab' : result.delimiter}" missing its quotes?`,
        ),
      );
      return;
    }
    const errorsBefore = result.errorCount;

    const rawMac = cell(cells, at.hw_id) ?? '';
    const macNumber = macValue(rawMac);
    if (rawMac === '') fail(row, 'hw_id', rawMac, 'missing_mac', 'The phone MAC (hw_id) is missing.');
    else if (macNumber < 0)
      fail(
        row,
        'hw_id',
        rawMac,
        'invalid_mac',
        `"${clip(rawMac, 40)}" is not a MAC address (12 hex digits, e.g. 00:90:33:12:34:56).`,
      );
    else {
      const first = seenMac.mac(macNumber, row);
      if (first !== 0)
        fail(
          row,
          'hw_id',
          rawMac,
          'duplicate_mac',
          `The phone ${formatMac(macText(macNumber))} is also in row ${first}.`,
        );
    }

    const name = cell(cells, at.name) ?? '';
    if (name === '') fail(row, 'name', name, 'missing_name', 'The desk name is missing.');
    else if (name.length > DESK_NAME_MAX)
      fail(
        row,
        'name',
        name,
        'name_too_long',
        `A desk name has at most ${DESK_NAME_MAX} characters (this one has ${name.length}).`,
      );
    else if (nameProblem(name, 'desk name', DESK_NAME_MAX) !== null)
      fail(
        row,
        'name',
        name,
        'name_control_characters',
        'The desk name contains control or text-direction characters.',
      );
    else {
      const first = seenName.name(name, row);
      if (first !== 0) fail(row, 'name', name, 'duplicate_name', `The desk name "${name}" is also in row ${first}.`);
    }

    const computerCell = cell(cells, at.computername) ?? '';
    const computerNames =
      computerCell === ''
        ? []
        : computerCell.includes('|')
          ? computerCell
              .split('|')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : [computerCell];
    if (computerNames.length > MAX_COMPUTER_NAMES)
      fail(
        row,
        'computername',
        clip(computerCell, 80),
        'too_many_computer_names',
        `A desk has at most ${MAX_COMPUTER_NAMES} computer names (this row has ${computerNames.length}).`,
      );
    for (const computer of computerNames) {
      const problem = netbiosProblem(computer);
      if (problem) {
        fail(row, 'computername', computer, 'invalid_computer_name', problem);
        continue;
      }
      const first = seenComputer.name(computer, row);
      if (first !== 0)
        fail(
          row,
          'computername',
          computer,
          'duplicate_computer_name',
          `The computer name "${computer}" is also in row ${first}.`,
        );
    }

    const xCell = cell(cells, at.x);
    const yCell = cell(cells, at.y);
    const x = numberIn(row, 'x', xCell, POSITION_MAX);
    const y = numberIn(row, 'y', yCell, POSITION_MAX);
    const rotation = numberIn(row, 'rotation', cell(cells, at.rotation), ROTATION_MAX);
    const enabledCell = cell(cells, at.enabled);
    let enabled: boolean | null = null;
    if (enabledCell !== null && enabledCell !== '') {
      enabled = parseBoolean(enabledCell);
      if (enabled === null)
        fail(row, 'enabled', enabledCell, 'invalid_boolean', 'enabled must be true or false (or yes / no).');
    }
    const hasX = (xCell ?? '') !== '';
    const hasY = (yCell ?? '') !== '';
    if (hasX !== hasY) fail(row, hasX ? 'y' : 'x', null, 'incomplete_position', 'A position needs both x and y.');
    if (result.errorCount > errorsBefore || macNumber < 0) return;
    const floor = cell(cells, at.floor) || null;
    const zone = cell(cells, at.zone) || null;
    for (const [column, value, what] of [
      ['floor', floor, 'floor name'],
      ['zone', zone, 'zone name'],
    ] as const) {
      const problem = value === null ? null : nameProblem(value, what);
      if (problem !== null) {
        fail(row, column, value, 'invalid_name', problem);
        return;
      }
    }
    if (zone !== null && floor === null) {
      fail(row, 'zone', zone, 'zone_without_floor', 'A zone needs the floor it is on.');
      return;
    }
    result.desks.push({ row, mac: macText(macNumber), name, computerNames, floor, zone, x, y, rotation, enabled });
  }
}
