import { useState } from 'react';
import type { Booking } from '../../../../contract/bookings.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatDay, formatTimeIn } from '../../../i18n/format.ts';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useCancelBooking, useExtendBooking, useMyBookings } from '../api/bookings.ts';
import { officeDay } from '../booking-times.ts';
import { BookingState } from './booking-state.tsx';
import { CancelBookingDialog } from './cancel-booking-dialog.tsx';

/** When a booking is: Tue, 8 Dec, 08:00–18:00. */
export function bookingWhen(booking: Booking, timeZone: string): string {
  return `${formatDay(officeDay(Date.parse(booking.start), timeZone))}, ${formatTimeIn(booking.start, timeZone)}–${formatTimeIn(booking.end, timeZone)}`;
}

/** One's bookings from today on: when, where, whether confirmed, how to confirm, and cancelling. */
export function MyBookings({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const mine = useMyBookings();
  const now = useNow();
  const cancel = useCancelBooking();
  const extend = useExtendBooking();
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  if (mine.isPending) return <LoadingPanel label={t('bookings.loadingMine')} />;
  if (mine.isError) return <ErrorPanel error={mine.error} onRetry={() => void mine.refetch()} />;
  const { timeZone } = mine.data.policy;
  const shown = compact
    ? mine.data.bookings.filter(
        (booking) => officeDay(Date.parse(booking.start), timeZone) === officeDay(now, timeZone),
      )
    : mine.data.bookings;
  if (compact && shown.length === 0) return null;
  return (
    <section className="card my-bookings" aria-labelledby="my-bookings-title">
      <h2 id="my-bookings-title">{compact ? t('bookings.todayTitle') : t('bookings.mine')}</h2>
      {shown.length === 0 ? (
        <p className="muted">{t('bookings.noneMine')}</p>
      ) : (
        <ul className="booking-list">
          {shown.map((booking) => {
            const open = booking.state === 'booked' && Date.parse(booking.confirmUntil) > now;
            return (
              <li key={booking.id}>
                <div className="booking-main">
                  <strong>{booking.deskName}</strong>
                  {booking.floorName && <span className="muted"> · {booking.floorName}</span>}
                  <span className="booking-when">{bookingWhen(booking, timeZone)}</span>
                  <BookingState state={booking.state} />
                  {open && (
                    <span className="muted booking-hint">
                      {t('bookings.confirmHow', {
                        from: formatTimeIn(booking.confirmFrom, timeZone),
                        to: formatTimeIn(booking.confirmUntil, timeZone),
                      })}
                    </span>
                  )}
                  {booking.state === 'released' && (
                    <span className="muted booking-hint">{t('bookings.releasedHint')}</span>
                  )}
                </div>
                {(booking.state === 'booked' || booking.state === 'confirmed') && Date.parse(booking.end) > now && (
                  <div className="button-row">
                    {Date.parse(booking.start) <= now && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={extend.isPending}
                        onClick={() =>
                          extend.mutate({
                            id: booking.id,
                            end: new Date(Date.parse(booking.end) + 3_600_000).toISOString(),
                          })
                        }
                      >
                        {t('bookings.extend')}
                      </button>
                    )}
                    <a
                      className="button button-small"
                      href={`/api/v1/bookings/${booking.id}/calendar.ics`}
                      download="booking.ics"
                      onClick={(event) =>
                        downloadWithBearer(event, `/api/v1/bookings/${booking.id}/calendar.ics`, 'booking.ics')
                      }
                    >
                      {t('bookings.addToCalendar')}
                    </a>
                    <button
                      type="button"
                      className="button button-small button-quiet-danger"
                      onClick={() => setCancelling(booking)}
                    >
                      {t('bookings.cancel')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {(cancel.error ?? extend.error) && (
        <p className="field-error" role="alert">
          {(cancel.error ?? extend.error)?.message}
        </p>
      )}
      {extend.data && !extend.isPending && (
        <p className="muted" role="status">
          {t('bookings.extended', { desk: extend.data.deskName, to: formatTimeIn(extend.data.end, timeZone) })}
        </p>
      )}
      <CancelBookingDialog booking={cancelling} cancel={cancel} onClose={() => setCancelling(null)}>
        <p>{cancelling ? bookingWhen(cancelling, timeZone) : ''}</p>
      </CancelBookingDialog>
    </section>
  );
}
