/**
 * The columns of a desk file. `site` (the site of the desk's floor) is written by the export for the
 * dispatchable location; the import accepts it and leaves it alone: a floor's site is set on the floor.
 */
export const CSV_COLUMNS = [
  'hw_id',
  'name',
  'computername',
  'floor',
  'zone',
  'x',
  'y',
  'rotation',
  'enabled',
  'bookable',
  'site',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Header names as people write them (matched ignoring case, spaces and dashes). */
export const ALIASES: Record<string, CsvColumn> = {
  hw_id: 'hw_id',
  hwid: 'hw_id',
  mac: 'hw_id',
  name: 'name',
  desk: 'name',
  computername: 'computername',
  computernames: 'computername',
  floor: 'floor',
  zone: 'zone',
  x: 'x',
  y: 'y',
  rotation: 'rotation',
  enabled: 'enabled',
  bookable: 'bookable',
  site: 'site',
};
