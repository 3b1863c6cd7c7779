import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { useT } from '../../i18n/use-t.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <section className="page">
      <EmptyState title={t('notFound.title')} icon="404">
        <p>{t('notFound.body')}</p>
        <p>
          <Link to="/">{t('common.startPage')}</Link>
        </p>
      </EmptyState>
    </section>
  );
}
