import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider, type createBrowserRouter } from 'react-router';
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
    <QueryClientProvider client={client}>
      <RouterProvider router={activeRouter} />
    </QueryClientProvider>
  );
}
