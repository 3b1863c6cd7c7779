import type { ReactNode } from 'react';
import type { Booking } from '../../../../contract/bookings.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { useT } from '../../../i18n/use-t.ts';
import type { useCancelBooking } from '../api/bookings.ts';

/** "Cancel the booking of B1-0.02?" with "Keep booking" and "Cancel booking"; `booking` null: closed. */
export function CancelBookingDialog({
  booking,
  cancel,
  onClose,
  children,
}: {
  booking: Booking | null;
  cancel: ReturnType<typeof useCancelBooking>;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <ConfirmDialog
      open={booking !== null}
      title={t('bookings.cancelTitle', { desk: booking?.deskName ?? '' })}
      confirmLabel={t('bookings.cancel')}
      cancelLabel={t('bookings.keep')}
      danger
      busy={cancel.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (booking) cancel.mutate(booking.id, { onSettled: onClose });
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
