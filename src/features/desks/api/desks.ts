import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '../../../../contract/zod.ts';
import {
  deskListResponseSchema,
  deskSchema,
  type Desk,
  type DeskInput,
  type DeskPatch,
} from '../../../../contract/desks.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { deskKeys } from '../../../lib/query-keys.ts';

export const deskQueries = {
  list: () =>
    queryOptions({
      queryKey: deskKeys.list(),
      queryFn: ({ signal }) => fetchAllDesks(signal),
    }),
};

/** The whole desk table (20,000 desks are ~2 MB of JSON), fetched in pages of 5,000. */
async function fetchAllDesks(signal: AbortSignal): Promise<Desk[]> {
  const desks: Desk[] = [];
  let cursor: string | null = null;
  do {
    const page: z.infer<typeof deskListResponseSchema> = await apiRequest(
      `/desks?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { schema: deskListResponseSchema, signal },
    );
    desks.push(...page.desks);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return desks;
}

export function useDesks() {
  return useQuery(deskQueries.list());
}

export function useCreateDesk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeskInput) => apiRequest('/desks', { method: 'POST', body: input, schema: deskSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

export function useUpdateDesk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ desk, patch }: { desk: Desk; patch: DeskPatch }) =>
      apiRequest(`/desks/${desk.id}`, {
        method: 'PATCH',
        body: patch,
        schema: deskSchema,
        headers: { 'If-Match': `"${desk.version}"` },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

export function useDeleteDesk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ desk, logoutOccupant }: { desk: Desk; logoutOccupant: boolean }) =>
      apiRequest(`/desks/${desk.id}${logoutOccupant ? '?occupied=logout' : ''}`, {
        method: 'DELETE',
        schema: z.undefined(),
        headers: { 'If-Match': `"${desk.version}"` },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}
