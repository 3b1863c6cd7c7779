import { useState } from 'react';
import type { LayoutConflict } from '../../../../contract/floors.ts';
import { Dialog } from '../../../components/dialog.tsx';
import type { EditorState } from './editor-state.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';

const where = (
  t: Translate,
  desk: { onFloor: boolean; x: number | null; y: number | null; rotation: number } | undefined,
  floorId: string,
  floorOf?: string | null,
) => {
  if (!desk || !desk.onFloor || desk.x === null || desk.y === null || (floorOf !== undefined && floorOf !== floorId))
    return t('conflict.notOnFloor');
  return t('conflict.at', {
    x: Math.round(desk.x * 100),
    y: Math.round(desk.y * 100),
    rotation: Math.round(desk.rotation),
  });
};

/**
 * Someone else saved this floor meanwhile. For every item both changed, the person chooses: keep mine
 * (it goes over theirs) or take theirs (mine is dropped). Everything else of both sides stays.
 */
export function ConflictDialog({
  conflict,
  state,
  floorId,
  onCancel,
  onResolve,
}: {
  conflict: LayoutConflict | null;
  state: EditorState;
  floorId: string;
  onCancel: () => void;
  onResolve: (keepMine: ReadonlySet<string>) => void;
}) {
  const t = useT();
  const [theirs, setTheirs] = useState<ReadonlySet<string>>(new Set());
  const items = [
    ...(conflict?.desks ?? []).map((desk) => ({
      id: desk.id,
      label: t('live.desk', { desk: desk.name }),
      theirs: where(t, { onFloor: desk.floorId === floorId, x: desk.x, y: desk.y, rotation: desk.rotation }, floorId),
      mine: where(t, state.draft.desks[desk.id], floorId),
    })),
    ...(conflict?.zones ?? []).map(({ id, current }) => ({
      id,
      label: t('sidebar.zone', {
        zone: current?.name ?? state.draft.zones.find((zone) => zone.key === id)?.name ?? '',
      }),
      theirs: current ? t('conflict.changed') : t('conflict.deleted'),
      mine: state.draft.zones.find((zone) => zone.key === id)?.deleted ? t('conflict.deleted') : t('conflict.changed'),
    })),
  ];
  const toggle = (id: string, takeTheirs: boolean) =>
    setTheirs((current) => {
      const next = new Set(current);
      if (takeTheirs) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Dialog
      open={conflict !== null}
      title={t('conflict.title')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('conflict.back')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => onResolve(new Set(items.map((item) => item.id).filter((id) => !theirs.has(id))))}
          >
            {t('conflict.apply')}
          </button>
        </>
      }
    >
      <p>{t('conflict.body', { count: items.length })}</p>
      <table className="data-table conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('conflict.item')}</th>
            <th scope="col">{t('conflict.theirs')}</th>
            <th scope="col">{t('conflict.yours')}</th>
            <th scope="col">{t('conflict.keep')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{item.label}</th>
              <td>{item.theirs}</td>
              <td>{item.mine}</td>
              <td>
                <fieldset className="choice">
                  <legend className="visually-hidden">{t('conflict.keepWhich', { item: item.label })}</legend>
                  <label>
                    <input
                      type="radio"
                      name={`keep-${item.id}`}
                      checked={!theirs.has(item.id)}
                      onChange={() => toggle(item.id, false)}
                    />
                    {t('conflict.mine')}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`keep-${item.id}`}
                      checked={theirs.has(item.id)}
                      onChange={() => toggle(item.id, true)}
                    />
                    {t('conflict.theirs')}
                  </label>
                </fieldset>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
