import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { CheckinPanel } from '../../features/checkin/components/checkin-panel.tsx';
import { TokenManager } from '../../features/checkin/components/token-manager.tsx';
import { useFloors } from '../../features/floors/api/floors.ts';
import { ImportWizard } from '../../features/import/components/import-wizard.tsx';
import { OccupancyBoard } from '../../features/occupancy/components/occupancy-board.tsx';
import { SettingsForm } from '../../features/settings/components/settings-form.tsx';

export function OccupancyPage() {
  const roles = useSession().data?.user.roles ?? [];
  const floors = useFloors();
  return (
    <section className="page page-wide">
      <PageHeader title="Occupancy" description="Who sits at which desk right now, live from the PBX." />
      <OccupancyBoard floors={floors.data ?? []} canLogout={roles.includes('admin') || roles.includes('helpdesk')} />
    </section>
  );
}

export function ImportPage() {
  return (
    <section className="page">
      <PageHeader title="Import" description="Bulk-import and export the desk table as CSV." />
      <ImportWizard />
    </section>
  );
}

export function SettingsPage() {
  return (
    <section className="page">
      <PageHeader title="Settings" description="Login methods, the PBX device entry, policies and automatic logout." />
      <SettingsForm />
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
  const [params] = useSearchParams();
  return (
    <section className="page page-narrow">
      <PageHeader title="My desk" description="Check in at a desk so that its phone rings for you." />
      <CheckinPanel computerName={params.get('computer')} clientName={params.get('client')} />
      <TokenManager />
    </section>
  );
}
