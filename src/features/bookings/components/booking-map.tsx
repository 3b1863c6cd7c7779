import type { BookableDesk } from '../../../../contract/bookings.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';

const STATE_LABELS = {
  free: 'bookings.mapFree',
  mine: 'bookings.statusMine',
  booked: 'bookings.statusBooked',
  reserved: 'bookings.statusReserved',
  walk_in: 'bookings.statusWalkIn',
} as const;

/**
 * One floor's plan with its desks for the time chosen, by colour and by text (each desk a button named with its
 * state): a free one books at a tap, as in the list. Desks not placed on the plan are in the list only.
 */
export function BookingMap({
  floorId,
  floorName,
  desks,
  busy,
  onBook,
}: {
  floorId: string;
  floorName: string;
  desks: readonly BookableDesk[];
  busy: boolean;
  onBook: (desk: BookableDesk) => void;
}) {
  const t = useT();
  const plan = useResourceUrl(`/api/v1/floors/${floorId}/plan`);
  const placed = desks.filter((desk) => desk.x !== null && desk.y !== null);
  if (placed.length === 0) return <p className="muted">{t('bookings.mapNoPlaces')}</p>;
  return (
    <figure className="booking-map" aria-label={t('bookings.mapTitle', { floor: floorName })}>
      <div className="plan-frame">
        {plan ? <img src={plan} alt="" /> : <div className="plan-frame-blank" />}
        {placed.map((desk) => {
          const state = t(STATE_LABELS[desk.status]);
          return (
            <button
              key={desk.id}
              type="button"
              className={`booking-map-desk booking-map-${desk.status}`}
              style={{ left: `${(desk.x ?? 0) * 100}%`, top: `${(desk.y ?? 0) * 100}%` }}
              disabled={desk.status !== 'free' || busy}
              aria-label={
                desk.status === 'free'
                  ? t('bookings.mapBook', { desk: desk.name })
                  : t('bookings.mapDesk', { desk: desk.name, state })
              }
              title={`${desk.name}: ${state}`}
              onClick={() => onBook(desk)}
            >
              {desk.name.split(/[-.]/).at(-1)}
            </button>
          );
        })}
      </div>
      <figcaption className="booking-map-legend">
        {(['free', 'mine', 'booked', 'reserved'] as const).map((status) => (
          <span key={status}>
            <span className={`booking-map-swatch booking-map-${status}`} aria-hidden="true" />
            {t(STATE_LABELS[status])}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
