import { allows } from '../../../contract/access.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';
import { useT } from '../../i18n/use-t.ts';

/** Administrators read the whole log; helpdesk reads what staff did to others' desks, to review its own work. */
export function AuditPage() {
  const t = useT();
  const roles = useSession().data?.user.roles ?? [];
  const everything = allows(roles, 'admin');
  return (
    <section className="page">
      <PageHeader title={t('nav.audit')} description={t(everything ? 'audit.lead' : 'audit.leadHelpdesk')} />
      <AuditLog scope={everything ? 'all' : 'helpdesk'} />
    </section>
  );
}
