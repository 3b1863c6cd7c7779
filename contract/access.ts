import type { Role } from './api.ts';

/**
 * Who may do what: the one role-policy map. The service guards every endpoint with it
 * (`requireAccess`), the console shows, hides and disables with it (`allows`); nothing else lists roles.
 */
const STAFF = ['admin', 'helpdesk', 'facility'] as const satisfies readonly Role[];
const EDITORS = ['admin', 'facility'] as const satisfies readonly Role[];
const LOGOUT = ['admin', 'helpdesk'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];

export const ACCESS = {
  /** The occupancy board, the desk table and floor maps, zones, the settings (read). */
  'staff.read': STAFF,
  /** Desks, floors, plans, zones and layouts; the CSV import. */
  'desks.edit': EDITORS,
  /** Logging someone else out: force logout, deleting an occupied desk, an import that removes one. */
  'people.logout': LOGOUT,
  /** Checking someone else in, and finding them among the PBX users. */
  'people.checkin': LOGOUT,
  /** The settings (write), the whole audit log, the PBX health details, one person's history. */
  admin: ADMIN,
  /**
   * The audit log: all of it for administrators; for helpdesk, read only, what staff did to other people's desks
   * (logouts, check-ins on someone's behalf), so that helpdesk can review its own work.
   */
  'audit.read': LOGOUT,
  /** How the office is used: utilisation over time (aggregates). */
  analytics: EDITORS,
  /** Checking oneself in and out, one's desk and tokens: PBX users. */
  'self.checkin': ['user'],
  /**
   * Bookings: PBX users book for themselves and see others' bookings without names (where the policy allows);
   * staff see every booking; helpdesk and administrators book and cancel for others (`people.checkin`).
   */
  bookings: [...STAFF, 'user'],
  /**
   * The emergency alert (who called, from where) and acknowledging it: helpdesk, administrators and the security
   * desk (a PBX group of its own, HOTDESK_GROUP_SECURITY), who see nothing else of the occupancy.
   */
  'emergency.alerts': ['admin', 'helpdesk', 'security'],
  /** A floor's plan image: staff, the security desk (the alert's map) and employees (booking from the plan). */
  'floors.plan': [...STAFF, 'security', 'user'],
  /** The live event stream: anyone signed in. */
  events: [...STAFF, 'user'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ACCESS;

export function allows(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = ACCESS[permission];
  return roles.some((role) => allowed.includes(role));
}
