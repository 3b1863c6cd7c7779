import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useT } from '../../../i18n/use-t.ts';
import type { FormValues } from './settings-form-values.ts';
import { Choice, TextField } from '../../../components/form-parts.tsx';

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
        <TextField
          id="mail-summary-at"
          label={t('settings.mailSummaryAt')}
          className="time-input"
          inputMode="numeric"
          maxLength={5}
          error={errors?.dailySummaryAt?.message}
          {...register('notifications.dailySummaryAt')}
        />
      </div>
      <Choice {...register('notifications.remindersOn')} label={t('settings.mailRemindersOn')} />
      <TextField
        id="mail-reminder"
        fieldClassName="field-narrow"
        label={t('settings.mailReminder')}
        type="number"
        min={5}
        max={1440}
        error={errors?.reminderMinutes?.message}
        {...register('notifications.reminderMinutes', { valueAsNumber: true })}
      />
    </fieldset>
  );
}
