import { queryOptions, useQuery } from '@tanstack/react-query';
import { healthResponseSchema } from '../../../../contract/api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { healthKeys } from '../../../lib/query-keys.ts';

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => apiRequest('/health', { schema: healthResponseSchema, signal }),
    refetchInterval: 15_000,
    staleTime: 10_000,
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
