import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useForm } from 'react-hook-form';
import { zoneInputSchema } from '../../../../contract/floors.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';

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
  const t = useT();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ZoneValues>({
    resolver: localized(zodResolver(formSchema)),
    values: initial ?? { name: '', color: PALETTE[0] ?? '#3b82f6' },
  });
  return (
    <Dialog
      open={open}
      title={initial ? t('zoneDialog.edit') : t('zoneDialog.new')}
      onClose={onCancel}
      size="small"
      footer={
        <DialogFormFooter
          form="zone-form"
          submitLabel={initial ? t('zoneDialog.apply') : t('zoneDialog.add')}
          onCancel={onCancel}
        />
      }
    >
      <form id="zone-form" className="form-grid" onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate>
        <TextField id="zone-name" label={t('zoneDialog.name')} error={errors.name?.message} {...register('name')} />
        <div className="field">
          <label htmlFor="zone-color">{t('zoneDialog.colour')}</label>
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
