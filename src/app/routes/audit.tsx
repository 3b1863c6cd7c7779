import { Link, useSearchParams } from 'react-router';
import { allows } from '../../../contract/access.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { AuditLog } from '../../features/audit/components/audit-log.tsx';
import { Outbox } from '../../features/mail/components/outbox.tsx';
import { useT } from '../../i18n/use-t.ts';

/**
 * Administrators read the whole log, and the mail outbox (`?view=outbox`); helpdesk reads what staff did to
 * others' desks, to review its own work.
 */
export function AuditPage() {
  const t = useT();
  const [params] = useSearchParams();
  const roles = useSession().data?.user.roles ?? [];
  const everything = allows(roles, 'admin');
  const outbox = everything && params.get('view') === 'outbox';
  return (
    <section className="page">
      <PageHeader
        title={outbox ? t('outbox.title') : t('nav.audit')}
        description={outbox ? t('outbox.lead') : t(everything ? 'audit.lead' : 'audit.leadHelpdesk')}
      />
      {everything && (
        <nav className="sub-nav" aria-label={t('audit.views')}>
          <Link
            to="/audit"
            className={outbox ? 'sub-link' : 'sub-link active'}
            aria-current={outbox ? undefined : 'page'}
          >
            {t('nav.audit')}
          </Link>
          <Link
            to="/audit?view=outbox"
            className={outbox ? 'sub-link active' : 'sub-link'}
            aria-current={outbox ? 'page' : undefined}
          >
            {t('outbox.title')}
          </Link>
        </nav>
      )}
      {outbox ? <Outbox /> : <AuditLog scope={everything ? 'all' : 'helpdesk'} />}
    </section>
  );
}
