import type { Role } from '../../contract/api.ts';

/** The console's sections and who may open them; the service enforces the same roles on every endpoint. */
export const sections = {
  occupancy: { path: '/occupancy', label: 'Occupancy', roles: ['admin', 'helpdesk', 'facility'] },
  desks: { path: '/desks', label: 'Desks & floors', roles: ['admin', 'helpdesk', 'facility'] },
  import: { path: '/import', label: 'Import', roles: ['admin', 'facility'] },
  settings: { path: '/settings', label: 'Settings', roles: ['admin'] },
  audit: { path: '/audit', label: 'Audit', roles: ['admin'] },
  checkin: { path: '/checkin', label: 'My desk', roles: ['user'] },
} as const satisfies Record<string, { path: string; label: string; roles: readonly Role[] }>;

export type SectionId = keyof typeof sections;

export const sectionOrder: readonly SectionId[] = ['occupancy', 'desks', 'import', 'settings', 'audit', 'checkin'];

export function canOpen(section: SectionId, roles: readonly Role[]): boolean {
  const allowed: readonly Role[] = sections[section].roles;
  return roles.some((role) => allowed.includes(role));
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
