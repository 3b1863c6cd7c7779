import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/app.tsx';
import { routes } from '../app/router.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { mockApi } from './mock-api.ts';

/** The whole console at `path`, with a fresh query cache and router. */
export function renderApp(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return { ...render(<App queryClient={queryClient} router={router} />), router, queryClient };
}

/**
 * The console at `path`, already signed in as `username` (a session made on the mock service, no typing): the
 * sign-in form has tests of its own (src/app/app.test.tsx).
 */
export function signInAt(path: string, username: string, user = userEvent.setup()) {
  mockApi.signInAs(username);
  const rendered = renderApp(path);
  return Promise.resolve({ user, ...rendered });
}
