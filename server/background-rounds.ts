import { settleBookings, type BookingDeps } from './bookings/booking-service.ts';
import type { DeskOccupancyService } from './occupancy/desk-occupancy.ts';
import { errorField, log } from './lib/log.ts';
import type { Pbx } from './pbx/pbx.ts';

/**
 * The rounds every instance runs on a timer: the automatic logout (the leader's, as are the moves another
 * instance left open when it died), and settling bookings whose confirmation window closed (every instance,
 * each booking once: server/bookings/booking-store.ts). Answers the function that stops them.
 */
export function startRounds({
  occupancy,
  pbx,
  leads,
  bookings,
  autoLogoutIntervalMs = 30_000,
  bookingIntervalMs = 15_000,
}: {
  occupancy: DeskOccupancyService;
  pbx: Pbx;
  leads: () => boolean;
  bookings: BookingDeps;
  autoLogoutIntervalMs?: number | undefined;
  bookingIntervalMs?: number | undefined;
}): () => void {
  const autoLogout = setInterval(() => {
    void occupancy
      .runAutoLogout()
      .catch((error: unknown) => log.error({ error: errorField(error) }, 'automatic logout failed'));
    if (leads())
      void pbx
        .repairAbandonedMoves()
        .catch((error: unknown) => log.error({ error: errorField(error) }, 'repairing abandoned moves failed'));
  }, autoLogoutIntervalMs);
  autoLogout.unref();
  const bookingRound = setInterval(() => {
    void settleBookings(bookings).catch((error: unknown) =>
      log.error({ error: errorField(error) }, 'settling bookings failed'),
    );
  }, bookingIntervalMs);
  bookingRound.unref();
  return () => {
    clearInterval(autoLogout);
    clearInterval(bookingRound);
  };
}
