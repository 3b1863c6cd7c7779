/**
 * The first segment of every query key, per domain: live events from the service invalidate by these,
 * and each feature builds its keys under them.
 */
export const keyRoots = {
  desks: 'desks',
  floors: 'floors',
  zones: 'zones',
  occupancy: 'occupancy',
  settings: 'settings',
  sites: 'sites',
  /** The signed-in employee's own data (desk, tokens). */
  me: 'me',
} as const;
