import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  bookingFiguresSchema,
  utilisationResponseSchema,
  type UtilisationGroupBy,
  type UtilisationInterval,
} from '../../../../contract/analytics.ts';
import { floorListResponseSchema } from '../../../../contract/floors.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { floorKeys, insightsKeys } from '../../../lib/query-keys.ts';

export interface InsightsQuery {
  from: string;
  to: string;
  groupBy: UtilisationGroupBy;
  interval: UtilisationInterval;
  /** Empty: every floor. */
  floorId: string;
}

export const utilisationPath = (query: InsightsQuery, csv = false) => {
  const params = new URLSearchParams({
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    interval: query.interval,
  });
  if (query.floorId !== '') params.set('floorId', query.floorId);
  return `/analytics/utilisation${csv ? '.csv' : ''}?${params.toString()}`;
};

export function useUtilisation(query: InsightsQuery) {
  return useQuery({
    queryKey: insightsKeys.utilisation(query),
    queryFn: ({ signal }) => apiRequest(utilisationPath(query), { schema: utilisationResponseSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** How the bookings of the range went (made, confirmed, released, cancelled; the no-show rate). */
export function useBookingFigures(range: { from: string; to: string; floorId: string }) {
  return useQuery({
    queryKey: [...insightsKeys.all, 'bookings', range],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ from: range.from, to: range.to });
      if (range.floorId !== '') params.set('floorId', range.floorId);
      return apiRequest(`/analytics/bookings?${params.toString()}`, { schema: bookingFiguresSchema, signal });
    },
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** The floors, for the floor filter (the same cache entry as the floor maps'). */
export function useInsightFloors() {
  return useQuery({
    queryKey: floorKeys.list(),
    queryFn: async ({ signal }) => (await apiRequest('/floors', { schema: floorListResponseSchema, signal })).floors,
  });
}
