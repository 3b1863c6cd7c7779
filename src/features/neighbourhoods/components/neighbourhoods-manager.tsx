import { useState } from 'react';
import type { Floor, Zone } from '../../../../contract/floors.ts';
import type { Neighbourhood } from '../../../../contract/neighbourhoods.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { useDeleteNeighbourhood, useNeighbourhoods } from '../api/neighbourhoods.ts';
import { NeighbourhoodDialog } from './neighbourhood-dialog.tsx';

/** Zones and desks kept for a PBX group: who may book and check in there; facility and admin edit them. */
export function NeighbourhoodsManager({
  canEdit,
  zones,
  floors,
}: {
  canEdit: boolean;
  zones: Zone[];
  floors: Floor[];
}) {
  const t = useT();
  const list = useNeighbourhoods();
  const remove = useDeleteNeighbourhood();
  const [editing, setEditing] = useState<{ current: Neighbourhood | null } | null>(null);
  const [deleting, setDeleting] = useState<Neighbourhood | null>(null);

  if (list.isPending) return <LoadingPanel label={t('neighbourhoods.loading')} />;
  if (list.isError) return <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />;
  const places = (neighbourhood: Neighbourhood) =>
    [
      ...neighbourhood.zones.map((zone) => t('neighbourhoods.zoneOn', { zone: zone.name, floor: zone.floorName })),
      ...neighbourhood.desks.map((desk) => desk.name),
    ].join(', ');

  return (
    <div className="panel">
      {canEdit && (
        <div className="table-toolbar">
          <button type="button" className="button button-primary" onClick={() => setEditing({ current: null })}>
            {t('neighbourhoods.new')}
          </button>
        </div>
      )}
      {list.data.neighbourhoods.length === 0 ? (
        <EmptyState title={t('neighbourhoods.emptyTitle')}>
          <p>{t('neighbourhoods.emptyBody')}</p>
        </EmptyState>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('desks.tabNeighbourhoods')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('neighbourhoods.name')}</th>
              <th scope="col">{t('neighbourhoods.group')}</th>
              <th scope="col">{t('neighbourhoods.others')}</th>
              <th scope="col">{t('neighbourhoods.places')}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('board.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.data.neighbourhoods.map((neighbourhood) => (
              <tr key={neighbourhood.id}>
                <th scope="row">{neighbourhood.name}</th>
                <td>{neighbourhood.pbxGroup}</td>
                <td>
                  {neighbourhood.othersFrom
                    ? t('neighbourhoods.othersFromShort', { time: neighbourhood.othersFrom })
                    : t('neighbourhoods.membersOnly')}
                </td>
                <td>{places(neighbourhood)}</td>
                {canEdit && (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('neighbourhoods.editLabel', { name: neighbourhood.name })}
                      onClick={() => setEditing({ current: neighbourhood })}
                    >
                      {t('deskTable.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet-danger"
                      aria-label={t('neighbourhoods.deleteLabel', { name: neighbourhood.name })}
                      onClick={() => setDeleting(neighbourhood)}
                    >
                      {t('deskTable.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NeighbourhoodDialog
        open={editing !== null}
        current={editing?.current ?? null}
        groups={list.data.groups}
        zones={zones}
        floors={floors}
        taken={
          new Map(
            list.data.neighbourhoods
              .filter((one) => one.id !== editing?.current?.id)
              .flatMap((one) => one.zones.map((zone) => [zone.id, one.name] as const)),
          )
        }
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('neighbourhoods.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('deskTable.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting, { onSettled: () => setDeleting(null) })}
      >
        <p>{t('neighbourhoods.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
