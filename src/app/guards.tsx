import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingPanel } from '../components/loading-panel.tsx';
import { ErrorPanel } from '../components/error-panel.tsx';
import { isEmbedded } from '../features/auth/api/myapps.ts';
import { useSession } from '../features/auth/api/session.ts';
import { canOpen, type SectionId } from '../lib/authorization.ts';
import { ForbiddenPage } from './routes/forbidden.tsx';
import { useT } from '../i18n/use-t.ts';

/** Signed out (never signed in, signed out elsewhere, or expired): to sign-in, then back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const t = useT();
  if (session.isPending)
    return <LoadingPanel label={isEmbedded() ? t('auth.signingInMyApps') : t('auth.loadingSession')} />;
  if (session.isError && session.data === undefined) {
    return (
      <main className="centered-page">
        <ErrorPanel error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A section the person's roles do not open shows the 403 page (the service refuses the data anyway). */
export function RequireSection({ section, children }: { section: SectionId; children: ReactNode }) {
  const session = useSession();
  if (!session.data || !canOpen(section, session.data.user.roles)) return <ForbiddenPage />;
  return children;
}
