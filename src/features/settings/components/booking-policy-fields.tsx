import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useT } from '../../../i18n/use-t.ts';
import type { FormValues } from './settings-form-values.ts';
import { Choice, TextField } from '../../../components/form-parts.tsx';

type NumberKey =
  | 'horizonDays'
  | 'maxPerWeek'
  | 'minNoticeMinutes'
  | 'confirmBeforeMinutes'
  | 'confirmAfterMinutes'
  | 'walkInGuardMinutes';

/** The booking policy: how far ahead, how often, and the window in which checking in confirms a booking. */
export function BookingPolicyFields({
  register,
  errors,
}: {
  register: UseFormRegister<FormValues>;
  errors: FieldErrors<FormValues>['bookings'];
}) {
  const t = useT();
  const number = (key: NumberKey, label: string, min: number, max: number) => (
    <TextField
      id={`booking-${key}`}
      label={label}
      type="number"
      min={min}
      max={max}
      error={errors?.[key]?.message}
      {...register(`bookings.${key}`, { valueAsNumber: true })}
    />
  );
  return (
    <fieldset className="card settings-group">
      <legend>{t('settings.bookings')}</legend>
      <p className="field-hint">{t('settings.bookingsHint')}</p>
      <div className="field-row">
        {number('horizonDays', t('settings.bookingHorizon'), 0, 365)}
        {number('minNoticeMinutes', t('settings.bookingNotice'), 0, 1440)}
      </div>
      <Choice {...register('bookings.maxPerWeekOn')} label={t('settings.bookingMaxOn')} />
      <div className="field-narrow">{number('maxPerWeek', t('settings.bookingMax'), 1, 50)}</div>
      <p className="field-hint">{t('settings.bookingWindowHint')}</p>
      <div className="field-row">
        {number('confirmBeforeMinutes', t('settings.bookingBefore'), 0, 240)}
        {number('confirmAfterMinutes', t('settings.bookingAfter'), 5, 240)}
      </div>
      <Choice {...register('bookings.walkInGuardOn')} label={t('settings.bookingGuardOn')} />
      <div className="field-narrow">{number('walkInGuardMinutes', t('settings.bookingGuard'), 0, 1440)}</div>
      <Choice {...register('bookings.showOthers')} label={t('settings.bookingShowOthers')} />
    </fieldset>
  );
}
