import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';

export function ForbiddenPage() {
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <EmptyState title="You don't have access to this page" icon="403">
        <p id="forbidden-title">
          Your role does not include this section. If you need it, ask a Hotdesk administrator.
        </p>
        <p>
          <Link to="/">Go to your start page</Link>
        </p>
      </EmptyState>
    </section>
  );
}
