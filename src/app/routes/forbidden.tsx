import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { useT } from '../../i18n/use-t.ts';

export function ForbiddenPage() {
  const t = useT();
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <EmptyState title={t('forbidden.title')} icon="403">
        <p id="forbidden-title">{t('forbidden.body')}</p>
        <p>
          <Link to="/">{t('common.startPage')}</Link>
        </p>
      </EmptyState>
    </section>
  );
}
