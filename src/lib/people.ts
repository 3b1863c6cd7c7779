import { useQuery } from '@tanstack/react-query';
import { peopleResponseSchema } from '../../contract/occupancy.ts';
import { apiRequest } from './api-client.ts';
import { peopleKeys } from './query-keys.ts';

/** PBX users for a person picker, as staff type (two characters at least): checking in and booking for someone. */
export function usePeople(query: string) {
  return useQuery({
    queryKey: peopleKeys.search({ q: query }),
    queryFn: async ({ signal }) =>
      (await apiRequest(`/people?q=${encodeURIComponent(query)}`, { schema: peopleResponseSchema, signal })).people,
    enabled: query.trim().length >= 2,
    staleTime: 30_000,
  });
}
