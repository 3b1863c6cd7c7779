import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from '../../../../contract/zod.ts';
import {
  checkinResponseSchema,
  checkinTokenSchema,
  createdTokenSchema,
  deskSuggestionsSchema,
  myDeskResponseSchema,
  type CheckinRequest,
} from '../../../../contract/checkin.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { meKeys, occupancyKeys } from '../../../lib/query-keys.ts';

export const checkinQueries = {
  myDesk: () =>
    queryOptions({
      queryKey: meKeys.desk(),
      queryFn: ({ signal }) => apiRequest('/me/desk', { schema: myDeskResponseSchema, signal }),
    }),
  tokens: () =>
    queryOptions({
      queryKey: meKeys.tokens(),
      queryFn: async ({ signal }) =>
        (await apiRequest('/me/tokens', { schema: z.object({ tokens: z.array(checkinTokenSchema) }), signal })).tokens,
    }),
  suggestions: (query: string) =>
    queryOptions({
      queryKey: meKeys.suggestions({ q: query }),
      queryFn: async ({ signal }) =>
        (
          await apiRequest(`/me/desk-suggestions?q=${encodeURIComponent(query)}`, {
            schema: deskSuggestionsSchema,
            signal,
          })
        ).names,
      staleTime: 60_000,
    }),
};

export const useMyDesk = () => useQuery(checkinQueries.myDesk());
export const useTokens = () => useQuery(checkinQueries.tokens());
export const useDeskSuggestions = (query: string) =>
  useQuery({ ...checkinQueries.suggestions(query), enabled: query.trim().length > 0 });

/** A check-in or check-out changes the employee's own sessions and, for staff, the board. */
const invalidateSessions = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: meKeys.all }),
    queryClient.invalidateQueries({ queryKey: occupancyKeys.board() }),
  ]);

export function useCheckin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CheckinRequest) =>
      apiRequest('/checkin', { method: 'POST', body: request, schema: checkinResponseSchema }),
    onSettled: () => invalidateSessions(queryClient),
  });
}

export function useCheckout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/checkout', { method: 'POST', schema: z.object({ checkedOut: z.number() }) }),
    onSettled: () => invalidateSessions(queryClient),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string) =>
      apiRequest('/me/tokens', { method: 'POST', body: { label }, schema: createdTokenSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKeys.tokens() }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/me/tokens/${id}`, { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKeys.tokens() }),
  });
}

/** Sets (or replaces) the PIN typed on a desk phone's keypad; the PIN never comes back. */
export function useSetPhonePin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (pin: string) => apiRequest('/me/phone-pin', { method: 'PUT', body: { pin }, schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKeys.desk() }),
  });
}

export function useDeletePhonePin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/me/phone-pin', { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKeys.desk() }),
  });
}
