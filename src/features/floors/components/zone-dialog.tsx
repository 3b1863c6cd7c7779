import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { zoneInputSchema } from '../../../../contract/desks.ts';
import { Dialog } from '../../../components/dialog.tsx';

const formSchema = zoneInputSchema.pick({ name: true, color: true });
interface ZoneValues {
  name: string;
  color: string;
}

const PALETTE = ['#3b82f6', '#22c55e', '#f59e0b', '#ec4899', '#8b5cf6', '#14b8a6'];

export function ZoneDialog({
  open,
  initial,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  initial: ZoneValues | null;
  onCancel: () => void;
  onSubmit: (values: ZoneValues) => void;
}) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ZoneValues>({
    resolver: zodResolver(formSchema),
    values: initial ?? { name: '', color: PALETTE[0] ?? '#3b82f6' },
  });
  return (
    <Dialog
      open={open}
      title={initial ? 'Edit zone' : 'New zone'}
      onClose={onCancel}
      size="small"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form="zone-form" className="button button-primary">
            {initial ? 'Apply' : 'Add zone'}
          </button>
        </>
      }
    >
      <form id="zone-form" className="form-grid" onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate>
        <div className="field">
          <label htmlFor="zone-name">Zone name</label>
          <input
            id="zone-name"
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'zone-name-error' : undefined}
            {...register('name')}
          />
          {errors.name && (
            <p id="zone-name-error" className="field-error">
              {errors.name.message}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="zone-color">Colour</label>
          <input id="zone-color" type="color" list="zone-palette" {...register('color')} />
          <datalist id="zone-palette">
            {PALETTE.map((color) => (
              <option key={color} value={color} />
            ))}
          </datalist>
        </div>
      </form>
    </Dialog>
  );
}
