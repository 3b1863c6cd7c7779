import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useForm } from 'react-hook-form';
import { floorInputSchema, type Floor, type FloorInput } from '../../../../contract/desks.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { useCreateFloor, useSiteChoices } from '../api/floors.ts';
import { DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';

export function FloorDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (floor: Floor) => void;
}) {
  const t = useT();
  const create = useCreateFloor();
  const sites = useSiteChoices();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<FloorInput>({
    resolver: localized(zodResolver(floorInputSchema)),
    defaultValues: { name: '', building: '', siteId: null, sortOrder: 0 },
  });
  const close = () => {
    reset();
    create.reset();
    onClose();
  };
  const submit = handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (floor) => {
        onCreated(floor);
        close();
      },
      onError: (error) => {
        if (error.fields.name) setError('name', { message: error.fields.name });
      },
    }),
  );
  return (
    <Dialog
      open={open}
      title={t('floorDialog.title')}
      onClose={close}
      size="small"
      dismissible={!create.isPending}
      footer={
        <DialogFormFooter
          form="floor-form"
          submitLabel={t('floorDialog.create')}
          pendingLabel={t('common.creating')}
          pending={create.isPending}
          onCancel={close}
        />
      }
    >
      <form id="floor-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <TextField id="floor-name" label={t('floorDialog.name')} error={errors.name?.message} {...register('name')} />
        <TextField id="floor-building" label={t('floorDialog.building')} {...register('building')} />
        <div className="field">
          <label htmlFor="floor-site">{t('floorDialog.site')}</label>
          <select
            id="floor-site"
            {...register('siteId', {
              setValueAs: (value: string | null) => (value === '' || value === null ? null : value),
            })}
          >
            <option value="">{t('floorDialog.noSite')}</option>
            {(sites.data ?? []).map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </div>
      </form>
    </Dialog>
  );
}
