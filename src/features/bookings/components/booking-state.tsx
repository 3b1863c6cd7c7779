import type { BookingState as State } from '../../../../contract/bookings.ts';
import { useT } from '../../../i18n/use-t.ts';

const CLASS: Record<State, string> = {
  booked: 'badge-neutral',
  confirmed: 'badge-ok',
  released: 'badge-refused',
  cancelled: 'badge-muted',
};

/** A booking's state in words (the colour only repeats them). */
export function BookingState({ state }: { state: State }) {
  const t = useT();
  const label = {
    booked: t('bookings.stateBooked'),
    confirmed: t('bookings.stateConfirmed'),
    released: t('bookings.stateReleased'),
    cancelled: t('bookings.stateCancelled'),
  }[state];
  return <span className={`badge ${CLASS[state]}`}>{label}</span>;
}
