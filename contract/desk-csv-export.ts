import { formatMac } from './mac.ts';
import { csvCell } from './csv-cells.ts';
import { CSV_COLUMNS } from './desk-csv-columns.ts';

/** The desk table as CSV for people: the export, and the template to start a file from. */

export interface ExportDesk {
  mac: string;
  name: string;
  computerNames: readonly string[];
  floor: string | null;
  zone: string | null;
  x: number | null;
  y: number | null;
  rotation: number;
  enabled: boolean;
  /** false: walk-in only, never booked ahead. */
  bookable: boolean;
  /** The site of the desk's floor. */
  site: string | null;
}

/**
 * The desk table as a file Excel opens right (UTF-8 with BOM, CRLF) and this import reads back unchanged.
 * `semicolon`: as German Excel writes and reads CSV (semicolons between cells, decimal commas), so that a
 * double-click opens it in columns; the import reads either.
 */
export function exportDeskCsv(desks: readonly ExportDesk[], separator: 'comma' | 'semicolon' = 'comma'): string {
  const between = separator === 'semicolon' ? ';' : ',';
  const decimal = (value: number) => (separator === 'semicolon' ? String(value).replace('.', ',') : String(value));
  const lines = [CSV_COLUMNS.join(between)];
  for (const desk of desks) {
    lines.push(
      [
        formatMac(desk.mac),
        desk.name,
        desk.computerNames.join('|'),
        desk.floor ?? '',
        desk.zone ?? '',
        desk.x === null ? '' : decimal(desk.x),
        desk.y === null ? '' : decimal(desk.y),
        decimal(desk.rotation),
        desk.enabled ? 'true' : 'false',
        desk.bookable ? 'true' : 'false',
        desk.site ?? '',
      ]
        .map((cell) => csvCell(cell, between))
        .join(between),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file to start from: the header and one example row. */
export const DESK_CSV_TEMPLATE = `\uFEFF${CSV_COLUMNS.join(',')}\r\n00:90:33:12:34:56,B1-2.07,PC-B1-2-007|TC-B1-2-007,2nd floor,,0.5,0.5,0,true,true,Berlin HQ\r\n`;
