import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from '../../../../contract/zod.ts';
import { settingsValuesSchema, type Settings, type SettingsValues } from '../../../../contract/settings.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { TextField } from '../../../components/form-parts.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useSaveSettings, useSettings } from '../api/settings.ts';

/** The form keeps the optional times as text/number fields with on/off switches. */
interface FormValues extends Omit<SettingsValues, 'autoLogout' | 'phones'> {
  autoLogout: { dailyOn: boolean; dailyAt: string; timeZone: string; maxOn: boolean; maxHours: number };
  /** Emergency numbers as one comma-separated line; no webhook: an empty field. */
  phones: Omit<SettingsValues['phones'], 'emergencyNumbers' | 'webhookUrl'> & {
    emergencyNumbers: string;
    webhookUrl: string;
  };
}

const toForm = (settings: Settings): FormValues => ({
  loginMethods: settings.loginMethods,
  keypad: settings.keypad,
  privacy: settings.privacy,
  device: settings.device,
  policies: settings.policies,
  autoLogout: {
    dailyOn: settings.autoLogout.dailyAt !== null,
    dailyAt: settings.autoLogout.dailyAt ?? '19:00',
    timeZone: settings.autoLogout.timeZone,
    maxOn: settings.autoLogout.maxHours !== null,
    maxHours: settings.autoLogout.maxHours ?? 10,
  },
  phones: {
    ...settings.phones,
    emergencyNumbers: settings.phones.emergencyNumbers.join(', '),
    webhookUrl: settings.phones.webhookUrl ?? '',
  },
});

const toValues = (form: FormValues): SettingsValues => ({
  loginMethods: form.loginMethods,
  keypad: { loginCode: form.keypad.loginCode.trim(), logoutCode: form.keypad.logoutCode.trim() },
  privacy: { aggregateOnly: form.privacy.aggregateOnly, retentionDays: Number(form.privacy.retentionDays) },
  device: form.device,
  policies: form.policies,
  autoLogout: {
    dailyAt: form.autoLogout.dailyOn ? form.autoLogout.dailyAt : null,
    timeZone: form.autoLogout.timeZone,
    maxHours: form.autoLogout.maxOn ? Number(form.autoLogout.maxHours) : null,
  },
  phones: {
    ...form.phones,
    maxWaitMinutes: Number(form.phones.maxWaitMinutes),
    callbackMinutes: Number(form.phones.callbackMinutes),
    emergencyNumbers: form.phones.emergencyNumbers
      .split(/[,;\s]+/)
      .map((number) => number.trim())
      .filter((number) => number !== ''),
    webhookUrl: form.phones.webhookUrl.trim() === '' ? null : form.phones.webhookUrl.trim(),
  },
});

/** The service's schema pieces; the automatic-logout and phone parts are checked in the settings shape. */
const formSchema = z
  .object({
    loginMethods: settingsValuesSchema.shape.loginMethods,
    keypad: settingsValuesSchema.shape.keypad,
    privacy: z.object({ aggregateOnly: z.boolean(), retentionDays: z.number() }),
    device: settingsValuesSchema.shape.device,
    policies: settingsValuesSchema.shape.policies,
    autoLogout: z.object({
      dailyOn: z.boolean(),
      dailyAt: z.string(),
      timeZone: z.string(),
      maxOn: z.boolean(),
      maxHours: z.number(),
    }),
    phones: z.object({
      baseObjects: z.boolean(),
      locationFollowsDesk: z.boolean(),
      baseNode: z.string(),
      baseConfig: z.string(),
      maxWaitMinutes: z.number(),
      emergencyNumbers: z.string(),
      callbackMinutes: z.number(),
      webhookUrl: z.string(),
    }),
  })
  .superRefine((form, context) => {
    const values = toValues(form);
    for (const part of ['autoLogout', 'phones', 'privacy'] as const) {
      const parsed = settingsValuesSchema.shape[part].safeParse(values[part]);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) {
        // A wrong emergency number is reported on the one field that holds them all.
        const path = part === 'phones' && issue.path[0] === 'emergencyNumbers' ? ['emergencyNumbers'] : issue.path;
        context.addIssue({ code: 'custom', message: issue.message, path: [part, ...path] });
      }
    }
  });

export function SettingsForm() {
  const settings = useSettings();
  if (settings.isPending) return <LoadingPanel label="Loading settings…" />;
  if (settings.isError) return <ErrorPanel error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsEditor settings={settings.data} />;
}

