import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { deskNameSchema } from '../../../../contract/desks.ts';
import type { Point } from '../../../../contract/geometry.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { z } from '../../../../contract/zod.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { Choice, DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { formatList } from '../../../i18n/format.ts';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { useCreateDesks } from '../api/floors.ts';
import { followingNames, macLines, MAX_NEW_DESKS, rowPositions, type RowDirection } from './new-desks.ts';

interface NewDesksValues {
  macs: string;
  firstName: string;
  direction: RowDirection;
}

function newDesksSchema(t: Translate) {
  return z.object({
    macs: z.string().superRefine((text, context) => {
      const { macs, invalid, repeated } = macLines(text);
      if (invalid.length > 0)
        context.addIssue({
          code: 'custom',
          message: t('newDesks.notMacs', { lines: formatList(invalid.map(String)) }),
        });
      else if (repeated.length > 0)
        context.addIssue({
          code: 'custom',
          message: t('newDesks.repeated', { lines: formatList(repeated.map(String)) }),
        });
      else if (macs.length === 0) context.addIssue({ code: 'custom', message: t('newDesks.noMacs') });
      else if (macs.length > MAX_NEW_DESKS)
        context.addIssue({ code: 'custom', message: t('newDesks.tooMany', { max: MAX_NEW_DESKS }) });
    }),
    firstName: deskNameSchema,
    direction: z.enum(['right', 'down']),
  });
}

interface NewDesksDialogProps {
  /** Where the first desk goes (a fraction of the plan); null: closed. */
  at: Point | null;
  floorId: string;
  plan: { width: number; height: number };
  /** The first name offered (the floor's pattern continued). */
  proposedName: string;
  /** Names the desks may not take (the desks this editor knows). */
  takenNames: readonly string[];
  onClose: () => void;
  /** The desks made (their ids), once all of them are. */
  onCreated: (ids: string[]) => void;
}

/**
 * New desks where the person clicked: one per phone MAC pasted (a row of them, named on from the first), created
 * at once on this floor, all or none. When the service refuses one (a name or MAC already used), nothing is
 * created: the dialog keeps the whole row and says which desk and why.
 */
export function NewDesksDialog(props: NewDesksDialogProps) {
  const { at, plan } = props;
  const t = useT();
  const create = useCreateDesks();
  const [refusal, setRefusal] = useState<string | null>(null);
  const schema = useMemo(() => newDesksSchema(t), [t]);
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors },
  } = useForm<NewDesksValues>({
    resolver: localized(zodResolver(schema)),
    // The editor mounts the dialog afresh for every opening: the name proposed is the floor's as it is then.
    defaultValues: { macs: '', firstName: props.proposedName, direction: 'right' },
  });
  const [macText = '', firstName = '', direction = 'right'] = useWatch({
    control,
    name: ['macs', 'firstName', 'direction'],
  });
  const { macs } = macLines(macText);
  const preview =
    macs.length > 0 && macs.length <= MAX_NEW_DESKS
      ? followingNames(firstName.trim(), macs.length, props.takenNames)
      : [];

  const close = () => props.onClose();

  const submit = (values: NewDesksValues) => {
    if (!at) return;
    const lines = macLines(values.macs).macs;
    const names = followingNames(values.firstName.trim(), lines.length, props.takenNames);
    const positions = rowPositions(at, lines.length, values.direction, plan.width, plan.height);
    setRefusal(null);
    create.mutate(
      lines.map((mac, index) => ({
        name: names[index] ?? '',
        mac,
        floorId: props.floorId,
        x: positions[index]?.x ?? at.x,
        y: positions[index]?.y ?? at.y,
      })),
      {
        onSuccess: ({ created, refused }) => {
          if (refused === null) {
            props.onCreated(created.map((desk) => desk.id));
            props.onClose();
            return;
          }
          // Nothing was created: the form keeps everything; the refused desk is named, to mend and send again.
          setRefusal(t('newDesks.refused', { desk: refused.name, message: refused.error.message }));
          if (refused.error.fields.name) setError('firstName', { message: refused.error.fields.name });
          if (refused.error.fields.mac) setError('macs', { message: refused.error.fields.mac });
        },
      },
    );
  };

  return (
    <Dialog
      open={at !== null}
      title={t('newDesks.title')}
      onClose={close}
      dismissible={!create.isPending}
      footer={
        <DialogFormFooter
          form="new-desks-form"
          submitLabel={t('newDesks.create', { count: Math.max(1, macs.length) })}
          pending={create.isPending}
          pendingLabel={t('newDesks.creating')}
          onCancel={close}
        />
      }
    >
      <form id="new-desks-form" className="form-grid" onSubmit={(event) => void handleSubmit(submit)(event)} noValidate>
        {refusal && (
          <div className="alert alert-error" role="alert">
            {refusal}
          </div>
        )}
        {create.error && (
          <div className="alert alert-error" role="alert">
            {create.error.message}
          </div>
        )}
        <div className="field">
          <label htmlFor="new-desks-macs">{t('newDesks.macs')}</label>
          <textarea
            id="new-desks-macs"
            rows={5}
            spellCheck={false}
            autoComplete="off"
            placeholder="00:90:33:12:34:56"
            aria-invalid={errors.macs ? true : undefined}
            aria-describedby={errors.macs ? 'new-desks-macs-error new-desks-macs-hint' : 'new-desks-macs-hint'}
            {...register('macs')}
          />
          <p id="new-desks-macs-hint" className="field-hint">
            {t('newDesks.macsHint', { max: MAX_NEW_DESKS })}
          </p>
          {errors.macs && (
            <p id="new-desks-macs-error" className="field-error">
              {errors.macs.message}
            </p>
          )}
        </div>
        <TextField
          id="new-desks-name"
          label={t('newDesks.firstName')}
          hint={t('newDesks.firstNameHint')}
          error={errors.firstName?.message}
          {...register('firstName')}
        />
        <fieldset className="field radio-row">
          <legend>{t('newDesks.direction')}</legend>
          <Choice type="radio" value="right" {...register('direction')} label={t('newDesks.right')} />
          <Choice type="radio" value="down" {...register('direction')} label={t('newDesks.down')} />
        </fieldset>
        {preview.length > 0 && (
          <div className="field">
            <p className="field-label" id="new-desks-preview-label">
              {direction === 'down' ? t('newDesks.previewDown') : t('newDesks.previewRight')}
            </p>
            <ol className="new-desks-preview" aria-labelledby="new-desks-preview-label">
              {preview.map((name, index) => (
                <li key={`${name}-${index}`}>
                  <span>{name}</span> <span className="muted">{formatMac(macs[index] ?? '')}</span>
                </li>
              ))}
            </ol>
          </div>
        )}
      </form>
    </Dialog>
  );
}
