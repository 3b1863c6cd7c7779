import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  neighbourhoodListSchema,
  neighbourhoodSchema,
  type Neighbourhood,
  type NeighbourhoodInput,
} from '../../../../contract/neighbourhoods.ts';
import { z } from '../../../../contract/zod.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { bookingKeys, neighbourhoodKeys } from '../../../lib/query-keys.ts';

export function useNeighbourhoods() {
  return useQuery({
    queryKey: neighbourhoodKeys.all,
    queryFn: ({ signal }) => apiRequest('/neighbourhoods', { schema: neighbourhoodListSchema, signal }),
  });
}

/** Creates a neighbourhood, or saves one (`current` given: its version goes in If-Match). */
export function useSaveNeighbourhood() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ current, values }: { current: Neighbourhood | null; values: NeighbourhoodInput }) =>
      current
        ? apiRequest(`/neighbourhoods/${current.id}`, {
            method: 'PUT',
            body: values,
            headers: { 'If-Match': `"${current.version}"` },
            schema: neighbourhoodSchema,
          })
        : apiRequest('/neighbourhoods', { method: 'POST', body: values, schema: neighbourhoodSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
  });
}

export function useDeleteNeighbourhood() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (neighbourhood: Neighbourhood) =>
      apiRequest(`/neighbourhoods/${neighbourhood.id}`, { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
  });
}
