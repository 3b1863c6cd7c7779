import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { pbxHealthResponseSchema } from '../../../../contract/api.ts';
import { pbxCheckReportSchema } from '../../../../contract/pbx-check.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { healthKeys } from '../../../lib/query-keys.ts';

/** GET /health/pbx (admin): every PBX of the system, the replica and the invariants. */
export const pbxHealthQueryOptions = () =>
  queryOptions({
    queryKey: [...healthKeys.all, 'pbx'] as const,
    queryFn: ({ signal }) => apiRequest('/health/pbx', { schema: pbxHealthResponseSchema, signal }),
    refetchInterval: 10_000,
  });

export const usePbxHealth = () => useQuery(pbxHealthQueryOptions());

/** POST /pbx/check: read-only checks of every PBX (a large PBX lists its users for up to a minute). */
export function useCheckPbx() {
  return useMutation({
    mutationFn: (writeTest: string) =>
      apiRequest('/pbx/check', {
        method: 'POST',
        body: writeTest.trim() === '' ? {} : { writeTest: writeTest.trim() },
        schema: pbxCheckReportSchema,
        timeoutMs: 5 * 60_000,
      }),
  });
}
