import { allows, type Permission } from '../../contract/access.ts';
import type { Role } from '../../contract/api.ts';
import type { MessageId } from '../i18n/i18n.ts';

/** The console's sections and the permission that opens each: the service's own policy map. */
export const sections = {
  occupancy: { path: '/occupancy', label: 'nav.occupancy', permission: 'staff.read' },
  desks: { path: '/desks', label: 'nav.desks', permission: 'staff.read' },
  import: { path: '/import', label: 'nav.import', permission: 'desks.edit' },
  insights: { path: '/insights', label: 'nav.insights', permission: 'analytics' },
  settings: { path: '/settings', label: 'nav.settings', permission: 'admin' },
  audit: { path: '/audit', label: 'nav.audit', permission: 'audit.read' },
  checkin: { path: '/checkin', label: 'nav.checkin', permission: 'self.checkin' },
  bookings: { path: '/bookings', label: 'nav.bookings', permission: 'bookings' },
} as const satisfies Record<string, { path: string; label: MessageId; permission: Permission }>;

export type SectionId = keyof typeof sections;

export const sectionOrder: readonly SectionId[] = [
  'occupancy',
  'desks',
  'import',
  'insights',
  'settings',
  'audit',
  'checkin',
  'bookings',
];

export function canOpen(section: SectionId, roles: readonly Role[]): boolean {
  return allows(roles, sections[section].permission);
}

/** Where a person lands after signing in: their first section. */
export function homePath(roles: readonly Role[]): string {
  const first = sectionOrder.find((section) => canOpen(section, roles));
  return first === undefined ? '/forbidden' : sections[first].path;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeReturnPath(candidate: string | null): string | null {
  if (candidate === null || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return null;
  }
  return candidate.startsWith('/signin') ? null : candidate;
}
