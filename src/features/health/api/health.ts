import { queryOptions, useQuery } from '@tanstack/react-query';
import { healthResponseSchema } from '../../../../contract/api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { healthKeys } from '../../../lib/query-keys.ts';

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => apiRequest('/health', { schema: healthResponseSchema, signal }),
    // An outage shows within seconds: no retries that hide it, and while it lasts a check every 3 s.
    retry: false,
    refetchInterval: (query) => (query.state.status === 'error' ? 3_000 : 10_000),
    staleTime: 5_000,
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
