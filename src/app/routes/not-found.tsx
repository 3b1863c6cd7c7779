import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';

export function NotFoundPage() {
  return (
    <section className="page">
      <EmptyState title="Page not found" icon="404">
        <p>There is no page at this address.</p>
        <p>
          <Link to="/">Go to your start page</Link>
        </p>
      </EmptyState>
    </section>
  );
}
