// Over 400 lines on purpose: the desk file's reader, decode → header → rows → checks, one pass over up to a million
// rows that the service's worker and the console's worker both run; split, each piece would re-walk the rows.
import { DESK_NAME_MAX, MAX_COMPUTER_NAMES, POSITION_MAX, ROTATION_MAX } from './desks.ts';
import { restoreCell } from './csv-cells.ts';
import { ALIASES, CSV_COLUMNS, type CsvColumn } from './desk-csv-columns.ts';
import { type CsvRow, MAX_COLUMNS, MAX_ROWS, scanCsvShape, splitCsv, withLfRowEnds } from './csv-scan.ts';
import { FirstRows } from './first-rows.ts';
import { formatMac, macText, macValue } from './mac.ts';
import { nameProblem } from './names.ts';
import { netbiosProblem } from './netbios.ts';
import { messageText } from '../i18n/message.ts';

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
  /** false: walk-in only, never booked ahead; null: the column is absent or the cell empty. */
  bookable: boolean | null;
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
/** Progress is told every so many rows. */
const PROGRESS_ROWS = 16_384;
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
  if (bytes.length === 0) return issue(0, null, null, 'empty_file', messageText('contract.deskCsv.fileEmpty'));
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
    return issue(0, null, null, 'unreadable_encoding', messageText('contract.deskCsv.fileNeitherUtf8'));
  }
  if (text.includes('\u0000')) {
    return issue(0, null, null, 'binary_file', messageText('contract.deskCsv.fileContainsNulBytes'));
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
  const text = withLfRowEnds(decoded.text);
  result.delimiter = detectDelimiter(text);

  /** The file refused as a whole: nothing else found in it is said. */
  const refuse = (problem: CsvIssue): ParsedDeskFile => ({
    ...result,
    columns: [],
    desks: [],
    errors: [problem],
    errorCount: 1,
    warnings: [],
    rowCount: 0,
  });

  // A file that is no desk table is refused before papaparse makes its rows.
  const shape = scanCsvShape(text, result.delimiter);
  if (shape.tooWide !== null) {
    const { row, fields } = shape.tooWide;
    return refuse(
      issue(
        row,
        null,
        null,
        'too_many_columns',
        messageText('contract.deskCsv.rowTooWide', { row, fields, max: MAX_COLUMNS }),
      ),
    );
  }
  if (shape.tooLong) {
    return refuse(
      issue(0, null, null, 'too_many_rows', messageText('contract.deskCsv.tooManyRows', { rows: MAX_ROWS - 1 })),
    );
  }

  let header: (CsvColumn | null)[] | null = null;
  /** Where each known column is in a row (-1: not in the file), from the header. */
  let at: Record<CsvColumn, number> = Object.fromEntries(CSV_COLUMNS.map((column) => [column, -1])) as Record<
    CsvColumn,
    number
  >;
  // Where the file first had each key: typed-array hash tables, since a plain Map of every MAC, name and
  // computer name made the whole check twice as slow (BENCHMARKS.md, CSV import).
  const seenMac = new FirstRows(shape.rows);
  const seenName = new FirstRows(shape.rows);
  const seenComputer = new FirstRows(shape.rows);

  // Each row papaparse read, checked in turn.
  splitCsv(text, result.delimiter, (line) => {
    if (onProgress !== undefined && line.number % PROGRESS_ROWS === 0) onProgress(line.progress);
    readRow(line);
  });
  if (header === null) addError(issue(0, null, null, 'empty_file', messageText('contract.deskCsv.fileHeaderRowDesks')));
  onProgress?.(1);
  return result;

  /** A row's cell as the desk table means it: restored (see csv-cells.ts) and trimmed; null: no such column. */
  function cell(line: CsvRow, index: number): string | null {
    return index < 0 ? null : restoreCell(line.cell(index)).trim();
  }

  function readRow(line: CsvRow) {
    // Blank and whitespace-only rows are skipped, but still count as rows, as in a spreadsheet.
    if (line.isBlank()) return;
    if (header === null) {
      readHeader(
        line.number,
        Array.from({ length: line.count }, (_, index) => cell(line, index) ?? ''),
      );
      return;
    }
    if (result.errorCount > 0 && result.columns.length === 0) return;
    result.rowCount += 1;
    validateRow(line, header.length);
  }

  function readHeader(row: number, headerNames: string[]) {
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
          messageText('contract.deskCsv.unusedColumns', { count: unknown.length, named: named.join(', '), more }),
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
            messageText('contract.deskCsv.missingColumn', {
              column: required,
              header: clip(headerNames.join(result.delimiter === '\t' ? ' ⇥ ' : result.delimiter), 200),
            }),
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
      addError(
        issue(row, column, value, 'invalid_number', messageText('contract.deskCsv.notANumber', { column, max })),
      );
      return null;
    }
    return parsed;
  }

  /** A yes/no cell (true, false, yes, no, 1, 0, ja, nein): null when empty or absent, reported when neither. */
  function flagIn(row: number, column: 'enabled' | 'bookable', value: string | null): boolean | null {
    if (value === null || value === '') return null;
    const parsed = parseBoolean(value);
    if (parsed === null)
      addError(issue(row, column, value, 'invalid_boolean', messageText('contract.deskCsv.notABoolean', { column })));
    return parsed;
  }

  /**
   * One data row against the rules every desk obeys (contract/desks.ts: the same functions and limits validate
   * the desk form and the API), plus what only a file can get wrong: duplicates inside it, a lone x.
   */
  function validateRow(line: CsvRow, width: number) {
    const row = line.number;
    if (line.count > width) {
      const beyond = Array.from({ length: line.count - width }, (_, index) => line.cell(width + index));
      addError(
        issue(
          row,
          null,
          beyond.join(result.delimiter),
          'too_many_fields',
          messageText('contract.deskCsv.tooManyFields', {
            fields: line.count,
            width,
            delimiter: result.delimiter === '\t' ? 'tab' : result.delimiter,
          }),
        ),
      );
      return;
    }
    const errorsBefore = result.errorCount;

    const rawMac = cell(line, at.hw_id) ?? '';
    const macNumber = macValue(rawMac);
    if (rawMac === '') fail(row, 'hw_id', rawMac, 'missing_mac', messageText('contract.deskCsv.phoneMacHwId'));
    else if (macNumber < 0)
      fail(row, 'hw_id', rawMac, 'invalid_mac', messageText('contract.deskCsv.notAMac', { value: clip(rawMac, 40) }));
    else {
      const first = seenMac.mac(macNumber, row);
      if (first !== 0)
        fail(
          row,
          'hw_id',
          rawMac,
          'duplicate_mac',
          messageText('contract.deskCsv.duplicateMac', { mac: formatMac(macText(macNumber)), row: first }),
        );
    }

    const name = cell(line, at.name) ?? '';
    if (name === '') fail(row, 'name', name, 'missing_name', messageText('contract.deskCsv.deskNameMissing'));
    else if (name.length > DESK_NAME_MAX)
      fail(
        row,
        'name',
        name,
        'name_too_long',
        messageText('contract.deskCsv.nameTooLong', { max: DESK_NAME_MAX, length: name.length }),
      );
    else if (nameProblem(name, 'deskName', DESK_NAME_MAX) !== null)
      fail(row, 'name', name, 'name_control_characters', messageText('contract.deskCsv.deskNameContainsControl'));
    else {
      const first = seenName.name(name, row);
      if (first !== 0)
        fail(row, 'name', name, 'duplicate_name', messageText('contract.deskCsv.duplicateName', { name, row: first }));
    }

    const computerCell = cell(line, at.computername) ?? '';
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
        messageText('contract.deskCsv.tooManyComputers', { max: MAX_COMPUTER_NAMES, count: computerNames.length }),
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
          messageText('contract.deskCsv.duplicateComputer', { name: computer, row: first }),
        );
    }

    const xCell = cell(line, at.x);
    const yCell = cell(line, at.y);
    const x = numberIn(row, 'x', xCell, POSITION_MAX);
    const y = numberIn(row, 'y', yCell, POSITION_MAX);
    const rotation = numberIn(row, 'rotation', cell(line, at.rotation), ROTATION_MAX);
    const enabled = flagIn(row, 'enabled', cell(line, at.enabled));
    const bookable = flagIn(row, 'bookable', cell(line, at.bookable));
    const hasX = (xCell ?? '') !== '';
    const hasY = (yCell ?? '') !== '';
    if (hasX !== hasY)
      fail(row, hasX ? 'y' : 'x', null, 'incomplete_position', messageText('contract.deskCsv.positionNeedsBothX'));
    if (result.errorCount > errorsBefore || macNumber < 0) return;
    const floor = cell(line, at.floor) || null;
    const zone = cell(line, at.zone) || null;
    const floorProblem = floor === null ? null : nameProblem(floor, 'floorName');
    if (floorProblem !== null) {
      fail(row, 'floor', floor, 'invalid_name', floorProblem);
      return;
    }
    const zoneProblem = zone === null ? null : nameProblem(zone, 'zoneName');
    if (zoneProblem !== null) {
      fail(row, 'zone', zone, 'invalid_name', zoneProblem);
      return;
    }
    if (zone !== null && floor === null) {
      fail(row, 'zone', zone, 'zone_without_floor', messageText('contract.deskCsv.zoneNeedsFloor'));
      return;
    }
    result.desks.push({
      row,
      mac: macText(macNumber),
      name,
      computerNames,
      floor,
      zone,
      x,
      y,
      rotation,
      enabled,
      bookable,
    });
  }
}
