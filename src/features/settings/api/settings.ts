import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsSchema, type Settings, type SettingsValues } from '../../../../contract/settings.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { settingsKeys } from '../../../lib/query-keys.ts';

export const settingsQueries = {
  current: () =>
    queryOptions({
      queryKey: settingsKeys.current(),
      queryFn: ({ signal }) => apiRequest('/settings', { schema: settingsSchema, signal }),
    }),
};

export const useSettings = () => useQuery(settingsQueries.current());

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ base, values }: { base: Settings; values: SettingsValues }) =>
      apiRequest('/settings', {
        method: 'PUT',
        body: values,
        schema: settingsSchema,
        headers: { 'If-Match': `"${base.version}"` },
      }),
    onSuccess: (saved) => queryClient.setQueryData(settingsQueries.current().queryKey, saved),
  });
}
