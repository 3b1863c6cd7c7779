import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { floorInputSchema, type Floor, type FloorInput } from '../../../../contract/desks.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { useCreateFloor, useSiteChoices } from '../api/floors.ts';

export function FloorDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (floor: Floor) => void;
}) {
  const create = useCreateFloor();
  const sites = useSiteChoices();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<FloorInput>({
    resolver: zodResolver(floorInputSchema),
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
      title="New floor"
      onClose={close}
      size="small"
      dismissible={!create.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={create.isPending}>
            Cancel
          </button>
          <button type="submit" form="floor-form" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create floor'}
          </button>
        </>
      }
    >
      <form id="floor-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="floor-name">Floor name</label>
          <input
            id="floor-name"
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'floor-name-error' : undefined}
            {...register('name')}
          />
          {errors.name && (
            <p id="floor-name-error" className="field-error">
              {errors.name.message}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="floor-building">Building</label>
          <input id="floor-building" autoComplete="off" {...register('building')} />
        </div>
        <div className="field">
          <label htmlFor="floor-site">Site</label>
          <select
            id="floor-site"
            {...register('siteId', {
              setValueAs: (value: string | null) => (value === '' || value === null ? null : value),
            })}
          >
            <option value="">No site</option>
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
