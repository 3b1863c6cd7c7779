import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { LabelDesk, LabelFonts } from '../../contract/desk-labels.ts';
import type { Queryable } from '../db/db.ts';
import { DomainError } from '../lib/domain-error.ts';
import { msg } from '../../i18n/message.ts';

/** A labels file holds at most this many desks. */
export const MAX_LABELS = 1000;

/** The desks of one floor, or the ones named by id, by name; refused when there are more than a file holds. */
export async function desksForLabels(
  db: Queryable,
  filter: { floorId?: string | undefined; ids?: string[] | undefined },
): Promise<LabelDesk[]> {
  const rows = await db.query<{ name: string; floor: string | null; address: string | null }>(
    `SELECT d.name, f.name AS floor, s.address FROM desks d
       LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites s ON s.id = f.site_id
      WHERE ($1::uuid IS NULL OR d.floor_id = $1::uuid) AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))
      ORDER BY lower(d.name) LIMIT ${MAX_LABELS + 1}`,
    [filter.floorId ?? null, filter.ids ?? null],
  );
  if (rows.length > MAX_LABELS) {
    throw new DomainError(
      'invalid',
      'bad_request',
      msg('api.deskLabels.moreThanLabelsPrint', { maxLabels: MAX_LABELS }),
    );
  }
  return rows.map((row) => ({
    name: row.name,
    floor: row.floor,
    location: row.address && row.floor ? `${row.address}, ${row.floor}, Desk ${row.name}` : null,
  }));
}

let fonts: Promise<LabelFonts> | null = null;

/** DejaVu Sans (regular and bold), read once: every Latin, Greek and Cyrillic letter, Polish and Czech ones too. */
export function labelFonts(): Promise<LabelFonts> {
  const resolve = createRequire(import.meta.url).resolve;
  fonts ??= Promise.all([
    readFile(resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}
