import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_CSV_TEMPLATE, exportDeskCsv, type ExportDesk } from './desk-csv-export.ts';
import { parseDeskCsv } from './desk-csv.ts';
import { deskInputSchema } from './desks.ts';
import { inLocale } from '../i18n/translate.ts';

/** A problem's message as an English reader sees it. */
const english = (message: string | undefined) => inLocale(message ?? '', 'en');

const file = (name: string) => new Uint8Array(readFileSync(new URL(`../test/fixtures/csv/${name}`, import.meta.url)));
const summary = (name: string) => {
  const parsed = parseDeskCsv(file(name));
  return {
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    desks: parsed.desks.map((desk) => [desk.row, desk.mac, desk.name, desk.computerNames.join('|')]),
    errors: parsed.errors.map((error) => [error.row, error.column, error.code]),
    warnings: parsed.warnings.map((warning) => [warning.row, warning.column, warning.code]),
  };
};

/** The corpus: real-world and hostile files, each with the outcome it must give. */
describe('the CSV corpus (test/fixtures/csv)', () => {
  it('imports the seed product’s file exactly as it is', () => {
    expect(summary('seed-product.csv')).toEqual({
      encoding: 'utf-8',
      delimiter: ',',
      desks: [
        [2, '009033123401', 'Desk 1', 'PC-DESK-01'],
        [3, '009033123402', 'Desk 2', ''],
        [4, '009033123403', 'Desk 3', 'TC-DESK-03'],
      ],
      errors: [],
      warnings: [],
    });
  });

  it('reads German Excel (UTF-8 with BOM, semicolons) and "Unicode text" (UTF-16 LE, tabs)', () => {
    expect(summary('excel-german-semicolon.csv')).toMatchObject({
      encoding: 'utf-8-bom',
      delimiter: ';',
      desks: [
        [2, '009033123411', 'Büro 1.01', 'PC-BÜRO-101'],
        [3, '009033123412', 'Büro 1.02', ''],
      ],
      errors: [],
    });
    expect(summary('excel-unicode-text-utf16le.csv')).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      errors: [],
    });
    expect(summary('excel-unicode-text-utf16le.csv').desks).toHaveLength(2);
    expect(summary('utf16be-with-bom.csv')).toMatchObject({
      encoding: 'utf-16be',
      desks: [[2, '009033123431', 'Big endian desk', '']],
    });
  });

  it('handles mixed line ends and counts blank rows as a spreadsheet does', () => {
    expect(summary('mixed-line-ends-and-blank-lines.csv').desks.map((desk) => desk[0])).toEqual([2, 5, 6]);
  });

  it('parses quoted delimiters, doubled quotes and line breaks; a multi-line record is one row', () => {
    expect(summary('quoted-fields.csv')).toEqual({
      encoding: 'utf-8',
      delimiter: ',',
      desks: [
        [2, '009033123451', 'Desk, with comma', 'PC-Q-1|TC-Q-1'],
        [3, '009033123452', 'Desk "quoted"', ''],
        [5, '009033123454', 'Desk after', ''],
      ],
      errors: [[4, 'name', 'name_control_characters']],
      warnings: [[1, 'unused', 'unknown_column']],
    });
  });

  it('accepts every common MAC notation and stores it canonical', () => {
    expect(summary('mac-notations.csv').desks.map((desk) => desk[1])).toEqual([
      '009033abcd01',
      '009033abcd02',
      '009033abcd03',
      '009033abcd04',
    ]);
  });

  it('reads the optional columns', () => {
    const parsed = parseDeskCsv(file('all-columns.csv'));
    expect(parsed.desks[0]).toMatchObject({ floor: 'Ground floor', x: 0.25, y: 0.5, rotation: 90, enabled: true });
    expect(parsed.desks[1]).toMatchObject({ x: null, y: null, enabled: false });
  });

  it('restores cells the export defused against formula injection', () => {
    expect(summary('formula-cells-exported.csv').desks.map((desk) => desk[2])).toEqual([
      '=HYPERLINK("x")',
      '+49 desk',
      '-1',
      '@home',
    ]);
  });

  it('reports every error at once, by spreadsheet row and column', () => {
    expect(summary('errors-everywhere.csv').errors).toEqual([
      [2, 'hw_id', 'invalid_mac'],
      [3, 'hw_id', 'invalid_mac'],
      [4, 'name', 'missing_name'],
      [5, 'name', 'name_too_long'],
      [6, 'computername', 'invalid_computer_name'],
      [7, 'computername', 'invalid_computer_name'],
      [8, null, 'too_many_fields'],
    ]);
    expect(summary('duplicates.csv').errors).toEqual([
      [3, 'hw_id', 'duplicate_mac'],
      [4, 'name', 'duplicate_name'],
      [5, 'computername', 'duplicate_computer_name'],
    ]);
    expect(english(parseDeskCsv(file('duplicates.csv')).errors[0]?.message)).toBe(
      'The phone 00:90:33:12:34:91 is also in row 2.',
    );
  });

  it('refuses more computer names for one desk than the desk form and the API accept', () => {
    const names = (count: number) => Array.from({ length: count }, (_, index) => `PC-${index}`).join('|');
    const parsed = parseDeskCsv(
      new TextEncoder().encode(
        `hw_id,name,computername\n009033000001,A,${names(20)}\n009033000002,B,${names(25).replace(/PC-/g, 'TC-')}\n`,
      ),
    );
    expect(parsed.desks.map((desk) => [desk.name, desk.computerNames.length])).toEqual([['A', 20]]);
    expect(parsed.errors.map((error) => [error.row, error.code, english(error.message)])).toEqual([
      [3, 'too_many_computer_names', 'A desk has at most 20 computer names (this row has 25).'],
    ]);
  });

  it.each([
    ['empty.csv', 'empty_file'],
    ['binary-png-renamed.csv', 'unreadable_encoding'],
    ['latin1-not-utf8.csv', 'unreadable_encoding'],
    ['nul-bytes.csv', 'binary_file'],
  ])('refuses %s with a clear message', (name, code) => {
    const parsed = parseDeskCsv(file(name));
    expect(parsed.errors.map((error) => error.code)).toEqual([code]);
    expect(parsed.desks).toEqual([]);
  });

  it('names the missing columns and warns about unknown ones', () => {
    expect(summary('missing-columns.csv')).toMatchObject({
      errors: [
        [1, 'hw_id', 'missing_column'],
        [1, 'name', 'missing_column'],
      ],
      warnings: [[1, null, 'unknown_column']],
    });
    expect(english(parseDeskCsv(file('missing-columns.csv')).warnings[0]?.message)).toBe(
      'The columns "mac_address", "desk_name" are not used and are ignored.',
    );
  });

  it('refuses a header wider than any desk table without making its cells', () => {
    const header = `hw_id,name,${'a,'.repeat(15_000_000)}a\n`;
    const parsed = parseDeskCsv(new TextEncoder().encode(header));
    expect(parsed.errors.map((error) => ({ ...error, message: english(error.message) }))).toEqual([
      {
        row: 1,
        column: null,
        value: null,
        code: 'too_many_columns',
        message: 'Row 1 has 15,000,003 fields; a desk table has at most 256. Is this the right file?',
      },
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads a file of several megabytes with quoted line breaks, rows numbered as a spreadsheet does', () => {
    const lines = ['hw_id,name,computername,note'];
    for (let index = 0; index < 60_000; index += 1) {
      const mac = index.toString(16).padStart(12, '0');
      // Every 7th row has a doubled quote and a comma in its name and a line break in its (ignored) note.
      const [name, note] =
        index % 7 === 0 ? [`"Desk ""${index}"", east"`, '"line one\nline two"'] : [`Desk ${index}`, ''];
      lines.push(`${mac},${name},PC-${index},${note}`);
    }
    lines.push('not-a-mac,Last,,');
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const parsed = parseDeskCsv(new TextEncoder().encode(text));
    expect(parsed.desks).toHaveLength(60_000);
    expect(parsed.desks[7]?.name).toBe('Desk "7", east');
    expect(parsed.desks.at(-1)?.name).toBe('Desk 59999');
    // Spreadsheet rows: the header is row 1, and a record with a line break is still one row.
    expect(parsed.desks[8]?.row).toBe(10);
    expect(parsed.errors).toMatchObject([{ row: 60_002, column: 'hw_id', code: 'invalid_mac' }]);
  });

  it('refuses more than a million rows after counting them, before any is read', () => {
    const parsed = parseDeskCsv(new TextEncoder().encode(`hw_id,name\n${'a\n'.repeat(1_000_001)}`));
    expect(parsed.errors.map((error) => error.code)).toEqual(['too_many_rows']);
    expect(parsed.rowCount).toBe(0);
    const exactly = parseDeskCsv(new TextEncoder().encode(`hw_id,name\n${'a\n'.repeat(1_000_000)}`));
    expect(exactly.errors.map((error) => error.code)).not.toContain('too_many_rows');
  });

  it('reads CRLF, LF and lone CR row ends mixed in one file, a quoted one as a line break', () => {
    const text = 'hw_id,name,floor\r\n009033000001,A,\r009033000002,B,\n009033000003,C,"2nd\r\nfloor"\r\n';
    const parsed = parseDeskCsv(new TextEncoder().encode(text));
    expect(parsed.desks.map((desk) => [desk.row, desk.name])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
    expect(parsed.errors).toMatchObject([{ row: 4, column: 'floor', value: '2nd\nfloor', code: 'invalid_name' }]);
  });

  it('counts fields inside quotes as one and finds a too-wide data row', () => {
    const quoted = `hw_id,name\n009033000001,"${','.repeat(1000)}"\n`;
    expect(parseDeskCsv(new TextEncoder().encode(quoted)).errors.map((error) => error.code)).not.toContain(
      'too_many_columns',
    );
    const wide = `hw_id,name\n009033000001,Desk\n${'x,'.repeat(300)}x\n`;
    expect(parseDeskCsv(new TextEncoder().encode(wide)).errors).toMatchObject([{ row: 3, code: 'too_many_columns' }]);
  });

  it('reads an empty table (header only) as no desks and no errors', () => {
    expect(summary('header-only.csv')).toMatchObject({ desks: [], errors: [] });
  });
});

describe('export → import', () => {
  it('gives back exactly what was exported (property over random desk tables)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (chars: string, length: number) =>
      Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
    for (let round = 0; round < 50; round += 1) {
      const desks: ExportDesk[] = Array.from({ length: 40 }, (_, index) => ({
        mac: `009033${index.toString(16).padStart(2, '0')}${pick('0123456789abcdef', 4)}`,
        // Names with everything a CSV and a spreadsheet find hard: delimiters, quotes, formula starts, umlauts.
        name: `${pick('=+-@ "\';,\tAbcÄöü', 1)}${pick('ab,;"\' -=+@Äö|', 6)}${index}`.replace(/^\s+|\s+$/g, 'x'),
        computerNames: random() < 0.5 ? [] : [`PC-${index}`, ...(random() < 0.3 ? [`TC-${index}`] : [])],
        floor: random() < 0.5 ? null : `Floor; "${index % 3}"`,
        zone: null,
        x: random() < 0.5 ? null : Math.round(random() * 1000) / 1000,
        y: null,
        rotation: Math.floor(random() * 360),
        enabled: random() < 0.8,
        bookable: random() < 0.7,
        site: random() < 0.5 ? null : `Site; "${index % 2}"`,
      }));
      for (const desk of desks) desk.y = desk.x === null ? null : 0.5;
      const parsed = parseDeskCsv(new TextEncoder().encode(exportDeskCsv(desks)));
      expect(parsed.errors).toEqual([]);
      expect(parsed.encoding).toBe('utf-8-bom');
      expect(
        parsed.desks.map(({ mac, name, computerNames, floor, zone, x, y, rotation, enabled, bookable }) => ({
          mac,
          name,
          computerNames,
          floor,
          zone,
          x,
          y,
          rotation,
          enabled,
          bookable,
        })),
        // The site is written for people (the dispatchable location); the import leaves it to the floor.
      ).toEqual(desks.map(({ site: _site, ...desk }) => desk));
    }
  });

  it('defuses formula cells in the export', () => {
    const csv = exportDeskCsv([
      {
        mac: '009033000001',
        name: '=cmd|calc',
        computerNames: [],
        floor: '+floor',
        zone: null,
        x: null,
        y: null,
        rotation: 0,
        enabled: true,
        bookable: true,
        site: '@site',
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(`00:90:33:00:00:01,'=cmd|calc,,'+floor,,,,0,true,true,'@site`);
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  it('defuses a formula behind a semicolon, where German Excel starts a cell, and reads it back', () => {
    const desk = {
      mac: '009033000001',
      name: 'Desk;=HYPERLINK("x")',
      computerNames: [],
      floor: null,
      zone: null,
      x: null,
      y: null,
      rotation: 0,
      enabled: true,
      bookable: true,
      site: null,
    };
    const csv = exportDeskCsv([desk]);
    expect(csv.split('\r\n')[1]).toBe(`00:90:33:00:00:01,"Desk;'=HYPERLINK(""x"")",,,,,,0,true,true,`);
    expect(parseDeskCsv(new TextEncoder().encode(csv)).desks[0]?.name).toBe(desk.name);
  });

  it('offers a template that imports cleanly', () => {
    expect(parseDeskCsv(new TextEncoder().encode(DESK_CSV_TEMPLATE))).toMatchObject({ errors: [], rowCount: 1 });
  });
});

/** One rule per field: a row the import takes is a desk the API takes, and what the API refuses the import refuses. */
describe('the import and the API agree on every field', () => {
  const base = { mac: '00:90:33:00:00:01', name: 'A-1', computername: '', x: '', y: '', rotation: '' };
  const variants: Partial<typeof base>[] = [
    {},
    { mac: '0090.3300.0001' },
    { mac: '00-90-33-00-00-0g' },
    { mac: '00:90:33:00:00' },
    { name: 'x'.repeat(64) },
    { name: 'x'.repeat(65) },
    { name: 'desk\u202egnp.exe' },
    { name: '   ' },
    { computername: 'PC-1' },
    { computername: 'PC-ABCDEFGHIJKLM' },
    { computername: 'PC?1' },
    { computername: 'PC-1|pc-1' },
    { computername: Array.from({ length: 20 }, (_, index) => `PC-${index}`).join('|') },
    { computername: Array.from({ length: 21 }, (_, index) => `PC-${index}`).join('|') },
    { x: '0', y: '1' },
    { x: '0,5', y: '0.25' },
    { x: '1.5', y: '0' },
    { x: '-0.1', y: '0' },
    { rotation: '360' },
    { rotation: '361' },
  ];
  it.each(variants.map((variant) => [JSON.stringify(variant), variant] as const))('%s', (_, variant) => {
    const row = { ...base, ...variant };
    const csv = `hw_id;name;computername;x;y;rotation\n${[row.mac, row.name, row.computername, row.x, row.y, row.rotation].join(';')}`;
    const imported = parseDeskCsv(new TextEncoder().encode(csv));
    const number = (cell: string) => (cell === '' ? undefined : Number(cell.replace(',', '.')));
    const api = deskInputSchema.safeParse({
      mac: row.mac,
      name: row.name,
      computerNames: row.computername === '' ? [] : row.computername.split('|'),
      x: number(row.x) ?? null,
      y: number(row.y) ?? null,
      ...(row.rotation === '' ? {} : { rotation: number(row.rotation) }),
    });
    expect(imported.desks.length === 1, JSON.stringify(imported.errors)).toBe(api.success);
    if (api.success) {
      expect(imported.desks[0]).toMatchObject({
        mac: api.data.mac,
        name: api.data.name,
        computerNames: api.data.computerNames,
      });
    }
  });
});
