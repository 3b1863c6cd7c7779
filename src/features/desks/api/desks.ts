import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '../../../../contract/zod.ts';
import {
  deskListResponseSchema,
  deskSchema,
  type Desk,
  type DeskInput,
  type DeskPatch,
} from '../../../../contract/desks.ts';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';
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
    mutationFn: ({ desk, patch }: { desk: Desk; patch: DeskPatch }) => updateRequest(desk, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

/** What a change to many desks did: the desks done, and each refused one with the service's reason. */
export interface BulkOutcome {
  done: Desk[];
  failed: { desk: Desk; error: ApiError }[];
}

/** Four requests at a time: quick for a floor's desks, without flooding the service with thousands at once. */
const BULK_PARALLEL = 4;

async function forEachDesk(desks: readonly Desk[], request: (desk: Desk) => Promise<unknown>): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: [], failed: [] };
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < desks.length; index = next++) {
      const desk = desks[index] as Desk;
      try {
        await request(desk);
        outcome.done.push(desk);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        outcome.failed.push({ desk, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, desks.length) }, worker));
  return outcome;
}

const updateRequest = (desk: Desk, patch: DeskPatch) =>
  apiRequest(`/desks/${desk.id}`, {
    method: 'PATCH',
    body: patch,
    schema: deskSchema,
    headers: { 'If-Match': `"${desk.version}"` },
  });

const deleteRequest = (desk: Desk, logoutOccupant: boolean) =>
  apiRequest(`/desks/${desk.id}${logoutOccupant ? '?occupied=logout' : ''}`, {
    method: 'DELETE',
    schema: z.undefined(),
    headers: { 'If-Match': `"${desk.version}"` },
  });

/**
 * One change for many desks (each its own request with its version, checked and audited like an edit in the
 * form): a desk changed by someone else meanwhile is refused and reported, the others are changed.
 */
export function useBulkUpdateDesks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ desks, patch }: { desks: readonly Desk[]; patch: DeskPatch }) =>
      forEachDesk(desks, (desk) => updateRequest(desk, patch)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

/** Deletes many desks; an occupied one is refused (and reported) rather than logging its person out. */
export function useBulkDeleteDesks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (desks: readonly Desk[]) => forEachDesk(desks, (desk) => deleteRequest(desk, false)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

export function useDeleteDesk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ desk, logoutOccupant }: { desk: Desk; logoutOccupant: boolean }) =>
      deleteRequest(desk, logoutOccupant),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}
