import { useState } from 'react';
import type { Site } from '../../../../contract/sites.ts';
import type { Desk } from '../../../../contract/desks.ts';
import type { Floor } from '../../../../contract/floors.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useBulkDeleteDesks, useDeleteDesk, useDesks, type BulkOutcome } from '../api/desks.ts';
import { BulkEditDialog } from './bulk-edit-dialog.tsx';
import { BulkFailures } from './bulk-failures.tsx';
import { DeskFormDialog } from './desk-form-dialog.tsx';
import { DeskTable } from './desk-table.tsx';
import { useT } from '../../../i18n/use-t.ts';

interface DeskManagerProps {
  floors: Floor[];
  sites: Site[];
  canEdit: boolean;
}

/** The desk table with create, edit and delete (deleting an occupied desk asks what to do with the person). */
export function DeskManager({ floors, sites, canEdit }: DeskManagerProps) {
  const t = useT();
  const desks = useDesks();
  const remove = useDeleteDesk();
  const [editing, setEditing] = useState<Desk | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Desk | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<'edit' | 'delete' | null>(null);
  /** What the last change to many desks did, until the next one. */
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const removeMany = useBulkDeleteDesks();
  /** A deletion of many desks that some were refused: shown in its dialog until closed. */
  const [deleteOutcome, setDeleteOutcome] = useState<BulkOutcome | null>(null);
  const occupant = remove.error?.code === 'desk_occupied' ? remove.error : null;
  // Facility managers may not log people out: the service says who sits there and that helpdesk can help.
  const mayLogOut = occupant?.body.mayLogOut !== false;

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  if (desks.isPending) return <LoadingPanel label={t('deskManager.loading')} />;
  if (desks.isError) return <ErrorPanel error={desks.error} onRetry={() => void desks.refetch()} />;

  // Desks deleted meanwhile (here or elsewhere) drop out of the selection.
  const chosen = desks.data.filter((desk) => selected.has(desk.id));
  const select = (ids: readonly string[], on: boolean) => {
    setBulkResult(null);
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  };
  const closeBulkDelete = () => {
    setBulk(null);
    setDeleteOutcome(null);
    removeMany.reset();
  };
  const bar = (
    <div className="bulk-bar">
      <span className="bulk-count" role="status">
        {bulkResult ?? t('deskManager.selected', { count: chosen.length })}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={chosen.length === 0}
        onClick={() => setBulk('edit')}
      >
        {t('deskManager.editSelected', { count: chosen.length })}
      </button>
      <button
        type="button"
        className="button button-small button-quiet-danger"
        disabled={chosen.length === 0}
        onClick={() => setBulk('delete')}
      >
        {t('deskManager.deleteSelected', { count: chosen.length })}
      </button>
      {chosen.length > 0 && (
        <button type="button" className="button button-small" onClick={() => setSelected(new Set())}>
          {t('deskManager.clearSelection')}
        </button>
      )}
    </div>
  );

  return (
    <>
      {canEdit && (
        <div className="section-actions">
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('deskManager.new')}
          </button>
        </div>
      )}
      {desks.data.length === 0 ? (
        <EmptyState title={t('board.emptyTitle')}>
          <p>{canEdit ? t('deskManager.emptyEdit') : t('deskManager.emptyView')}</p>
        </EmptyState>
      ) : (
        <DeskTable
          desks={desks.data}
          floors={floors}
          sites={sites}
          canEdit={canEdit}
          onEdit={setEditing}
          onDelete={setDeleting}
          selection={canEdit ? { selected, onSelect: select, bar } : undefined}
        />
      )}
      <BulkEditDialog
        desks={bulk === 'edit' ? chosen : null}
        floors={floors}
        onClose={() => setBulk(null)}
        onDone={(outcome) => setBulkResult(t('deskManager.changed', { count: outcome.done.length }))}
      />
      <ConfirmDialog
        open={bulk === 'delete'}
        title={
          deleteOutcome ? t('deskManager.deletedTitle') : t('deskManager.deleteManyTitle', { count: chosen.length })
        }
        confirmLabel={t('deskManager.deleteMany', { count: chosen.length })}
        danger
        busy={removeMany.isPending}
        canConfirm={deleteOutcome === null}
        onCancel={closeBulkDelete}
        onConfirm={() =>
          removeMany.mutate(chosen, {
            onSuccess: (outcome) => {
              setBulkResult(t('deskManager.deleted', { count: outcome.done.length }));
              if (outcome.failed.length === 0) closeBulkDelete();
              else setDeleteOutcome(outcome);
            },
          })
        }
      >
        {deleteOutcome ? (
          <BulkFailures
            summary={t('deskManager.deletedPartly', {
              done: deleteOutcome.done.length,
              count: deleteOutcome.done.length + deleteOutcome.failed.length,
            })}
            failed={deleteOutcome.failed}
          />
        ) : (
          <p>{t('deskManager.deleteManyBody')}</p>
        )}
        {removeMany.error && (
          <p className="field-error" role="alert">
            {removeMany.error.message}
          </p>
        )}
      </ConfirmDialog>
      <DeskFormDialog
        open={editing !== null}
        desk={editing === 'new' ? null : editing}
        floors={floors}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={occupant ? t('deskManager.inUse') : t('deskManager.deleteTitle', { desk: deleting?.name ?? '' })}
        confirmLabel={occupant ? t('deskManager.logoutDelete') : t('deskManager.delete')}
        danger
        canConfirm={occupant === null || mayLogOut}
        busy={remove.isPending}
        onCancel={closeDelete}
        onConfirm={() => {
          if (deleting)
            remove.mutate({ desk: deleting, logoutOccupant: occupant !== null }, { onSuccess: closeDelete });
        }}
      >
        {occupant ? <p>{occupant.message}</p> : <p>{t('deskManager.deleteBody')}</p>}
        {remove.error && !occupant && (
          <p className="field-error" role="alert">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
