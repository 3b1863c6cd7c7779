import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Settings } from '../../../../contract/settings.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { Choice, TextField } from '../../../components/form-parts.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { useSaveSettings, useSettings } from '../api/settings.ts';
import { formSchema, toForm, toValues, type FormValues } from './settings-form-values.ts';
import { UpgradeNotes } from './upgrade-notes.tsx';
import { BookingPolicyFields } from './booking-policy-fields.tsx';
import { NotificationFields } from './notification-fields.tsx';

export function SettingsForm() {
  const t = useT();
  const settings = useSettings();
  if (settings.isPending) return <LoadingPanel label={t('settings.loading')} />;
  if (settings.isError) return <ErrorPanel error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsEditor settings={settings.data} />;
}

function SettingsEditor({ settings }: { settings: Settings }) {
  const t = useT();
  const save = useSaveSettings();
  const zoneListId = useId();
  // The version the form shows and will send in If-Match. Someone else's save is followed while the
  // form has no unsaved edits; with edits, saving meets their version as a conflict instead.
  const [base, setBase] = useState(settings);
  const timeZones = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zones.includes(base.autoLogout.timeZone) ? zones : [base.autoLogout.timeZone, ...zones];
  }, [base.autoLogout.timeZone]);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isDirty },
  } = useForm<FormValues>({ defaultValues: toForm(settings), resolver: localized(zodResolver(formSchema)) });
  if (settings.version !== base.version && !isDirty && !save.isPending) setBase(settings);
  useEffect(() => reset(toForm(base)), [base, reset]);
  const stale = save.error?.code === 'version_conflict';

  // Turning works-council mode off shows one person's check-in history again: asked first, and audited as every save.
  const [privacyOff, setPrivacyOff] = useState<FormValues | null>(null);
  const send = (form: FormValues) => save.mutate({ base, values: toValues(form) }, { onSuccess: setBase });
  const submit = handleSubmit((form) => {
    if (base.privacy.aggregateOnly && !form.privacy.aggregateOnly) setPrivacyOff(form);
    else send(form);
  });
  const methodsError =
    (errors.loginMethods as { message?: string } | undefined)?.message ?? errors.loginMethods?.root?.message;

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <UnsavedChangesGuard dirty={isDirty && !save.isPending} message={t('unsaved.settings')} />
      <UpgradeNotes notes={base.upgradeNotes} />
      <fieldset className="card settings-group" aria-describedby={methodsError ? 'methods-error' : undefined}>
        <legend>{t('settings.methods')}</legend>
        <Choice {...register('loginMethods.desk')} label={t('settings.methodDesk')} />
        <Choice {...register('loginMethods.computer')} label={t('settings.methodComputer')} />
        <Choice {...register('loginMethods.thinclient')} label={t('settings.methodThinClient')} />
        <Choice {...register('loginMethods.phone')} label={t('settings.methodPhone')} />
        <div className="field-row">
          <TextField
            id="keypad-login"
            label={t('settings.loginCode')}
            inputMode="tel"
            hint={t('settings.loginCodeHint')}
            error={errors.keypad?.loginCode?.message}
            {...register('keypad.loginCode')}
          />
          <TextField
            id="keypad-logout"
            label={t('settings.logoutCode')}
            inputMode="tel"
            error={errors.keypad?.logoutCode?.message ?? errors.keypad?.root?.message}
            {...register('keypad.logoutCode')}
          />
        </div>
        <TextField
          id="token-days"
          fieldClassName="field-narrow"
          label={t('settings.tokenDays')}
          type="number"
          min={7}
          max={3650}
          hint={t('settings.tokenDaysHint')}
          error={errors.tokens?.lifetimeDays?.message}
          {...register('tokens.lifetimeDays', { valueAsNumber: true })}
        />
        {methodsError && (
          <p id="methods-error" className="field-error" role="alert">
            {methodsError}
          </p>
        )}
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.device')}</legend>
        <p className="field-hint">{t('settings.deviceHint')}</p>
        <div className="field-row">
          <TextField
            id="device-text"
            label={t('settings.deviceLabel')}
            error={errors.device?.text?.message}
            {...register('device.text')}
          />
          <TextField
            id="device-app"
            label={t('settings.deviceApp')}
            error={errors.device?.app?.message}
            {...register('device.app')}
          />
        </div>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.secondDesk')}</legend>
        <Choice type="radio" value="move" {...register('policies.secondDesk')} label={t('settings.secondMove')} />
        <Choice type="radio" value="refuse" {...register('policies.secondDesk')} label={t('settings.secondRefuse')} />
        <Choice type="radio" value="allow" {...register('policies.secondDesk')} label={t('settings.secondAllow')} />
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.occupied')}</legend>
        <Choice
          type="radio"
          value="takeover"
          {...register('policies.occupiedDesk')}
          label={t('settings.occupiedTakeOver')}
        />
        <Choice
          type="radio"
          value="refuse"
          {...register('policies.occupiedDesk')}
          label={t('settings.occupiedRefuse')}
        />
      </fieldset>

      <BookingPolicyFields register={register} errors={errors.bookings} />
      <NotificationFields register={register} errors={errors.notifications} />

      <fieldset className="card settings-group">
        <legend>{t('settings.autoLogout')}</legend>
        <Choice {...register('autoLogout.dailyOn')} label={t('settings.daily')} />
        <div className="field-row">
          {/* Typed, not a browser time picker: that follows the browser's own language (12-hour in an English
              Chromium) rather than the console's, and the logout time is one 24-hour time in either language. */}
          <TextField
            id="daily-at"
            label={t('settings.dailyAt')}
            className="time-input"
            inputMode="numeric"
            maxLength={5}
            hint={t('settings.dailyAtHint')}
            error={errors.autoLogout?.dailyAt?.message}
            {...register('autoLogout.dailyAt')}
          />
          <TextField
            id="time-zone"
            label={t('settings.timeZone')}
            list={zoneListId}
            spellCheck={false}
            hint={t('settings.timeZoneHint')}
            error={errors.autoLogout?.timeZone?.message}
            after={
              <datalist id={zoneListId}>
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            }
            {...register('autoLogout.timeZone')}
          />
        </div>
        <Choice {...register('autoLogout.maxOn')} label={t('settings.maxOn')} />
        <TextField
          id="max-hours"
          fieldClassName="field-narrow"
          label={t('settings.hours')}
          type="number"
          min={1}
          max={168}
          error={errors.autoLogout?.maxHours?.message}
          {...register('autoLogout.maxHours', { valueAsNumber: true })}
        />
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.phones')}</legend>
        <Choice {...register('phones.baseObjects')} label={t('settings.baseObjects')} />
        <Choice {...register('phones.locationFollowsDesk')} label={t('settings.locationFollows')} />
        <div className="field-row">
          <TextField
            id="base-node"
            label={t('settings.baseNode')}
            placeholder={t('settings.pbxDefault')}
            error={errors.phones?.baseNode?.message}
            {...register('phones.baseNode')}
          />
          <TextField
            id="base-config"
            label={t('settings.baseConfig')}
            placeholder={t('settings.pbxDefault')}
            error={errors.phones?.baseConfig?.message}
            {...register('phones.baseConfig')}
          />
        </div>
        <p className="field-hint">{t('settings.waitHint')}</p>
        <div className="field-row">
          <TextField
            id="max-wait"
            label={t('settings.maxWait')}
            type="number"
            min={0}
            max={1440}
            error={errors.phones?.maxWaitMinutes?.message}
            {...register('phones.maxWaitMinutes', { valueAsNumber: true })}
          />
          <TextField
            id="callback-minutes"
            label={t('settings.callback')}
            type="number"
            min={0}
            max={240}
            error={errors.phones?.callbackMinutes?.message}
            {...register('phones.callbackMinutes', { valueAsNumber: true })}
          />
        </div>
        <TextField
          id="emergency-numbers"
          label={t('settings.emergencyNumbers')}
          hint={t('settings.emergencyHint')}
          error={errors.phones?.emergencyNumbers?.message}
          {...register('phones.emergencyNumbers')}
        />
        <TextField
          id="webhook-url"
          label={t('settings.webhook')}
          type="url"
          placeholder="https://security.example.com/hooks/emergency"
          error={errors.phones?.webhookUrl?.message}
          {...register('phones.webhookUrl')}
        />
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.privacy')}</legend>
        <p className="field-hint">{t('settings.privacyHint')}</p>
        <Choice {...register('privacy.aggregateOnly')} label={t('settings.aggregateOnly')} />
        <p className="field-hint">{t('settings.emergencyOverrides')}</p>
        <Choice {...register('privacy.retentionOn')} label={t('settings.retentionOn')} />
        <div className="field field-narrow">
          <label htmlFor="retention-days">{t('settings.retention')}</label>
          <input
            id="retention-days"
            type="number"
            min={7}
            max={3650}
            aria-invalid={errors.privacy?.retentionDays ? true : undefined}
            {...register('privacy.retentionDays', { valueAsNumber: true })}
          />
          {errors.privacy?.retentionDays && <p className="field-error">{errors.privacy.retentionDays.message}</p>}
        </div>
      </fieldset>

      <div className="form-actions form-actions-sticky">
        {stale && (
          <div className="alert alert-warning" role="alert">
            <p>{t('settings.stale')}</p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('settings.loadTheirs')}
            </button>
          </div>
        )}
        {save.isError && !stale && (
          <div className="alert alert-error" role="alert">
            {save.error.message}
          </div>
        )}
        {save.isSuccess && !isDirty && (
          <p className="alert alert-success" role="status">
            {t('settings.saved')}
          </p>
        )}
        {isDirty && !save.isPending && !save.isError && <p className="muted">{t('settings.unsavedNote')}</p>}
        <button type="submit" className="button button-primary" disabled={save.isPending || !isDirty}>
          {save.isPending ? t('common.saving') : t('settings.save')}
        </button>
      </div>
      <ConfirmDialog
        open={privacyOff !== null}
        title={t('settings.privacyOffTitle')}
        confirmLabel={t('settings.privacyOffConfirm')}
        danger
        onCancel={() => setPrivacyOff(null)}
        onConfirm={() => {
          if (privacyOff) send(privacyOff);
          setPrivacyOff(null);
        }}
      >
        <p>{t('settings.privacyOffBody')}</p>
      </ConfirmDialog>
    </form>
  );
}
