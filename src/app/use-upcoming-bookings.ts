import { useBookings } from '../features/bookings/api/bookings.ts';
import { useNow } from '../lib/use-now.ts';

/** A desk's booking of now or the next hours, as the board and the live map show it. */
export interface UpcomingBooking {
  person: string | null;
  start: string;
  end: string;
  confirmed: boolean;
}

/**
 * Each desk's first booking (booked or confirmed) running now or starting within the next twelve hours. The
 * query's key changes once an hour; live events refetch it on every change.
 */
export function useUpcomingBookings(): ReadonlyMap<string, UpcomingBooking> {
  const now = useNow();
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const bookings = useBookings({
    floorId: '',
    from: new Date(hour).toISOString(),
    to: new Date(hour + 12 * 3_600_000).toISOString(),
  });
  const upcoming = new Map<string, UpcomingBooking>();
  for (const booking of bookings.data?.bookings ?? []) {
    const active = booking.state === 'booked' || booking.state === 'confirmed';
    if (!active || Date.parse(booking.end) <= now || upcoming.has(booking.deskId)) continue;
    upcoming.set(booking.deskId, {
      person: booking.person?.displayName ?? null,
      start: booking.start,
      end: booking.end,
      confirmed: booking.state === 'confirmed',
    });
  }
  return upcoming;
}
