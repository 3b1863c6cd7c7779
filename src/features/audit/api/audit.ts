import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { auditListResponseSchema } from '../../../../contract/api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { auditKeys } from '../../../lib/query-keys.ts';

export const auditQueries = {
  list: () =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(),
      queryFn: ({ pageParam, signal }) =>
        apiRequest(`/audit?limit=100${pageParam === null ? '' : `&before=${encodeURIComponent(pageParam)}`}`, {
          schema: auditListResponseSchema,
          signal,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
      // An audit log is read to see what just happened: never show a cached copy as current.
      staleTime: 0,
    }),
};

export function useAuditLog() {
  return useInfiniteQuery(auditQueries.list());
}
