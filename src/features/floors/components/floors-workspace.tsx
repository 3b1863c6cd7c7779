import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Desk } from '../../../../contract/desks.ts';
import { LabelsLink } from '../../../components/labels-link.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { floorQueries, useFloors } from '../api/floors.ts';
import { FloorDialog } from './floor-dialog.tsx';
import { FloorEditor } from './floor-editor.tsx';
import { FloorLiveView, type DeskLiveInfo } from './floor-live-view.tsx';
import { PlanUpload } from './plan-upload.tsx';
import { useT } from '../../../i18n/use-t.ts';

interface FloorsWorkspaceProps {
  canEdit: boolean;
  floorId: string | null;
  /** `deskId`: a desk to open there (a search hit on another floor). */
  onFloorChange: (floorId: string, deskId?: string) => void;
  /** A desk to open in the live view (a link from the board). */
  focusDeskId?: string | null;
  live: ReadonlyMap<string, DeskLiveInfo>;
  onForceLogout?: ((desk: Desk) => void) | undefined;
  onCheckIn?: ((desk: Desk) => void) | undefined;
}

/** Floor tabs, and for the chosen floor: its plan, the editor (facility, admin) or the live view. */
export function FloorsWorkspace({
  canEdit,
  floorId,
  onFloorChange,
  focusDeskId = null,
  live,
  onForceLogout,
  onCheckIn,
}: FloorsWorkspaceProps) {
  const t = useT();
  const floors = useFloors();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  // A link to a desk shows it live, also to those who could edit the floor.
  const [view, setView] = useState<'edit' | 'live'>(canEdit && !focusDeskId ? 'edit' : 'live');
  const [focused, setFocused] = useState(focusDeskId);
  if (focusDeskId !== focused) {
    setFocused(focusDeskId);
    if (focusDeskId) setView('live');
  }
  const floor = floors.data?.find((candidate) => candidate.id === floorId) ?? floors.data?.[0] ?? null;
  const desks = useQuery({ ...floorQueries.desks(floor?.id ?? ''), enabled: floor !== null });
  const zones = useQuery({ ...floorQueries.zones(floor?.id ?? ''), enabled: floor !== null });
  const floorNames = useMemo(
    () => new Map((floors.data ?? []).map((candidate) => [candidate.id, candidate.name])),
    [floors.data],
  );

  if (floors.isPending) return <LoadingPanel label={t('floors.loading')} />;
  if (floors.isError) return <ErrorPanel error={floors.error} onRetry={() => void floors.refetch()} />;

  const newFloor = (
    <FloorDialog open={creating} onClose={() => setCreating(false)} onSaved={(created) => onFloorChange(created.id)} />
  );
  if (!floor) {
    return (
      <>
        <EmptyState title={t('floors.emptyTitle')}>
          <p>{canEdit ? t('floors.emptyEdit') : t('floors.emptyView')}</p>
          {canEdit && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('floors.create')}
            </button>
          )}
        </EmptyState>
        {newFloor}
      </>
    );
  }

  return (
    <div className="floors-workspace">
      <div className="floor-tabs">
        <div role="tablist" aria-label={t('floors.tabs')}>
          {floors.data.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="tab"
              aria-selected={candidate.id === floor.id}
              className={candidate.id === floor.id ? 'tab active' : 'tab'}
              onClick={() => onFloorChange(candidate.id)}
            >
              {candidate.name}
              {candidate.building && <span className="tab-sub">{candidate.building}</span>}
            </button>
          ))}
        </div>
        {!canEdit && <LabelsLink floorId={floor.id} label={t('floors.labels')} />}
        {canEdit && (
          <div className="button-row">
            <LabelsLink floorId={floor.id} label={t('floors.labels')} />
            {floor.plan && <PlanUpload floor={floor} compact />}
            <button type="button" className="button button-small" onClick={() => setEditing(true)}>
              {t('floorDialog.editButton')}
            </button>
            <button type="button" className="button button-small" onClick={() => setCreating(true)}>
              {t('floorDialog.title')}
            </button>
            <div className="segmented" role="radiogroup" aria-label={t('floors.view')}>
              <button
                type="button"
                role="radio"
                aria-checked={view === 'edit'}
                className={view === 'edit' ? 'active' : ''}
                onClick={() => setView('edit')}
              >
                {t('floors.edit')}
              </button>
              <button
                type="button"
                role="radio"
                aria-checked={view === 'live'}
                className={view === 'live' ? 'active' : ''}
                onClick={() => setView('live')}
              >
                {t('shell.live')}
              </button>
            </div>
          </div>
        )}
      </div>
      <div role="tabpanel" aria-label={floor.name}>
        {!floor.plan ? (
          canEdit ? (
            <PlanUpload floor={floor} />
          ) : (
            <EmptyState title={t('floors.noPlan')}>
              <p>{t('floors.noPlanBody')}</p>
            </EmptyState>
          )
        ) : desks.isPending || zones.isPending ? (
          <LoadingPanel label={t('floors.loadingFloor')} />
        ) : desks.isError || zones.isError ? (
          <ErrorPanel
            error={(desks.error ?? zones.error) as Error}
            onRetry={() => void Promise.all([desks.refetch(), zones.refetch()])}
          />
        ) : canEdit && view === 'edit' ? (
          <FloorEditor
            key={`${floor.id}:${floor.plan.width}x${floor.plan.height}`}
            floor={floor}
            desks={desks.data}
            zones={zones.data}
          />
        ) : (
          <FloorLiveView
            floor={floor}
            desks={desks.data}
            zones={zones.data}
            live={live}
            onForceLogout={onForceLogout}
            onCheckIn={onCheckIn}
            focusDeskId={focusDeskId}
            floorNames={floorNames}
            onGoTo={(floorId, deskId) => onFloorChange(floorId, deskId)}
          />
        )}
      </div>
      {newFloor}
      {canEdit && (
        <FloorDialog
          open={editing}
          floor={floor}
          deskCount={(desks.data ?? []).filter((desk) => desk.floorId === floor.id).length}
          onClose={() => setEditing(false)}
          onSaved={(saved) => onFloorChange(saved.id)}
          onDeleted={() => {
            const next = floors.data.find((candidate) => candidate.id !== floor.id);
            if (next) onFloorChange(next.id);
          }}
        />
      )}
    </div>
  );
}
