import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useT } from '../../../i18n/use-t.ts';
import type { FormValues } from './settings-form-values.ts';

/** E-mail to employees: the default language, the booking reminder and the time of the daily summary. */
export function NotificationFields({
  register,
  errors,
}: {
  register: UseFormRegister<FormValues>;
  errors: FieldErrors<FormValues>['notifications'];
}) {
  const t = useT();
  return (
    <fieldset className="card settings-group">
      <legend>{t('settings.mail')}</legend>
      <p className="field-hint">{t('settings.mailHint')}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="mail-language">{t('settings.mailLanguage')}</label>
          <select id="mail-language" {...register('notifications.defaultLanguage')}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="mail-summary-at">{t('settings.mailSummaryAt')}</label>
          <input
            id="mail-summary-at"
            className="time-input"
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
            aria-invalid={errors?.dailySummaryAt ? true : undefined}
            aria-describedby={errors?.dailySummaryAt ? 'mail-summary-at-error' : undefined}
            {...register('notifications.dailySummaryAt')}
          />
          {errors?.dailySummaryAt && (
            <p id="mail-summary-at-error" className="field-error">
              {errors.dailySummaryAt.message}
            </p>
          )}
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...register('notifications.remindersOn')} />
        {t('settings.mailRemindersOn')}
      </label>
      <div className="field field-narrow">
        <label htmlFor="mail-reminder">{t('settings.mailReminder')}</label>
        <input
          id="mail-reminder"
          type="number"
          min={5}
          max={1440}
          aria-invalid={errors?.reminderMinutes ? true : undefined}
          aria-describedby={errors?.reminderMinutes ? 'mail-reminder-error' : undefined}
          {...register('notifications.reminderMinutes', { valueAsNumber: true })}
        />
        {errors?.reminderMinutes && (
          <p id="mail-reminder-error" className="field-error">
            {errors.reminderMinutes.message}
          </p>
        )}
      </div>
    </fieldset>
  );
}
