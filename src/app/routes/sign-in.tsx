import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingPanel } from '../../components/loading-panel.tsx';
import { hadSessionHere, useSession } from '../../features/auth/api/session.ts';
import { isEmbedded } from '../../features/auth/api/myapps.ts';
import { MyAppsSignIn } from '../../features/auth/components/myapps-sign-in.tsx';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { homePath, safeReturnPath } from '../../lib/authorization.ts';
import { useT } from '../../i18n/use-t.ts';
import { DisplayPreferences } from '../../components/display-preferences.tsx';

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const t = useT();

  const embedded = isEmbedded();
  if (session.isPending) return <LoadingPanel label={embedded ? t('auth.signingInMyApps') : t('common.loading')} />;
  if (session.data) return <Navigate to={next ?? homePath(session.data.user.roles)} replace />;

  return (
    <main className="sign-in-page">
      <div className="card sign-in-card">
        <div className="sign-in-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <h1>Hotdesk</h1>
            <p>{embedded ? t('signIn.inMyApps') : t('signIn.lead')}</p>
          </div>
        </div>
        {embedded ? (
          <MyAppsSignIn />
        ) : (
          <>
            {next && hadSessionHere() && <p className="hint">{t('signIn.sessionEnded')}</p>}
            <SignInForm onSignedIn={(roles) => void navigate(next ?? homePath(roles), { replace: true })} />
          </>
        )}
        <div className="sign-in-prefs">
          <DisplayPreferences />
        </div>
      </div>
    </main>
  );
}
