import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../../i18n/use-t.ts';

/** The error boundary of every route: something broke while rendering; say so and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : t('routeError.unknown');
  return (
    <main className="centered-page">
      <div className="card error-card" role="alert">
        <h1>{t('routeError.title')}</h1>
        <p>{t('routeError.body')}</p>
        <pre className="error-detail">{detail}</pre>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </button>
          <a className="button" href="/">
            {t('routeError.start')}
          </a>
        </div>
      </div>
    </main>
  );
}
