import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';

// Sections whose features are not built yet say so plainly: no sample rows, no fake numbers.

export function OccupancyPage() {
  return (
    <section className="page">
      <PageHeader title="Occupancy" description="Who sits at which desk right now, live from the PBX." />
      <EmptyState title="The occupancy board is not available yet">
        <p>
          This section will list every desk with its occupant, since when, how they checked in, and whether the phone is
          registered, updated live, with force logout for helpdesk.
        </p>
      </EmptyState>
    </section>
  );
}

export function DesksPage() {
  return (
    <section className="page">
      <PageHeader title="Desks & floors" description="The desk table and the floor maps." />
      <EmptyState title="Desk and floor management is not available yet">
        <p>This section will hold the desk table (phone MAC, desk name, computer names) and the floor map editor.</p>
      </EmptyState>
    </section>
  );
}

export function ImportPage() {
  return (
    <section className="page">
      <PageHeader title="Import" description="Bulk-import and export the desk table as CSV." />
      <EmptyState title="CSV import is not available yet">
        <p>
          This section will import desk tables from CSV (the <code>hw_id,name,computername</code> file of the previous
          product included), with a preview, a dry run and an all-or-nothing apply.
        </p>
      </EmptyState>
    </section>
  );
}

export function SettingsPage() {
  return (
    <section className="page">
      <PageHeader title="Settings" description="Login methods, device entry and automatic logout." />
      <EmptyState title="Settings are not available yet">
        <p>This section will let administrators choose the login methods employees see and the logout policies.</p>
      </EmptyState>
    </section>
  );
}

export function AuditPage() {
  return (
    <section className="page">
      <PageHeader title="Audit" description="Who did what and when, newest first." />
      <AuditLog />
    </section>
  );
}

export function CheckinPage() {
  return (
    <section className="page">
      <PageHeader title="My desk" description="Check in at a desk so that its phone rings for you." />
      <EmptyState title="Checking in is not available yet">
        <p>Soon you will check in here by desk name or with your computer's name, and check out when you leave.</p>
      </EmptyState>
    </section>
  );
}
