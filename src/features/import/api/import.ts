import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importResponseSchema } from '../../../../contract/desks.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { deskKeys, floorKeys, meKeys, occupancyKeys, siteKeys } from '../../../lib/query-keys.ts';

export interface ImportRequest {
  file: Blob;
  mode: 'replace' | 'merge';
  dryRun: boolean;
  createFloors: boolean;
  confirmRemoveAll: boolean;
  occupied: 'logout' | 'leave' | null;
  signal?: AbortSignal;
}

export function useImportDesks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => {
      const query = new URLSearchParams({
        mode: request.mode,
        dryRun: String(request.dryRun),
        createFloors: String(request.createFloors),
      });
      if (request.confirmRemoveAll) query.set('confirm', 'remove-all');
      if (request.occupied) query.set('occupied', request.occupied);
      return apiRequest(`/desks/import?${query.toString()}`, {
        method: 'POST',
        body: request.file,
        schema: importResponseSchema,
        signal: request.signal,
        // Up to 50 MB of desks, checked or written in one transaction: minutes on a slow link, not seconds.
        timeoutMs: 300_000,
      });
    },
    onSuccess: async (result) => {
      if (!result.applied) return;
      await Promise.all(
        [deskKeys.all, floorKeys.all, occupancyKeys.all, siteKeys.withoutLocation(), meKeys.desk()].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
