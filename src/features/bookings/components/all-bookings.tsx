import { useState } from 'react';
import { addDays } from '../../../../contract/office-hours.ts';
import type { Booking } from '../../../../contract/bookings.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatDay, formatTimeIn } from '../../../i18n/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useBookings, useCancelBooking } from '../api/bookings.ts';
import { dayRange, officeDay } from '../booking-times.ts';
import { BookingState } from './booking-state.tsx';
import { CancelBookingDialog } from './cancel-booking-dialog.tsx';
import { bookingWhen } from './my-bookings.tsx';

const matches = (booking: Booking, words: string[]) => {
  const text = [
    booking.deskName,
    booking.floorName ?? '',
    booking.person?.displayName ?? '',
    booking.person?.name ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
};

/** Staff: every booking of a day, with its person and state; helpdesk and administrators cancel from here. */
export function AllBookings({ timeZone, canCancel }: { timeZone: string; canCancel: boolean }) {
  const t = useT();
  const now = useNow();
  const [day, setDay] = useState(() => officeDay(now, timeZone));
  const [filter, setFilter] = useState('');
  const bookings = useBookings({ floorId: '', ...dayRange(day, timeZone) });
  const cancel = useCancelBooking();
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = (bookings.data?.bookings ?? []).filter((booking) => matches(booking, words));

  return (
    <section className="card all-bookings" aria-labelledby="all-bookings-title">
      <h2 id="all-bookings-title">{t('bookings.allTitle', { day: formatDay(day) })}</h2>
      <div className="toolbar">
        <div className="button-row">
          <button type="button" className="button button-small" onClick={() => setDay(addDays(day, -1))}>
            {t('bookings.previousDay')}
          </button>
          <input
            type="date"
            aria-label={t('bookings.dayLabel')}
            value={day}
            onChange={(event) => event.target.value !== '' && setDay(event.target.value)}
          />
          <button type="button" className="button button-small" onClick={() => setDay(addDays(day, 1))}>
            {t('bookings.nextDay')}
          </button>
        </div>
        <div className="field">
          <label htmlFor="all-bookings-filter">{t('bookings.filter')}</label>
          <input
            id="all-bookings-filter"
            type="search"
            autoComplete="off"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      </div>
      {bookings.isPending ? (
        <LoadingPanel label={t('bookings.loadingAll')} />
      ) : bookings.isError ? (
        <ErrorPanel error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : rows.length === 0 ? (
        <p className="muted">{words.length > 0 ? t('bookings.noneMatch') : t('bookings.noneDay')}</p>
      ) : (
        <div className="panel">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('bookings.colTime')}</th>
                <th scope="col">{t('bookings.colDesk')}</th>
                <th scope="col">{t('bookings.colPerson')}</th>
                <th scope="col">{t('bookings.colState')}</th>
                <th scope="col">{t('bookings.colBookedBy')}</th>
                {canCancel && (
                  <th scope="col">
                    <span className="visually-hidden">{t('bookings.colActions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((booking) => (
                <tr key={booking.id}>
                  <td className="nowrap">
                    {formatTimeIn(booking.start, timeZone)}–{formatTimeIn(booking.end, timeZone)}
                  </td>
                  <td>
                    {booking.deskName}
                    {booking.floorName && <span className="muted"> · {booking.floorName}</span>}
                  </td>
                  <td>{booking.person?.displayName ?? '—'}</td>
                  <td>
                    <BookingState state={booking.state} />
                  </td>
                  <td>{booking.bookedBy ?? '—'}</td>
                  {canCancel && (
                    <td>
                      {(booking.state === 'booked' || booking.state === 'confirmed') &&
                        Date.parse(booking.end) > now && (
                          <button
                            type="button"
                            className="button button-small button-quiet-danger"
                            aria-label={t('bookings.cancelOf', {
                              desk: booking.deskName,
                              name: booking.person?.displayName ?? '',
                            })}
                            onClick={() => setCancelling(booking)}
                          >
                            {t('bookings.cancel')}
                          </button>
                        )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cancel.isError && (
        <p className="field-error" role="alert">
          {cancel.error.message}
        </p>
      )}
      <CancelBookingDialog booking={cancelling} cancel={cancel} onClose={() => setCancelling(null)}>
        <p>
          {cancelling
            ? t('bookings.cancelOfBody', {
                name: cancelling.person?.displayName ?? '',
                when: bookingWhen(cancelling, timeZone),
              })
            : ''}
        </p>
      </CancelBookingDialog>
    </section>
  );
}
