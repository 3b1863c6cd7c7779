import { isRouteErrorResponse, useRouteError } from 'react-router';

/** The error boundary of every route: something broke while rendering; say so and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main className="centered-page">
      <div className="card error-card" role="alert">
        <h1>Something went wrong</h1>
        <p>This page failed to load. Your data on the server is not affected.</p>
        <pre className="error-detail">{detail}</pre>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
          <a className="button" href="/">
            Start page
          </a>
        </div>
      </div>
    </main>
  );
}
