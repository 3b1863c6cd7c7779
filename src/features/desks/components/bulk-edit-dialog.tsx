import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Desk, DeskPatch } from '../../../../contract/desks.ts';
import type { Floor } from '../../../../contract/floors.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { DialogFormFooter } from '../../../components/form-parts.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { useBulkUpdateDesks, type BulkOutcome } from '../api/desks.ts';
import { BulkFailures } from './bulk-failures.tsx';

const KEEP = 'keep';
const NO_FLOOR = 'none';

interface BulkForm {
  checkin: typeof KEEP | 'open' | 'closed';
  /** KEEP, NO_FLOOR or a floor's id. */
  floor: string;
}

const KEEP_ALL: BulkForm = { checkin: KEEP, floor: KEEP };

interface BulkEditDialogProps {
  /** The desks to change; null: closed. */
  desks: readonly Desk[] | null;
  floors: readonly Floor[];
  onClose: () => void;
  /** Everything asked was done: what to tell the person. */
  onDone: (outcome: BulkOutcome) => void;
}

/**
 * The same change for every selected desk: check-in open or closed, another floor (or none). Fields left at
 * "Keep as it is" are not sent. Desks the service refuses (changed meanwhile, say) are listed with its reason.
 */
export function BulkEditDialog({ desks, floors, onClose, onDone }: BulkEditDialogProps) {
  const t = useT();
  const update = useBulkUpdateDesks();
  const { register, handleSubmit, control, reset } = useForm<BulkForm>({ defaultValues: KEEP_ALL });
  const [checkin, floor] = useWatch({ control, name: ['checkin', 'floor'] });
  const [failed, setFailed] = useState<BulkOutcome['failed']>([]);
  const count = desks?.length ?? 0;

  const patch: DeskPatch = {
    ...(checkin === KEEP ? {} : { enabled: checkin === 'open' }),
    // Another floor: the desk waits in that floor's "not placed yet" list for its place on the map.
    ...(floor === KEEP ? {} : { floorId: floor === NO_FLOOR ? null : floor, x: null, y: null }),
  };
  const changes = Object.keys(patch).length > 0;

  const close = () => {
    reset(KEEP_ALL);
    setFailed([]);
    onClose();
  };

  return (
    <Dialog
      open={desks !== null}
      title={t('bulkEdit.title', { count })}
      onClose={close}
      dismissible={!update.isPending}
      footer={
        <DialogFormFooter
          form="bulk-edit-form"
          submitLabel={t('bulkEdit.apply', { count })}
          pending={update.isPending}
          pendingLabel={t('common.saving')}
          ready={changes}
          onCancel={close}
        />
      }
    >
      <form
        id="bulk-edit-form"
        className="form-grid"
        noValidate
        onSubmit={handleSubmit(() => {
          if (!desks || !changes) return;
          update.mutate(
            { desks, patch },
            {
              onSuccess: (outcome) => {
                if (outcome.failed.length === 0) {
                  onDone(outcome);
                  close();
                } else setFailed(outcome.failed);
              },
            },
          );
        })}
      >
        {update.error && (
          <div className="alert alert-error" role="alert">
            {update.error.message}
          </div>
        )}
        {failed.length > 0 && (
          <BulkFailures summary={t('bulkEdit.partly', { done: count - failed.length, count })} failed={failed} />
        )}
        <p className="field-hint">{t('bulkEdit.lead')}</p>
        <div className="field">
          <label htmlFor="bulk-checkin">{t('deskTable.checkin')}</label>
          <select id="bulk-checkin" {...register('checkin')}>
            <option value={KEEP}>{t('bulkEdit.keep')}</option>
            <option value="open">{t('bulkEdit.open')}</option>
            <option value="closed">{t('bulkEdit.closed')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="bulk-floor">{t('board.floor')}</label>
          <select id="bulk-floor" {...register('floor')}>
            <option value={KEEP}>{t('bulkEdit.keep')}</option>
            <option value={NO_FLOOR}>{t('deskTable.noFloor')}</option>
            {floors.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.building ? `${candidate.building} · ${candidate.name}` : candidate.name}
              </option>
            ))}
          </select>
          {floor !== KEEP && <p className="field-hint">{t('bulkEdit.floorHint')}</p>}
        </div>
      </form>
    </Dialog>
  );
}
