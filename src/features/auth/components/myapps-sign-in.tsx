import { myAppsRefusal } from '../api/myapps.ts';
import { useSession, useMyAppsSignIn } from '../api/session.ts';

/**
 * The sign-in page inside myApps: no password form (the frame is cross-site and gets no cookie), but
 * myApps' own sign-in, and the way out to a tab of its own where the normal sign-in works.
 */
export function MyAppsSignIn() {
  const session = useSession();
  const signInAgain = useMyAppsSignIn();
  const busy = session.isFetching;
  return (
    <div className="myapps-sign-in">
      <p role="status">
        {busy ? 'Signing you in through myApps…' : 'You are not signed in to Hotdesk in this myApps window.'}
      </p>
      {!busy && (session.error ?? myAppsRefusal()) && (
        <p className="alert alert-error" role="alert">
          {session.error?.message ?? myAppsRefusal()}
        </p>
      )}
      <button type="button" className="button button-primary" disabled={busy} onClick={signInAgain}>
        Sign in with myApps
      </button>
      <p className="hint">
        Not using myApps?{' '}
        <a href="/signin" target="_blank" rel="noopener">
          Open Hotdesk in a tab of its own
        </a>{' '}
        and sign in with your PBX user name and password.
      </p>
    </div>
  );
}
