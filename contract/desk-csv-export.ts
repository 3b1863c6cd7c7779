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
  /** The site of the desk's floor. */
  site: string | null;
}

/** The desk table as a file Excel opens right (UTF-8 with BOM, CRLF) and this import reads back unchanged. */
export function exportDeskCsv(desks: readonly ExportDesk[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const desk of desks) {
    lines.push(
      [
        formatMac(desk.mac),
        desk.name,
        desk.computerNames.join('|'),
        desk.floor ?? '',
        desk.zone ?? '',
        desk.x === null ? '' : String(desk.x),
        desk.y === null ? '' : String(desk.y),
        String(desk.rotation),
        desk.enabled ? 'true' : 'false',
        desk.site ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file to start from: the header and one example row. */
export const DESK_CSV_TEMPLATE = `\uFEFF${CSV_COLUMNS.join(',')}\r\n00:90:33:12:34:56,B1-2.07,PC-B1-2-007|TC-B1-2-007,2nd floor,,0.5,0.5,0,true,Berlin HQ\r\n`;
