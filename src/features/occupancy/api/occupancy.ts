import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zoneListResponseSchema } from '../../../../contract/floors.ts';
import {
  emergencyAlertListSchema,
  emergencyAlertSchema,
  emergencyNoticeListSchema,
  emergencyNoticeRecordSchema,
  forceLogoutResponseSchema,
  occupancyResponseSchema,
  type OnBehalfCheckinRequest,
} from '../../../../contract/occupancy.ts';
import { checkinResponseSchema } from '../../../../contract/checkin.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { meKeys, occupancyKeys, zoneKeys } from '../../../lib/query-keys.ts';

export const occupancyQueries = {
  list: () =>
    queryOptions({
      queryKey: occupancyKeys.board(),
      queryFn: ({ signal }) => apiRequest('/occupancy', { schema: occupancyResponseSchema, signal }),
      staleTime: 5_000,
    }),
};

/** Every zone, for the board's zone filter. */
export function useAllZones() {
  return useQuery({
    queryKey: zoneKeys.list(),
    queryFn: async ({ signal }) => (await apiRequest('/zones', { schema: zoneListResponseSchema, signal })).zones,
  });
}

export function useOccupancy() {
  return useQuery(occupancyQueries.list());
}

export function useForceLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    /** `evenDuringCall`: the second confirmation given, people on a call are logged out at once (the call ends). */
    mutationFn: ({
      deskIds,
      evenDuringCall = false,
      note = '',
    }: {
      deskIds: string[];
      evenDuringCall?: boolean;
      /** Why, told to each person by e-mail; empty: none given. */
      note?: string;
    }) =>
      apiRequest('/occupancy/logout', {
        method: 'POST',
        body: { deskIds, evenDuringCall, ...(note === '' ? {} : { note }) },
        schema: forceLogoutResponseSchema,
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: occupancyKeys.board() }),
        queryClient.invalidateQueries({ queryKey: meKeys.desk() }),
      ]),
  });
}

/** Helpdesk or an administrator checks someone in at a desk. */
export function useCheckinOnBehalf() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OnBehalfCheckinRequest) =>
      apiRequest('/occupancy/checkin', { method: 'POST', body: request, schema: checkinResponseSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: occupancyKeys.board() }),
  });
}

/** GET /occupancy/emergency-notices (administrators): how telling security of each emergency call went. */
export function useEmergencyNotices() {
  return useQuery({
    queryKey: occupancyKeys.notices(),
    queryFn: async ({ signal }) =>
      (await apiRequest('/occupancy/emergency-notices', { schema: emergencyNoticeListSchema, signal })).notices,
  });
}

/** The emergency alerts nobody acknowledged yet (helpdesk, admin): live, and looked at again every 10 s. */
export function useEmergencyAlerts() {
  return useQuery({
    queryKey: occupancyKeys.alerts(),
    queryFn: async ({ signal }) =>
      (await apiRequest('/emergencies', { schema: emergencyAlertListSchema, signal })).alerts,
    refetchInterval: 10_000,
  });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/emergencies/${encodeURIComponent(id)}/acknowledge`, {
        method: 'POST',
        schema: emergencyAlertSchema,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: occupancyKeys.alerts() }),
  });
}

/** Sends a notice that was given up on again. */
export function useRetryEmergencyNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/occupancy/emergency-notices/${encodeURIComponent(id)}/retry`, {
        method: 'POST',
        schema: emergencyNoticeRecordSchema,
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: occupancyKeys.notices() }),
        queryClient.invalidateQueries({ queryKey: occupancyKeys.board() }),
      ]),
  });
}
