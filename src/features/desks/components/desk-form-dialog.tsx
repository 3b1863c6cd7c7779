import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useForm } from 'react-hook-form';
import { z } from '../../../../contract/zod.ts';
import {
  computerNamesSchema,
  deskNameSchema,
  deskSchema,
  macInputSchema,
  type Desk,
} from '../../../../contract/desks.ts';
import { type Floor } from '../../../../contract/floors.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { Dialog } from '../../../components/dialog.tsx';
import type { ApiError } from '../../../lib/api-client.ts';
import { useCreateDesk, useUpdateDesk } from '../api/desks.ts';
import { Choice, DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { contractMessage } from '../../../i18n/i18n.ts';

/** The service's field schemas; only the computer names are typed as one comma-separated line here. */
const formSchema = z.object({
  name: deskNameSchema,
  mac: macInputSchema,
  // One text field for the list: every problem is reported on the field itself, not on an item.
  computerNames: z.string().transform((text, context) => {
    const names = text
      .split(/[,;\n|]/)
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const parsed = computerNamesSchema.safeParse(names);
    if (parsed.success) return parsed.data;
    // Each message in the console's language before they are joined: the joined text is no contract message.
    context.addIssue({
      code: 'custom',
      message: parsed.error.issues.map((issue) => contractMessage(issue.message)).join(' '),
    });
    return z.NEVER;
  }),
  floorId: z.string(),
  enabled: z.boolean(),
  /** Editing only: nobody books it ahead. */
  walkInOnly: z.boolean(),
});
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

interface DeskFormDialogProps {
  open: boolean;
  desk: Desk | null;
  floors: Floor[];
  onClose: () => void;
  onSaved?: (desk: Desk) => void;
}

const toForm = (desk: Desk | null): FormInput => ({
  name: desk?.name ?? '',
  mac: desk ? formatMac(desk.mac) : '',
  computerNames: desk?.computerNames.join(', ') ?? '',
  floorId: desk?.floorId ?? '',
  enabled: desk?.enabled ?? true,
  walkInOnly: desk ? !desk.bookable : false,
});

export function DeskFormDialog({ open, desk, floors, onClose, onSaved }: DeskFormDialogProps) {
  const create = useCreateDesk();
  const update = useUpdateDesk();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: localized(zodResolver(formSchema)),
    values: toForm(desk),
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;
  const t = useT();
  const mutation = desk ? update : create;
  const conflict = update.error?.code === 'version_conflict' ? deskSchema.safeParse(update.error.body.current) : null;

  const submit = handleSubmit((values) => {
    const { walkInOnly, ...fields } = values;
    const body = { ...fields, floorId: fields.floorId === '' ? null : fields.floorId };
    const onError = (error: ApiError) => {
      for (const [field, message] of Object.entries(error.fields)) {
        const name = field.split('.')[0];
        if (name === 'name' || name === 'mac' || name === 'computerNames' || name === 'floorId')
          setError(name, { message });
      }
    };
    const done = (saved: Desk) => {
      onSaved?.(saved);
      onClose();
    };
    if (desk)
      update.mutate(
        { desk: conflict?.success ? conflict.data : desk, patch: { ...body, bookable: !walkInOnly } },
        { onSuccess: done, onError },
      );
    else create.mutate(body, { onSuccess: done, onError });
  });

  return (
    <Dialog
      open={open}
      title={desk ? t('deskForm.editTitle', { desk: desk.name }) : t('deskManager.new')}
      onClose={onClose}
      dismissible={!mutation.isPending}
      footer={
        <DialogFormFooter
          form="desk-form"
          submitLabel={conflict?.success ? t('deskForm.saveMine') : t('deskForm.save')}
          pendingLabel={t('common.saving')}
          pending={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="desk-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        {conflict?.success && (
          <div className="alert alert-warning" role="alert">
            <p>
              <strong>{t('deskForm.conflict')}</strong>{' '}
              {t('deskForm.theirs', {
                name: conflict.data.name,
                mac: formatMac(conflict.data.mac),
                computers: conflict.data.computerNames.join(', ') || t('deskForm.noComputers'),
              })}
            </p>
            <p>{t('deskForm.conflictBody')}</p>
          </div>
        )}
        {mutation.error && !conflict?.success && Object.keys(mutation.error.fields).length === 0 && (
          <div className="alert alert-error" role="alert">
            {mutation.error.message}
          </div>
        )}
        <TextField id="desk-name" label={t('checkin.deskName')} error={errors.name?.message} {...register('name')} />
        <TextField
          id="desk-mac"
          label={t('deskTable.mac')}
          spellCheck={false}
          placeholder="00:90:33:12:34:56"
          error={errors.mac?.message}
          {...register('mac')}
        />
        <TextField
          id="desk-computerNames"
          label={t('deskForm.computers')}
          spellCheck={false}
          placeholder="PC-B1-2-007, TC-B1-2-007"
          hint={t('deskForm.computersHint')}
          error={errors.computerNames?.message}
          {...register('computerNames')}
        />
        <div className="field">
          <label htmlFor="desk-floor">{t('board.floor')}</label>
          <select id="desk-floor" {...register('floorId')}>
            <option value="">{t('deskTable.noFloor')}</option>
            {floors.map((floor) => (
              <option key={floor.id} value={floor.id}>
                {floor.building ? `${floor.building} · ${floor.name}` : floor.name}
              </option>
            ))}
          </select>
        </div>
        <Choice {...register('enabled')} label={t('deskForm.enabled')} />
        {desk && <Choice {...register('walkInOnly')} label={t('deskForm.walkInOnly')} />}
      </form>
    </Dialog>
  );
}
