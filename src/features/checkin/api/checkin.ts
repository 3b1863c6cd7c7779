import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '../../../../contract/zod.ts';
import {
  checkinResponseSchema,
  checkinTokenSchema,
  createdTokenSchema,
  deskSuggestionsSchema,
  myDeskResponseSchema,
  type CheckinRequest,
} from '../../../../contract/settings.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { keyRoots } from '../../../lib/query-keys.ts';

export const checkinQueries = {
  all: () => [keyRoots.me] as const,
  myDesk: () =>
    queryOptions({
      queryKey: [...checkinQueries.all(), 'desk'] as const,
      queryFn: ({ signal }) => apiRequest('/me/desk', { schema: myDeskResponseSchema, signal }),
    }),
  tokens: () =>
    queryOptions({
      queryKey: [...checkinQueries.all(), 'tokens'] as const,
      queryFn: async ({ signal }) =>
        (await apiRequest('/me/tokens', { schema: z.object({ tokens: z.array(checkinTokenSchema) }), signal })).tokens,
    }),
  suggestions: (query: string) =>
    queryOptions({
      queryKey: [...checkinQueries.all(), 'suggestions', query] as const,
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

export function useCheckin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CheckinRequest) =>
      apiRequest('/checkin', { method: 'POST', body: request, schema: checkinResponseSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkinQueries.all() }),
  });
}

export function useCheckout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/checkout', { method: 'POST', schema: z.object({ checkedOut: z.number() }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkinQueries.all() }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string) =>
      apiRequest('/me/tokens', { method: 'POST', body: { label }, schema: createdTokenSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkinQueries.tokens().queryKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/me/tokens/${id}`, { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkinQueries.tokens().queryKey }),
  });
}
