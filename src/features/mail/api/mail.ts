import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  mailPreferencesSchema,
  outboxMessageDetailSchema,
  outboxResponseSchema,
  type MailPreferencesInput,
  type MailState,
} from '../../../../contract/mail.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { mailKeys, meKeys } from '../../../lib/query-keys.ts';

export const mailQueries = {
  preferences: () =>
    queryOptions({
      queryKey: meKeys.notifications(),
      queryFn: ({ signal }) => apiRequest('/me/notifications', { schema: mailPreferencesSchema, signal }),
    }),
  outbox: (state: MailState | '') =>
    queryOptions({
      queryKey: mailKeys.outbox({ state }),
      queryFn: ({ signal }) =>
        apiRequest(`/mail/outbox${state === '' ? '' : `?state=${state}`}`, { schema: outboxResponseSchema, signal }),
    }),
  message: (id: string) =>
    queryOptions({
      queryKey: mailKeys.message(id),
      queryFn: ({ signal }) => apiRequest(`/mail/outbox/${id}`, { schema: outboxMessageDetailSchema, signal }),
    }),
};

export const useMailPreferences = () => useQuery(mailQueries.preferences());
export const useOutbox = (state: MailState | '') => useQuery(mailQueries.outbox(state));
export const useOutboxMessage = (id: string | null) =>
  useQuery({ ...mailQueries.message(id ?? ''), enabled: id !== null });

export function useSaveMailPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MailPreferencesInput) =>
      apiRequest('/me/notifications', { method: 'PUT', body: input, schema: mailPreferencesSchema }),
    onSuccess: (saved) => queryClient.setQueryData(meKeys.notifications(), saved),
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/mail/outbox/${id}/retry`, { method: 'POST', schema: outboxMessageDetailSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailKeys.all }),
  });
}
