import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatNumber } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useBookingFigures } from '../api/insights.ts';

/** Bookings of the range: how many were made, kept, released because nobody came, and cancelled. */
export function BookingFigures({
  range,
  where,
}: {
  range: { from: string; to: string; floorId: string };
  where: string;
}) {
  const t = useT();
  const figures = useBookingFigures(range);
  return (
    <section className="card" aria-labelledby="booking-figures">
      <h2 id="booking-figures">{t('insights.bookings', { where })}</h2>
      {figures.isPending ? (
        <LoadingPanel label={t('common.loading')} />
      ) : figures.isError ? (
        <ErrorPanel error={figures.error} onRetry={() => void figures.refetch()} />
      ) : figures.data.made === 0 ? (
        <p className="muted">{t('insights.noBookings')}</p>
      ) : (
        <dl className="figures">
          <div>
            <dt>{t('insights.bookingsMade')}</dt>
            <dd>{formatNumber(figures.data.made)}</dd>
          </div>
          <div>
            <dt>{t('insights.bookingsConfirmed')}</dt>
            <dd>{formatNumber(figures.data.confirmed)}</dd>
          </div>
          <div>
            <dt>{t('insights.bookingsReleased')}</dt>
            <dd>{formatNumber(figures.data.released)}</dd>
          </div>
          <div>
            <dt>{t('insights.bookingsWaiting')}</dt>
            <dd>{formatNumber(figures.data.booked)}</dd>
          </div>
          <div>
            <dt>{t('insights.bookingsCancelled')}</dt>
            <dd>{formatNumber(figures.data.cancelled)}</dd>
          </div>
          <div>
            <dt>{t('insights.noShowRate')}</dt>
            <dd>{figures.data.noShowRate === null ? '—' : t('table.percent', { value: figures.data.noShowRate })}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
