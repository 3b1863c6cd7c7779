import { PageHeader } from '../../components/page-header.tsx';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';
import { useT } from '../../i18n/use-t.ts';

export function AuditPage() {
  const t = useT();
  return (
    <section className="page">
      <PageHeader title={t('nav.audit')} description={t('audit.lead')} />
      <AuditLog />
    </section>
  );
}
