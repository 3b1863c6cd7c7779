import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseDeskCsv } from './desk-csv.ts';
import { exportDeskCsv, type ExportDesk } from './desk-csv-export.ts';
import { planImport } from './desk-import-plan.ts';
import type { Desk } from './desks.ts';
import { formatMac, normalizeMac } from './mac.ts';
import { nameProblem } from './names.ts';
import { netbiosProblem } from './netbios.ts';
import { inLocale } from '../i18n/translate.ts';

/**
 * The desk file as properties: whatever a desk table holds, the export reads back as the same table, no
 * cell of it runs as a spreadsheet formula, and importing it over the table it came from changes nothing.
 */

const hex12 = fc.stringMatching(/^[0-9a-f]{12}$/);

/** Names people type, including the awkward ones: umlauts, quotes, separators, formula starts. */
const personName = fc
  .tuple(
    fc.constantFrom('', '=', '+', '-', '@', '"', "'"),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  )
  .map(([start, rest]) => `${start}${rest}`.trim())
  .filter((name) => name.length > 0 && nameProblem(name, 'name') === null);

const computerName = fc.string({ minLength: 1, maxLength: 15 }).filter((name) => netbiosProblem(name) === null);

const deskRow = fc.record({
  mac: hex12,
  name: personName,
  floor: fc.option(personName, { nil: null }),
  position: fc.option(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    {
      nil: null,
    },
  ),
  rotation: fc.integer({ min: 0, max: 359 }),
  enabled: fc.boolean(),
  bookable: fc.boolean(),
});

/** A desk table as the service keeps it: names, MACs and computer names unique ignoring case. */
const deskTable = fc
  .tuple(
    fc.uniqueArray(deskRow, {
      maxLength: 25,
      selector: (desk) => desk.name.toLowerCase(),
    }),
    fc.uniqueArray(computerName, { maxLength: 40, selector: (name) => name.toLowerCase() }),
  )
  .filter(([desks]) => new Set(desks.map((desk) => desk.mac)).size === desks.length)
  .map(([desks, computers]): ExportDesk[] =>
    desks.map((desk, index) => ({
      mac: desk.mac,
      name: desk.name,
      computerNames: computers.filter((_, at) => at % Math.max(1, desks.length) === index).slice(0, 3),
      floor: desk.floor,
      zone: null,
      x: desk.position?.[0] ?? null,
      y: desk.position?.[1] ?? null,
      rotation: desk.rotation,
      enabled: desk.enabled,
      bookable: desk.bookable,
      site: null,
    })),
  );

const fileOf = (desks: readonly ExportDesk[]) => new TextEncoder().encode(exportDeskCsv(desks));

describe('MAC notations', () => {
  it('every common notation of a MAC is the same phone', () => {
    fc.assert(
      fc.property(hex12, fc.constantFrom(':', '-', '.', ''), fc.boolean(), (mac, separator, upper) => {
        const pairs = mac.match(/.{2}/g) ?? [];
        const written = separator === '.' ? (mac.match(/.{4}/g) ?? []).join('.') : pairs.join(separator);
        expect(normalizeMac(upper ? written.toUpperCase() : written)).toBe(mac);
        expect(normalizeMac(formatMac(mac))).toBe(mac);
      }),
    );
  });
});

describe('the desk file', () => {
  it('reads back as the table it was exported from', () => {
    fc.assert(
      fc.property(deskTable, (desks) => {
        const parsed = parseDeskCsv(fileOf(desks));
        expect(parsed.errors).toEqual([]);
        expect(parsed.desks.map(({ row: _row, ...desk }) => desk)).toEqual(
          desks.map(({ site: _site, ...desk }) => desk),
        );
      }),
    );
  });

  // Split as a spreadsheet does: on the file's commas, or on semicolons where the locale's list
  // separator is one (German Excel).
  it.each([',', ';'])('has no cell a spreadsheet splitting on "%s" would run as a formula', (delimiter) => {
    fc.assert(
      fc.property(deskTable, (desks) => {
        const text = exportDeskCsv(desks).replace(/^\uFEFF/, '');
        const cells = Papa.parse<string[]>(text, { delimiter }).data.flat();
        expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
      }),
    );
  });

  it('reports each repeated MAC and desk name with the row it first appeared in, whatever its case', () => {
    fc.assert(
      fc.property(deskTable, fc.nat(), fc.boolean(), (desks, pick, upper) => {
        fc.pre(desks.length > 0);
        const original = desks[pick % desks.length] as ExportDesk;
        const copy = { ...original, name: upper ? original.name.toUpperCase() : original.name.toLowerCase() };
        const parsed = parseDeskCsv(fileOf([...desks, copy]));
        const firstRow = desks.indexOf(original) + 2;
        const repeated = parsed.errors.filter((error) => error.row === desks.length + 2);
        expect(repeated.map((error) => error.code)).toContain('duplicate_mac');
        expect(inLocale(repeated.find((error) => error.code === 'duplicate_mac')?.message ?? '', 'en')).toContain(
          `row ${firstRow}.`,
        );
        // A name repeats when it is the same ignoring case and still a valid name (upper-casing "ß" lengthens it).
        if (copy.name.toLowerCase() === original.name.toLowerCase() && nameProblem(copy.name, 'name') === null)
          expect(repeated.map((error) => error.code)).toContain('duplicate_name');
      }),
    );
  });

  it('imported over the table it came from, changes nothing', () => {
    fc.assert(
      fc.property(deskTable, (desks) => {
        const floors = [...new Set(desks.flatMap((desk) => (desk.floor === null ? [] : [desk.floor])))].map(
          (name, index) => ({ id: `f${index}`, name }),
        );
        const stored: Desk[] = desks.map((desk, index) => ({
          id: `d${index}`,
          name: desk.name,
          mac: desk.mac,
          computerNames: [...desk.computerNames],
          floorId: floors.find((floor) => floor.name === desk.floor)?.id ?? null,
          x: desk.x,
          y: desk.y,
          rotation: desk.rotation,
          zoneId: null,
          enabled: desk.enabled,
          bookable: desk.bookable,
          version: 1,
        }));
        const plan = planImport(
          parseDeskCsv(fileOf(desks)),
          { desks: stored, floors, zones: [] },
          { mode: 'replace', createFloors: false },
          () => null,
        );
        expect(plan.errors).toEqual([]);
        expect(plan.summary).toEqual({ added: 0, changed: 0, removed: 0, unchanged: desks.length });
      }),
    );
  });
});
