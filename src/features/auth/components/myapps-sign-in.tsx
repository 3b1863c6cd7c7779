import { myAppsRefusal } from '../api/myapps.ts';
import { useSession, useMyAppsSignIn } from '../api/session.ts';
import { useT } from '../../../i18n/use-t.ts';

/**
 * The sign-in page inside myApps: no password form (the frame is cross-site and gets no cookie), but
 * myApps' own sign-in, and the way out to a tab of its own where the normal sign-in works.
 */
export function MyAppsSignIn() {
  const session = useSession();
  const signInAgain = useMyAppsSignIn();
  const busy = session.isFetching;
  const t = useT();
  return (
    <div className="myapps-sign-in">
      <p role="status">{busy ? t('auth.signingInMyApps') : t('myApps.notSignedIn')}</p>
      {!busy && (session.error ?? myAppsRefusal()) && (
        <p className="alert alert-error" role="alert">
          {session.error?.message ?? myAppsRefusal()}
        </p>
      )}
      <button type="button" className="button button-primary" disabled={busy} onClick={signInAgain}>
        {t('myApps.signIn')}
      </button>
      <p className="hint">
        {t('myApps.notUsing')}{' '}
        <a href="/signin" target="_blank" rel="noopener">
          {t('myApps.openTab')}
        </a>{' '}
        {t('myApps.openTabRest')}
      </p>
    </div>
  );
}
