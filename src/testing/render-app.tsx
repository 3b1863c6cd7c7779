import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/app.tsx';
import { routes } from '../app/router.tsx';
import { createQueryClient } from '../lib/query-client.ts';

/** The whole console at `path`, with a fresh query cache and router. */
export function renderApp(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return { ...render(<App queryClient={queryClient} router={router} />), router, queryClient };
}

/** The console at `path`, signed in through its own form as `username` (password `demo`). */
export async function signInAt(path: string, username: string, user = userEvent.setup()) {
  const rendered = renderApp(path);
  await user.type(await screen.findByLabelText('User name'), username);
  await user.type(screen.getByLabelText('Password'), 'demo');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return { user, ...rendered };
}
