import { PageHeader } from '../../components/page-header.tsx';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';

export function AuditPage() {
  return (
    <section className="page">
      <PageHeader title="Audit" description="Who did what and when, newest first." />
      <AuditLog />
    </section>
  );
}
