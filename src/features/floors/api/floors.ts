import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deskListResponseSchema,
  deskBatchResponseSchema,
  type Desk,
  type DeskInput,
} from '../../../../contract/desks.ts';
import {
  floorListResponseSchema,
  floorSchema,
  layoutSaveResponseSchema,
  zoneListResponseSchema,
  type Floor,
  type FloorInput,
  type LayoutSaveRequest,
} from '../../../../contract/floors.ts';
import { siteListResponseSchema } from '../../../../contract/sites.ts';
import { z } from '../../../../contract/zod.ts';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';
import { deskKeys, floorKeys, siteKeys, zoneKeys } from '../../../lib/query-keys.ts';

export const floorQueries = {
  list: () =>
    queryOptions({
      queryKey: floorKeys.list(),
      queryFn: async ({ signal }) => (await apiRequest('/floors', { schema: floorListResponseSchema, signal })).floors,
    }),
  zones: (floorId: string) =>
    queryOptions({
      queryKey: zoneKeys.list({ floorId }),
      queryFn: async ({ signal }) =>
        (await apiRequest(`/floors/${floorId}/zones`, { schema: zoneListResponseSchema, signal })).zones,
    }),
  /** This floor's desks and the desks on no floor (offered for placing). */
  desks: (floorId: string) =>
    queryOptions({
      queryKey: deskKeys.list({ floorId }),
      queryFn: async ({ signal }) => {
        const pages = await Promise.all(
          [floorId, 'none'].map((filter) =>
            apiRequest(`/desks?floorId=${filter}&limit=5000`, { schema: deskListResponseSchema, signal }),
          ),
        );
        return pages.flatMap((page) => page.desks);
      },
    }),
};

/** The plan image URL; the version in the query string makes a replaced plan load fresh. */
export const planUrl = (floor: Floor) =>
  floor.plan ? `/api/v1/floors/${floor.id}/plan?v=${encodeURIComponent(floor.plan.updatedAt)}` : null;

export function useFloors() {
  return useQuery(floorQueries.list());
}

/** The sites a floor can belong to (name and id only; the sites section manages them). */
export function useSiteChoices() {
  return useQuery({
    queryKey: siteKeys.list(),
    queryFn: async ({ signal }) => (await apiRequest('/sites', { schema: siteListResponseSchema, signal })).sites,
  });
}

export function useCreateFloor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FloorInput) => apiRequest('/floors', { method: 'POST', body: input, schema: floorSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: floorKeys.all }),
  });
}

/** Renames, moves (site, order) a floor; sent with the version it was based on. */
export function useUpdateFloor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ floor, patch }: { floor: Floor; patch: Partial<FloorInput> }) =>
      apiRequest(`/floors/${floor.id}`, {
        method: 'PATCH',
        body: patch,
        schema: floorSchema,
        headers: { 'If-Match': `"${floor.version}"` },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: floorKeys.all }),
  });
}

export interface NewDesksOutcome {
  created: Desk[];
  /** The desk the service refused, with its reason: then none was created. */
  refused: { name: string; error: ApiError } | null;
}

/**
 * Creates a row of desks in one request, all or none (POST /desks/batch: each audited and checked like a desk made
 * in the table). A refusal (a name or MAC already used) names the desk, so that the person can mend it and send
 * the row again; closing the tab meanwhile leaves nothing half made.
 */
export function useCreateDesks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (inputs: readonly (DeskInput & { name: string })[]): Promise<NewDesksOutcome> => {
      try {
        const { desks } = await apiRequest('/desks/batch', {
          method: 'POST',
          body: { desks: inputs },
          schema: deskBatchResponseSchema,
        });
        return { created: desks, refused: null };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const desk = error.body.desk;
        return { created: [], refused: { name: typeof desk === 'string' ? desk : '', error } };
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

/** Deletes a floor: its desks stay in the desk table without a floor, its plan and zones go. */
export function useDeleteFloor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (floor: Floor) =>
      apiRequest(`/floors/${floor.id}`, {
        method: 'DELETE',
        schema: z.undefined(),
        headers: { 'If-Match': `"${floor.version}"` },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: floorKeys.all }),
        queryClient.invalidateQueries({ queryKey: deskKeys.all }),
      ]),
  });
}

export function useUploadPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ floor, file }: { floor: Floor; file: Blob }) =>
      apiRequest(`/floors/${floor.id}/plan`, {
        method: 'PUT',
        body: file,
        schema: floorSchema,
        headers: { 'If-Match': `"${floor.version}"` },
        // A plan image of up to several megabytes on a slow link.
        timeoutMs: 120_000,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: floorKeys.all }),
  });
}

export function useSaveLayout(floorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: LayoutSaveRequest) =>
      apiRequest(`/floors/${floorId}/layout`, { method: 'POST', body: draft, schema: layoutSaveResponseSchema }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deskKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: zoneKeys.lists() }),
      ]);
    },
  });
}
