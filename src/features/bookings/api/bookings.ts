import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  availabilitySchema,
  bookingListSchema,
  bookingSchema,
  calendarFeedCreatedSchema,
  calendarFeedSchema,
  createBookingResponseSchema,
  myBookingsSchema,
  type CreateBooking,
} from '../../../../contract/bookings.ts';
import { z } from '../../../../contract/zod.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { bookingKeys, meKeys } from '../../../lib/query-keys.ts';

const search = (params: Record<string, string>) =>
  new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();

export const bookingQueries = {
  mine: () =>
    queryOptions({
      queryKey: meKeys.bookings(),
      queryFn: ({ signal }) => apiRequest('/me/bookings', { schema: myBookingsSchema, signal }),
    }),
  list: (params: { floorId: string; from: string; to: string }) =>
    queryOptions({
      queryKey: bookingKeys.list(params),
      queryFn: ({ signal }) => apiRequest(`/bookings?${search(params)}`, { schema: bookingListSchema, signal }),
    }),
  availability: (params: { floorId: string; q: string; from: string; to: string }) =>
    queryOptions({
      queryKey: bookingKeys.availability(params),
      queryFn: ({ signal }) =>
        apiRequest(`/bookings/availability?${search(params)}`, { schema: availabilitySchema, signal }),
    }),
};

export const useCalendarFeed = () =>
  useQuery({
    queryKey: [...meKeys.bookings(), 'calendar-feed'],
    queryFn: ({ signal }) => apiRequest('/me/calendar-feed', { schema: calendarFeedSchema, signal }),
  });

export function useRenewCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/me/calendar-feed', { method: 'POST', schema: calendarFeedCreatedSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...meKeys.bookings(), 'calendar-feed'] }),
  });
}

export function useStopCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/me/calendar-feed', { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...meKeys.bookings(), 'calendar-feed'] }),
  });
}

export const useMyBookings = (enabled = true) => useQuery({ ...bookingQueries.mine(), enabled });
export const useBookings = (params: { floorId: string; from: string; to: string }) =>
  useQuery({ ...bookingQueries.list(params), placeholderData: keepPreviousData });
export const useAvailability = (params: { floorId: string; q: string; from: string; to: string } | null) =>
  useQuery({
    ...bookingQueries.availability(params ?? { floorId: '', q: '', from: '', to: '' }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });

/** A booking made or cancelled changes one's own list, the lists of all and which desks are free. */
function useInvalidateBookings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
      queryClient.invalidateQueries({ queryKey: meKeys.bookings() }),
    ]);
}

export function useCreateBooking() {
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: (booking: CreateBooking) =>
      apiRequest('/bookings', { method: 'POST', body: booking, schema: createBookingResponseSchema }),
    onSettled: invalidate,
  });
}

export function useExtendBooking() {
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, end }: { id: string; end: string }) =>
      apiRequest(`/bookings/${encodeURIComponent(id)}`, { method: 'PATCH', body: { end }, schema: bookingSchema }),
    onSettled: invalidate,
  });
}

export function useCancelBooking() {
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/bookings/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.undefined() }),
    onSettled: invalidate,
  });
}
