import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Settings } from '../../../../contract/settings.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { TextField } from '../../../components/form-parts.tsx';
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
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.desk')} />
          {t('settings.methodDesk')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.computer')} />
          {t('settings.methodComputer')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.thinclient')} />
          {t('settings.methodThinClient')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.phone')} />
          {t('settings.methodPhone')}
        </label>
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
        <div className="field field-narrow">
          <label htmlFor="token-days">{t('settings.tokenDays')}</label>
          <input
            id="token-days"
            type="number"
            min={7}
            max={3650}
            aria-invalid={errors.tokens?.lifetimeDays ? true : undefined}
            aria-describedby="token-days-hint"
            {...register('tokens.lifetimeDays', { valueAsNumber: true })}
          />
          <p id="token-days-hint" className="field-hint">
            {t('settings.tokenDaysHint')}
          </p>
          {errors.tokens?.lifetimeDays && <p className="field-error">{errors.tokens.lifetimeDays.message}</p>}
        </div>
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
          <div className="field">
            <label htmlFor="device-text">{t('settings.deviceLabel')}</label>
            <input
              id="device-text"
              aria-invalid={errors.device?.text ? true : undefined}
              {...register('device.text')}
            />
            {errors.device?.text && <p className="field-error">{errors.device.text.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="device-app">{t('settings.deviceApp')}</label>
            <input id="device-app" aria-invalid={errors.device?.app ? true : undefined} {...register('device.app')} />
            {errors.device?.app && <p className="field-error">{errors.device.app.message}</p>}
          </div>
        </div>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.secondDesk')}</legend>
        <label className="checkbox">
          <input type="radio" value="move" {...register('policies.secondDesk')} />
          {t('settings.secondMove')}
        </label>
        <label className="checkbox">
          <input type="radio" value="refuse" {...register('policies.secondDesk')} />
          {t('settings.secondRefuse')}
        </label>
        <label className="checkbox">
          <input type="radio" value="allow" {...register('policies.secondDesk')} />
          {t('settings.secondAllow')}
        </label>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.occupied')}</legend>
        <label className="checkbox">
          <input type="radio" value="takeover" {...register('policies.occupiedDesk')} />
          {t('settings.occupiedTakeOver')}
        </label>
        <label className="checkbox">
          <input type="radio" value="refuse" {...register('policies.occupiedDesk')} />
          {t('settings.occupiedRefuse')}
        </label>
      </fieldset>

      <BookingPolicyFields register={register} errors={errors.bookings} />
      <NotificationFields register={register} errors={errors.notifications} />

      <fieldset className="card settings-group">
        <legend>{t('settings.autoLogout')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('autoLogout.dailyOn')} />
          {t('settings.daily')}
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor="daily-at">{t('settings.dailyAt')}</label>
            {/* Typed, not a browser time picker: that follows the browser's own language (12-hour in an English
                Chromium) rather than the console's, and the logout time is one 24-hour time in either language. */}
            <input
              id="daily-at"
              className="time-input"
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
              aria-describedby="daily-at-hint"
              aria-invalid={errors.autoLogout?.dailyAt ? true : undefined}
              {...register('autoLogout.dailyAt')}
            />
            <p id="daily-at-hint" className="field-hint">
              {t('settings.dailyAtHint')}
            </p>
            {errors.autoLogout?.dailyAt && <p className="field-error">{errors.autoLogout.dailyAt.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="time-zone">{t('settings.timeZone')}</label>
            <input
              id="time-zone"
              list={zoneListId}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="time-zone-hint"
              aria-invalid={errors.autoLogout?.timeZone ? true : undefined}
              {...register('autoLogout.timeZone')}
            />
            <datalist id={zoneListId}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <p id="time-zone-hint" className="field-hint">
              {t('settings.timeZoneHint')}
            </p>
            {errors.autoLogout?.timeZone && <p className="field-error">{errors.autoLogout.timeZone.message}</p>}
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('autoLogout.maxOn')} />
          {t('settings.maxOn')}
        </label>
        <div className="field field-narrow">
          <label htmlFor="max-hours">{t('settings.hours')}</label>
          <input
            id="max-hours"
            type="number"
            min={1}
            max={168}
            {...register('autoLogout.maxHours', { valueAsNumber: true })}
          />
          {errors.autoLogout?.maxHours && <p className="field-error">{errors.autoLogout.maxHours.message}</p>}
        </div>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.phones')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('phones.baseObjects')} />
          {t('settings.baseObjects')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('phones.locationFollowsDesk')} />
          {t('settings.locationFollows')}
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor="base-node">{t('settings.baseNode')}</label>
            <input id="base-node" placeholder={t('settings.pbxDefault')} {...register('phones.baseNode')} />
            {errors.phones?.baseNode && <p className="field-error">{errors.phones.baseNode.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="base-config">{t('settings.baseConfig')}</label>
            <input id="base-config" placeholder={t('settings.pbxDefault')} {...register('phones.baseConfig')} />
            {errors.phones?.baseConfig && <p className="field-error">{errors.phones.baseConfig.message}</p>}
          </div>
        </div>
        <p className="field-hint">{t('settings.waitHint')}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="max-wait">{t('settings.maxWait')}</label>
            <input
              id="max-wait"
              type="number"
              min={0}
              max={1440}
              aria-invalid={errors.phones?.maxWaitMinutes ? true : undefined}
              {...register('phones.maxWaitMinutes', { valueAsNumber: true })}
            />
            {errors.phones?.maxWaitMinutes && <p className="field-error">{errors.phones.maxWaitMinutes.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="callback-minutes">{t('settings.callback')}</label>
            <input
              id="callback-minutes"
              type="number"
              min={0}
              max={240}
              aria-invalid={errors.phones?.callbackMinutes ? true : undefined}
              {...register('phones.callbackMinutes', { valueAsNumber: true })}
            />
            {errors.phones?.callbackMinutes && <p className="field-error">{errors.phones.callbackMinutes.message}</p>}
          </div>
        </div>
        <div className="field">
          <label htmlFor="emergency-numbers">{t('settings.emergencyNumbers')}</label>
          <input
            id="emergency-numbers"
            aria-invalid={errors.phones?.emergencyNumbers ? true : undefined}
            aria-describedby="emergency-hint"
            {...register('phones.emergencyNumbers')}
          />
          {errors.phones?.emergencyNumbers && <p className="field-error">{errors.phones.emergencyNumbers.message}</p>}
        </div>
        <p id="emergency-hint" className="field-hint">
          {t('settings.emergencyHint')}
        </p>
        <div className="field">
          <label htmlFor="webhook-url">{t('settings.webhook')}</label>
          <input
            id="webhook-url"
            type="url"
            placeholder="https://security.example.com/hooks/emergency"
            aria-invalid={errors.phones?.webhookUrl ? true : undefined}
            {...register('phones.webhookUrl')}
          />
          {errors.phones?.webhookUrl && <p className="field-error">{errors.phones.webhookUrl.message}</p>}
        </div>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>{t('settings.privacy')}</legend>
        <p className="field-hint">{t('settings.privacyHint')}</p>
        <label className="checkbox">
          <input type="checkbox" {...register('privacy.aggregateOnly')} />
          {t('settings.aggregateOnly')}
        </label>
        <p className="field-hint">{t('settings.emergencyOverrides')}</p>
        <label className="checkbox">
          <input type="checkbox" {...register('privacy.retentionOn')} />
          {t('settings.retentionOn')}
        </label>
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
