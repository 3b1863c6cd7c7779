import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingPanel } from '../../components/loading-panel.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { isEmbedded } from '../../features/auth/api/myapps.ts';
import { MyAppsSignIn } from '../../features/auth/components/myapps-sign-in.tsx';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { homePath, safeReturnPath } from '../../lib/authorization.ts';

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));

  const embedded = isEmbedded();
  if (session.isPending) return <LoadingPanel label={embedded ? 'Signing you in through myApps…' : 'Loading…'} />;
  if (session.data) return <Navigate to={next ?? homePath(session.data.user.roles)} replace />;

  return (
    <main className="sign-in-page">
      <div className="card sign-in-card">
        <div className="sign-in-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <h1>Hotdesk</h1>
            <p>{embedded ? 'Hotdesk in myApps' : 'Sign in with your PBX user name and password.'}</p>
          </div>
        </div>
        {embedded ? (
          <MyAppsSignIn />
        ) : (
          <>
            {next && <p className="hint">Your session ended. Sign in again to continue where you were.</p>}
            <SignInForm onSignedIn={(roles) => void navigate(next ?? homePath(roles), { replace: true })} />
          </>
        )}
      </div>
    </main>
  );
}
