import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from '../../../../contract/zod.ts';
import {
  computerNamesSchema,
  deskNameSchema,
  deskSchema,
  macInputSchema,
  type Desk,
  type Floor,
} from '../../../../contract/desks.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { Dialog } from '../../../components/dialog.tsx';
import type { ApiError } from '../../../lib/api-client.ts';
import { useCreateDesk, useUpdateDesk } from '../api/desks.ts';

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
    context.addIssue({ code: 'custom', message: parsed.error.issues.map((issue) => issue.message).join(' ') });
    return z.NEVER;
  }),
  floorId: z.string(),
  enabled: z.boolean(),
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
});

export function DeskFormDialog({ open, desk, floors, onClose, onSaved }: DeskFormDialogProps) {
  const create = useCreateDesk();
  const update = useUpdateDesk();
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(formSchema), values: toForm(desk) });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;
  const mutation = desk ? update : create;
  const conflict = update.error?.code === 'version_conflict' ? deskSchema.safeParse(update.error.body.current) : null;

  const submit = handleSubmit((values) => {
    const body = { ...values, floorId: values.floorId === '' ? null : values.floorId };
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
      update.mutate({ desk: conflict?.success ? conflict.data : desk, patch: body }, { onSuccess: done, onError });
    else create.mutate(body, { onSuccess: done, onError });
  });

  const field = (name: keyof FormInput) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `desk-${name}-error` : undefined,
  });
  const error = (name: keyof FormInput) =>
    errors[name] && (
      <p id={`desk-${name}-error`} className="field-error">
        {errors[name].message}
      </p>
    );

  return (
    <Dialog
      open={open}
      title={desk ? `Edit desk ${desk.name}` : 'New desk'}
      onClose={onClose}
      dismissible={!mutation.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </button>
          <button type="submit" form="desk-form" className="button button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : conflict?.success ? 'Save mine over theirs' : 'Save desk'}
          </button>
        </>
      }
    >
      <form id="desk-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        {conflict?.success && (
          <div className="alert alert-warning" role="alert">
            <p>
              <strong>Someone else changed this desk while you were editing.</strong> Theirs: {conflict.data.name},{' '}
              {formatMac(conflict.data.mac)}, {conflict.data.computerNames.join(', ') || 'no computer names'}.
            </p>
            <p>Your values are still in the form. Save to put yours over theirs, or cancel to keep theirs.</p>
          </div>
        )}
        {mutation.error && !conflict?.success && Object.keys(mutation.error.fields).length === 0 && (
          <div className="alert alert-error" role="alert">
            {mutation.error.message}
          </div>
        )}
        <div className="field">
          <label htmlFor="desk-name">Desk name</label>
          <input id="desk-name" autoComplete="off" {...field('name')} {...register('name')} />
          {error('name')}
        </div>
        <div className="field">
          <label htmlFor="desk-mac">Phone MAC</label>
          <input
            id="desk-mac"
            autoComplete="off"
            spellCheck={false}
            placeholder="00:90:33:12:34:56"
            {...field('mac')}
            {...register('mac')}
          />
          {error('mac')}
        </div>
        <div className="field">
          <label htmlFor="desk-computerNames">Computer and thin-client names</label>
          <input
            id="desk-computerNames"
            autoComplete="off"
            spellCheck={false}
            placeholder="PC-B1-2-007, TC-B1-2-007"
            {...field('computerNames')}
            {...register('computerNames')}
          />
          <p className="field-hint">Separated by commas. Windows names: at most 15 characters.</p>
          {error('computerNames')}
        </div>
        <div className="field">
          <label htmlFor="desk-floor">Floor</label>
          <select id="desk-floor" {...register('floorId')}>
            <option value="">Not on a floor</option>
            {floors.map((floor) => (
              <option key={floor.id} value={floor.id}>
                {floor.building ? `${floor.building} · ${floor.name}` : floor.name}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('enabled')} /> Employees can check in at this desk
        </label>
      </form>
    </Dialog>
  );
}
