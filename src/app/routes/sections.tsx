import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';

/** A section whose feature is not built yet says so plainly: no sample rows, no fake numbers. */
function PlannedSection(props: { title: string; description: string; notice: string; children: ReactNode }) {
  return (
    <section className="page">
      <PageHeader title={props.title} description={props.description} />
      <EmptyState title={props.notice}>
        <p>{props.children}</p>
      </EmptyState>
    </section>
  );
}

export const OccupancyPage = () => (
  <PlannedSection
    title="Occupancy"
    description="Who sits at which desk right now, live from the PBX."
    notice="The occupancy board is not available yet"
  >
    This section will list every desk with its occupant, since when, how they checked in, and whether the phone is
    registered, updated live, with force logout for helpdesk.
  </PlannedSection>
);

export const ImportPage = () => (
  <PlannedSection
    title="Import"
    description="Bulk-import and export the desk table as CSV."
    notice="CSV import is not available yet"
  >
    This section will import desk tables from CSV (the <code>hw_id,name,computername</code> file of the previous product
    included), with a preview, a dry run and an all-or-nothing apply.
  </PlannedSection>
);

export const SettingsPage = () => (
  <PlannedSection
    title="Settings"
    description="Login methods, device entry and automatic logout."
    notice="Settings are not available yet"
  >
    This section will let administrators choose the login methods employees see and the logout policies.
  </PlannedSection>
);

export const CheckinPage = () => (
  <PlannedSection
    title="My desk"
    description="Check in at a desk so that its phone rings for you."
    notice="Checking in is not available yet"
  >
    Soon you will check in here by desk name or with your computer&apos;s name, and check out when you leave.
  </PlannedSection>
);

export function AuditPage() {
  return (
    <section className="page">
      <PageHeader title="Audit" description="Who did what and when, newest first." />
      <AuditLog />
    </section>
  );
}
