import { I18nProvider } from '@lingui/react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { i18n } from '../i18n/i18n.ts';
import { createQueryClient } from '../lib/query-client.ts';
import { createRouter } from './router.tsx';

export function App({
  queryClient,
  router,
}: {
  queryClient?: QueryClient;
  router?: ReturnType<typeof createBrowserRouter>;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [activeRouter] = useState(() => router ?? createRouter());
  return (
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <RouterProvider router={activeRouter} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
