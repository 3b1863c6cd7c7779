import { useState } from 'react';
import type { Site } from '../../../../contract/sites.ts';
import type { Desk, Floor } from '../../../../contract/desks.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useDeleteDesk, useDesks } from '../api/desks.ts';
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
  const occupant = remove.error?.code === 'desk_occupied' ? remove.error : null;
  // Facility managers may not log people out: the service says who sits there and that helpdesk can help.
  const mayLogOut = occupant?.body.mayLogOut !== false;

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  if (desks.isPending) return <LoadingPanel label={t('deskManager.loading')} />;
  if (desks.isError) return <ErrorPanel error={desks.error} onRetry={() => void desks.refetch()} />;

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
        />
      )}
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
