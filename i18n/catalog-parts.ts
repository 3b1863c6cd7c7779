/**
 * The service's own messages (its error answers, its e-mails) are a part the console never loads.
 */
const servicePrefixes = new Set(['api', 'email']);

/**
 * The console loads each language's catalogue in two parts. The first screen (sign-in, the console's frame, the status pills,
 * error pages) needs only the messages under these prefixes: they load with the first script. Every other message
 * belongs to a section and loads with the first section opened (`loadSectionMessages`), so the first visit does not
 * download sentences it cannot show yet. `catalogs.test.ts` fails when the first screen's code uses a message that
 * is not here.
 */
const firstScreenPrefixes = new Set([
  // The emergency alert is part of the frame: it must show on any page, before any section's messages.
  'alarm',
  'auth',
  'common',
  'error',
  'errorPanel',
  'forbidden',
  'myApps',
  'nav',
  'notFound',
  'pbx',
  'prefs',
  'role',
  'routeError',
  'shell',
  'signIn',
]);

export type CatalogPart = 'first-screen' | 'sections' | 'service';

export function catalogPartOf(key: string): CatalogPart {
  const prefix = key.split('.')[0] ?? '';
  if (servicePrefixes.has(prefix)) return 'service';
  return firstScreenPrefixes.has(prefix) ? 'first-screen' : 'sections';
}
