import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { floorInputSchema, type Floor, type FloorInput } from '../../../../contract/floors.ts';
import { ConfirmDialog, Dialog } from '../../../components/dialog.tsx';
import { DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useT } from '../../../i18n/use-t.ts';
import type { ApiError } from '../../../lib/api-client.ts';
import { useCreateFloor, useDeleteFloor, useSiteChoices, useUpdateFloor } from '../api/floors.ts';

const toForm = (floor: Floor | null): FloorInput =>
  floor
    ? { name: floor.name, building: floor.building, siteId: floor.siteId, sortOrder: floor.sortOrder }
    : { name: '', building: '', siteId: null, sortOrder: 0 };

/**
 * A new floor, or (with `floor`) one to rename, move to another site or place in the tab order, or delete.
 * Deleting asks first and says what happens to the floor's desks.
 */
export function FloorDialog({
  open,
  floor = null,
  deskCount = 0,
  onClose,
  onSaved,
  onDeleted,
}: {
  open: boolean;
  floor?: Floor | null;
  /** The desks on `floor`, for the delete question. */
  deskCount?: number;
  onClose: () => void;
  onSaved: (floor: Floor) => void;
  onDeleted?: () => void;
}) {
  const t = useT();
  const create = useCreateFloor();
  const update = useUpdateFloor();
  const remove = useDeleteFloor();
  const sites = useSiteChoices();
  const [deleting, setDeleting] = useState(false);
  const save = floor ? update : create;
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<FloorInput>({ resolver: localized(zodResolver(floorInputSchema)), values: toForm(floor) });
  const close = () => {
    reset();
    create.reset();
    update.reset();
    remove.reset();
    setDeleting(false);
    onClose();
  };
  const onError = (error: ApiError) => {
    if (error.fields.name) setError('name', { message: error.fields.name });
  };
  const done = (saved: Floor) => {
    onSaved(saved);
    close();
  };
  const submit = handleSubmit((values) => {
    if (floor) update.mutate({ floor, patch: values }, { onSuccess: done, onError });
    else create.mutate(values, { onSuccess: done, onError });
  });
  const generalError = save.error && !save.error.fields.name ? save.error.message : null;

  return (
    <>
      <Dialog
        open={open && !deleting}
        title={floor ? t('floorDialog.editTitle', { floor: floor.name }) : t('floorDialog.title')}
        onClose={close}
        // Editing adds "Delete floor" beside the two buttons: the wider dialog keeps them on one line in German.
        size={floor ? 'medium' : 'small'}
        dismissible={!save.isPending}
        footer={
          <>
            {floor && (
              <button
                type="button"
                className="button button-quiet-danger dialog-footer-start"
                onClick={() => setDeleting(true)}
                disabled={save.isPending}
              >
                {t('floorDialog.delete')}
              </button>
            )}
            <DialogFormFooter
              form="floor-form"
              submitLabel={floor ? t('floorDialog.save') : t('floorDialog.create')}
              pendingLabel={floor ? t('common.saving') : t('common.creating')}
              pending={save.isPending}
              onCancel={close}
            />
          </>
        }
      >
        <form id="floor-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
          {generalError && (
            <p className="alert alert-error" role="alert">
              {generalError}
            </p>
          )}
          <TextField id="floor-name" label={t('floorDialog.name')} error={errors.name?.message} {...register('name')} />
          <TextField
            id="floor-building"
            label={t('floorDialog.building')}
            error={errors.building?.message}
            {...register('building')}
          />
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
          <TextField
            id="floor-order"
            type="number"
            label={t('floorDialog.order')}
            hint={t('floorDialog.orderHint')}
            error={errors.sortOrder?.message}
            {...register('sortOrder', { valueAsNumber: true })}
          />
        </form>
      </Dialog>
      {floor && (
        <ConfirmDialog
          open={open && deleting}
          title={t('floorDialog.deleteTitle', { floor: floor.name })}
          confirmLabel={t('floorDialog.delete')}
          danger
          busy={remove.isPending}
          onCancel={() => {
            remove.reset();
            setDeleting(false);
          }}
          onConfirm={() =>
            remove.mutate(floor, {
              onSuccess: () => {
                onDeleted?.();
                close();
              },
            })
          }
        >
          <p>{t('floorDialog.deleteBody', { count: deskCount })}</p>
          {remove.isError && (
            <p className="alert alert-error" role="alert">
              {remove.error.message}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
