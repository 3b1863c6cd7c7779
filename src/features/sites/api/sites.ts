import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { floorSchema, type Floor } from '../../../../contract/floors.ts';
import { z } from '../../../../contract/zod.ts';
import {
  desksWithoutLocationSchema,
  pbxLocationsResponseSchema,
  siteListResponseSchema,
  siteSchema,
  type Site,
  type SiteInput,
} from '../../../../contract/sites.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { floorKeys, siteKeys } from '../../../lib/query-keys.ts';

export const siteQueries = {
  list: () =>
    queryOptions({
      queryKey: siteKeys.list(),
      queryFn: async ({ signal }) => (await apiRequest('/sites', { schema: siteListResponseSchema, signal })).sites,
    }),
  /** The PBX's locations, asked of the PBX each time the form opens (an administrator may add one). */
  pbxLocations: () =>
    queryOptions({
      queryKey: siteKeys.pbxLocations(),
      queryFn: async ({ signal }) =>
        (await apiRequest('/sites/pbx-locations', { schema: pbxLocationsResponseSchema, signal })).locations,
      staleTime: 0,
      retry: false,
    }),
};

/** Desks whose emergency calls would carry no address (facility and admin). */
export function useDesksWithoutLocation(enabled: boolean) {
  return useQuery({
    queryKey: siteKeys.withoutLocation(),
    queryFn: ({ signal }) =>
      apiRequest('/sites/desks-without-location', { schema: desksWithoutLocationSchema, signal }),
    enabled,
    staleTime: 0,
  });
}

export function useSites() {
  return useQuery(siteQueries.list());
}

export function usePbxLocations(enabled: boolean) {
  return useQuery({ ...siteQueries.pbxLocations(), enabled });
}

/** Creates a site, or saves one (`site` given: its version goes in If-Match). */
export function useSaveSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ site, values }: { site: Site | null; values: SiteInput }) =>
      site
        ? apiRequest(`/sites/${site.id}`, {
            method: 'PATCH',
            body: values,
            schema: siteSchema,
            headers: { 'If-Match': `"${site.version}"` },
          })
        : apiRequest('/sites', { method: 'POST', body: values, schema: siteSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: siteKeys.all }),
  });
}

export function useDeleteSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (site: Site) =>
      apiRequest(`/sites/${site.id}`, {
        method: 'DELETE',
        schema: z.undefined(),
        headers: { 'If-Match': `"${site.version}"` },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: siteKeys.all }),
        queryClient.invalidateQueries({ queryKey: floorKeys.all }),
      ]),
  });
}

export function useSetFloorSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ floor, siteId }: { floor: Floor; siteId: string | null }) =>
      apiRequest(`/floors/${floor.id}`, {
        method: 'PATCH',
        body: { siteId },
        schema: floorSchema,
        headers: { 'If-Match': `"${floor.version}"` },
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: floorKeys.all }),
        queryClient.invalidateQueries({ queryKey: siteKeys.all }),
      ]),
  });
}