function SettingsEditor({ settings }: { settings: Settings }) {
  const save = useSaveSettings();
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
  } = useForm<FormValues>({ defaultValues: toForm(settings), resolver: zodResolver(formSchema) });
  if (settings.version !== base.version && !isDirty && !save.isPending) setBase(settings);
  useEffect(() => reset(toForm(base)), [base, reset]);
  const stale = save.error?.code === 'version_conflict';

  const submit = handleSubmit((form) => save.mutate({ base, values: toValues(form) }, { onSuccess: setBase }));
  const methodsError =
    (errors.loginMethods as { message?: string } | undefined)?.message ?? errors.loginMethods?.root?.message;

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset className="card settings-group" aria-describedby={methodsError ? 'methods-error' : undefined}>
        <legend>Login methods employees see</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.desk')} /> Type the desk name
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.computer')} /> Send the PC’s computer name
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.thinclient')} /> Send the thin-client name (terminal server)
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('loginMethods.phone')} /> Dial a code on the desk phone (extension and
          PIN)
        </label>
        <div className="field-row">
          <TextField
            id="keypad-login"
            label="Login code"
            inputMode="tel"
            hint="Dialled, then *extension*PIN, at a free desk phone."
            error={errors.keypad?.loginCode?.message}
            {...register('keypad.loginCode')}
          />
          <TextField
            id="keypad-logout"
            label="Logout code"
            inputMode="tel"
            error={errors.keypad?.logoutCode?.message ?? errors.keypad?.root?.message}
            {...register('keypad.logoutCode')}
          />
        </div>
        {methodsError && (
          <p id="methods-error" className="field-error" role="alert">
            {methodsError}
          </p>
        )}
      </fieldset>

      <fieldset className="card settings-group">
        <legend>Device entry written into the PBX</legend>
        <p className="field-hint">
          The label of the desk phone in the person’s device list, and the app bound to it (“phone” keeps the myApps
          Phone icon).
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="device-text">Device label</label>
            <input
              id="device-text"
              aria-invalid={errors.device?.text ? true : undefined}
              {...register('device.text')}
            />
            {errors.device?.text && <p className="field-error">{errors.device.text.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="device-app">App</label>
            <input id="device-app" aria-invalid={errors.device?.app ? true : undefined} {...register('device.app')} />
            {errors.device?.app && <p className="field-error">{errors.device.app.message}</p>}
          </div>
        </div>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>When someone checks in at a second desk</legend>
        <label className="checkbox">
          <input type="radio" value="move" {...register('policies.secondDesk')} /> Move them (they leave the first desk)
        </label>
        <label className="checkbox">
          <input type="radio" value="refuse" {...register('policies.secondDesk')} /> Refuse until they check out
        </label>
        <label className="checkbox">
          <input type="radio" value="allow" {...register('policies.secondDesk')} /> Allow several desks at once
        </label>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>When someone checks in at a desk that is taken</legend>
        <label className="checkbox">
          <input type="radio" value="takeover" {...register('policies.occupiedDesk')} /> Take it over (the other person
          is logged out)
        </label>
        <label className="checkbox">
          <input type="radio" value="refuse" {...register('policies.occupiedDesk')} /> Refuse
        </label>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>Automatic logout</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('autoLogout.dailyOn')} /> Log everyone out every day
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor="daily-at">At</label>
            <input id="daily-at" type="time" {...register('autoLogout.dailyAt')} />
            {errors.autoLogout?.dailyAt && <p className="field-error">{errors.autoLogout.dailyAt.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="time-zone">Time zone of the site</label>
            <select id="time-zone" {...register('autoLogout.timeZone')}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('autoLogout.maxOn')} /> Log out anyone checked in longer than
        </label>
        <div className="field field-narrow">
          <label htmlFor="max-hours">Hours</label>
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
        <legend>Desk phones</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('phones.baseObjects')} /> Keep free desk phones registered (a base object
          per desk), so that they can always call emergency numbers
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('phones.locationFollowsDesk')} /> Move people to the PBX location of the
          desk’s site while they sit there, so that their calls (emergency calls above all) leave at that site
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor="base-node">Node of the base objects</label>
            <input id="base-node" placeholder="PBX default" {...register('phones.baseNode')} />
            {errors.phones?.baseNode && <p className="field-error">{errors.phones.baseNode.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="base-config">Config template</label>
            <input id="base-config" placeholder="PBX default" {...register('phones.baseConfig')} />
            {errors.phones?.baseConfig && <p className="field-error">{errors.phones.baseConfig.message}</p>}
          </div>
        </div>
        <p className="field-hint">
          Nobody is logged out in the middle of a call: a logout by the helpdesk happens when the call ends; automatic
          logouts and removed desks wait at most this long.
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="max-wait">Longest wait for a call to end (minutes)</label>
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
            <label htmlFor="callback-minutes">Callback window after an emergency call (minutes)</label>
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
          <label htmlFor="emergency-numbers">Emergency numbers</label>
          <input
            id="emergency-numbers"
            aria-invalid={errors.phones?.emergencyNumbers ? true : undefined}
            aria-describedby="emergency-hint"
            {...register('phones.emergencyNumbers')}
          />
          {errors.phones?.emergencyNumbers && <p className="field-error">{errors.phones.emergencyNumbers.message}</p>}
        </div>
        <p id="emergency-hint" className="field-hint">
          Separated by commas. After a call to one of them the desk stays as it is for the callback window: no logout,
          no takeover, so that the emergency centre can call back.
        </p>
        <div className="field">
          <label htmlFor="webhook-url">Tell reception or security (webhook address, optional)</label>
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
        <legend>Privacy of the check-in history</legend>
        <p className="field-hint">
          Hotdesk keeps every check-in session (desk, person, how, from when to when) to show how the office is used.
          Ended sessions are deleted after the days below. What Insights needs from them is counted per day first:
          desk-hours, the peak and how many people, per site, floor, zone and desk, without names; these daily totals
          are kept for two years. With aggregate-only on, nobody sees one person’s history: Insights shows only totals,
          and hides any group and time that fewer than five people used.
        </p>
        <label className="checkbox">
          <input type="checkbox" {...register('privacy.aggregateOnly')} /> Aggregates only (works-council mode)
        </label>
        <div className="field field-narrow">
          <label htmlFor="retention-days">Retention (days)</label>
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

      {stale && (
        <div className="alert alert-warning" role="alert">
          <p>Someone else saved the settings while you were editing. Your changes are still in the form.</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Load their version
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
          Saved. Employees see the change at once.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || !isDirty}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
