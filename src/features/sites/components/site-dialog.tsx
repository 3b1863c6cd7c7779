import { useForm } from 'react-hook-form';
import { siteInputSchema, type Site, type SiteInput } from '../../../../contract/sites.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { usePbxLocations, useSaveSite } from '../api/sites.ts';
import { DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { contractMessage } from '../../../i18n/i18n.ts';

/** The form keeps empty text for "none"; the service takes null. */
interface SiteForm {
  name: string;
  address: string;
  pbxLocation: string;
  emergencyNumber: string;
}

const toValues = (form: SiteForm): SiteInput => ({
  name: form.name,
  address: form.address,
  pbxLocation: form.pbxLocation === '' ? null : form.pbxLocation,
  emergencyNumber: form.emergencyNumber.trim() === '' ? null : form.emergencyNumber.trim(),
});

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
        const field = issue.path[0];
        if (field === 'name' || field === 'address' || field === 'pbxLocation' || field === 'emergencyNumber')
          setError(field, { message: contractMessage(issue.message) });
      }
      return;
    }
    save.mutate(
      { site, values: toValues(form) },
      {
        onSuccess: close,
        onError: (error) => {
          for (const [field, message] of Object.entries(error.fields)) {
            if (field === 'name' || field === 'pbxLocation' || field === 'emergencyNumber' || field === 'address')
              setError(field, { message });
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
        {save.isError && Object.keys(save.error.fields).length === 0 && (
          <p className="alert alert-error" role="alert">
            {save.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
