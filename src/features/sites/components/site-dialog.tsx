import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { DEFAULT_OFFICE_HOURS, siteInputSchema, type Site, type SiteInput } from '../../../../contract/sites.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { usePbxLocations, useSaveSite } from '../api/sites.ts';
import { hourName } from './office-hours-text.ts';
import { formatWeekday } from '../../../i18n/format.ts';
import { Choice, DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { contractMessage } from '../../../i18n/i18n.ts';

/** The form keeps empty text for "none" and numbers as text (selects and checkboxes); the service takes null and numbers. */
interface SiteForm {
  name: string;
  address: string;
  pbxLocation: string;
  emergencyNumber: string;
  officeStart: string;
  officeEnd: string;
  officeDays: string[];
  /** One address per line (commas and semicolons also separate). */
  alertEmails: string;
}

const toValues = (form: SiteForm): SiteInput => ({
  name: form.name,
  address: form.address,
  pbxLocation: form.pbxLocation === '' ? null : form.pbxLocation,
  emergencyNumber: form.emergencyNumber.trim() === '' ? null : form.emergencyNumber.trim(),
  officeHours: { start: Number(form.officeStart), end: Number(form.officeEnd), days: form.officeDays.map(Number) },
  alertEmails: form.alertEmails
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter((address) => address !== ''),
});

const HOURS = Array.from({ length: 25 }, (_, hour) => hour);
/** ISO weekdays, Monday first. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Create or edit a site: its name, street address, the PBX location serving it (picked from the PBX's) and its emergency number. */
export function SiteDialog({ site, open, onClose }: { site: Site | null; open: boolean; onClose: () => void }) {
  const save = useSaveSite();
  const locations = usePbxLocations(open);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<SiteForm>({
    values: {
      name: site?.name ?? '',
      address: site?.address ?? '',
      pbxLocation: site?.pbxLocation ?? '',
      emergencyNumber: site?.emergencyNumber ?? '',
      officeStart: String((site?.officeHours ?? DEFAULT_OFFICE_HOURS).start),
      officeEnd: String((site?.officeHours ?? DEFAULT_OFFICE_HOURS).end),
      officeDays: (site?.officeHours ?? DEFAULT_OFFICE_HOURS).days.map(String),
      alertEmails: (site?.alertEmails ?? []).join('\n'),
    },
  });
  const t = useT();
  const close = () => {
    reset();
    save.reset();
    onClose();
  };
  const submit = handleSubmit((form) => {
    const parsed = siteInputSchema.safeParse(toValues(form));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = formField(issue.path);
        if (field) setError(field, { message: contractMessage(issue.message) });
      }
      return;
    }
    save.mutate(
      { site, values: toValues(form) },
      {
        onSuccess: close,
        onError: (error) => {
          for (const [path, message] of Object.entries(error.fields)) {
            const field = formField(path.split('.'));
            if (field) setError(field, { message });
          }
        },
      },
    );
  });
  const current = site?.pbxLocation ?? null;
  const options = [...new Set([...(locations.data ?? []), ...(current ? [current] : [])])];
  const fieldError = (field: keyof SiteForm) =>
    errors[field] && (
      <p id={`site-${field}-error`} className="field-error">
        {errors[field].message}
      </p>
    );
  const describedBy = (field: keyof SiteForm) => (errors[field] ? `site-${field}-error` : undefined);

  return (
    <Dialog
      open={open}
      title={site ? t('sites.editLabel', { site: site.name }) : t('sites.new')}
      onClose={close}
      size="small"
      dismissible={!save.isPending}
      footer={
        <DialogFormFooter
          form="site-form"
          submitLabel={site ? t('siteDialog.save') : t('siteDialog.create')}
          pendingLabel={t('common.saving')}
          pending={save.isPending}
          onCancel={close}
        />
      }
    >
      <form id="site-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <TextField id="site-name" label={t('siteDialog.name')} error={errors.name?.message} {...register('name')} />
        <TextField
          id="site-address"
          label={t('siteDialog.address')}
          placeholder={t('siteDialog.addressExample')}
          error={errors.address?.message}
          {...register('address')}
        />
        <div className="field">
          <label htmlFor="site-location">{t('sites.pbxLocation')}</label>
          <select
            id="site-location"
            aria-invalid={errors.pbxLocation ? true : undefined}
            aria-describedby={describedBy('pbxLocation') ?? 'site-location-hint'}
            disabled={locations.isPending && current === null}
            {...register('pbxLocation')}
          >
            <option value="">{t('siteDialog.noLocation')}</option>
            {options.map((location) => (
              <option key={location} value={location}>
                {location}
              </option>
            ))}
          </select>
          {fieldError('pbxLocation')}
          <p id="site-location-hint" className="field-hint">
            {locations.isPending
              ? t('siteDialog.asking')
              : locations.isError
                ? t('siteDialog.locationsFailed', { message: locations.error.message })
                : t('siteDialog.locationHint')}
          </p>
        </div>
        <TextField
          id="site-emergency"
          label={t('siteDialog.emergency')}
          inputMode="tel"
          placeholder="+493012345"
          error={errors.emergencyNumber?.message}
          {...register('emergencyNumber')}
        />
        <div className="field">
          <label htmlFor="site-alert-emails">{t('siteDialog.alertEmails')}</label>
          <textarea
            id="site-alert-emails"
            rows={3}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.alertEmails ? true : undefined}
            aria-describedby={describedBy('alertEmails') ?? 'site-alert-emails-hint'}
            {...register('alertEmails')}
          />
          {fieldError('alertEmails')}
          <p id="site-alert-emails-hint" className="field-hint">
            {t('siteDialog.alertEmailsHint')}
          </p>
        </div>
        <fieldset className="field" aria-describedby="site-office-hint">
          <legend>{t('siteDialog.officeHours')}</legend>
          <div className="office-hours">
            <SelectHour id="site-office-start" label={t('siteDialog.opens')} register={register('officeStart')} />
            <SelectHour id="site-office-end" label={t('siteDialog.closes')} register={register('officeEnd')} />
          </div>
          <div className="radio-row office-days">
            {WEEKDAYS.map((day) => (
              <Choice key={day} value={String(day)} {...register('officeDays')} label={formatWeekday(day, 'short')} />
            ))}
          </div>
          {fieldError('officeEnd')}
          {fieldError('officeDays')}
          <p id="site-office-hint" className="field-hint">
            {t('siteDialog.officeHint')}
          </p>
        </fieldset>
        {save.isError && Object.keys(save.error.fields).length === 0 && (
          <p className="alert alert-error" role="alert">
            {save.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** The form field a contract issue's path names (office hours are three fields of one object). */
function formField(path: readonly PropertyKey[]): keyof SiteForm | null {
  const [first, second] = path;
  if (first === 'name' || first === 'address' || first === 'pbxLocation' || first === 'emergencyNumber') return first;
  if (first === 'alertEmails') return 'alertEmails';
  if (first !== 'officeHours') return null;
  return second === 'start' ? 'officeStart' : second === 'days' ? 'officeDays' : 'officeEnd';
}

function SelectHour({ id, label, register }: { id: string; label: string; register: UseFormRegisterReturn }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...register}>
        {HOURS.map((hour) => (
          <option key={hour} value={String(hour)}>
            {hourName(hour)}
          </option>
        ))}
      </select>
    </div>
  );
}
