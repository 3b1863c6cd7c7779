import { useState } from 'react';
import type { LayoutConflict } from '../../../../contract/desks.ts';
import { Dialog } from '../../../components/dialog.tsx';
import type { EditorState } from './editor-state.ts';

const where = (
  desk: { onFloor: boolean; x: number | null; y: number | null; rotation: number } | undefined,
  floorId: string,
  floorOf?: string | null,
) => {
  if (!desk || !desk.onFloor || desk.x === null || desk.y === null || (floorOf !== undefined && floorOf !== floorId))
    return 'not on this floor';
  return `at ${Math.round(desk.x * 100)}% / ${Math.round(desk.y * 100)}%, ${Math.round(desk.rotation)}°`;
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
  const [theirs, setTheirs] = useState<ReadonlySet<string>>(new Set());
  const items = [
    ...(conflict?.desks ?? []).map((desk) => ({
      id: desk.id,
      label: `Desk ${desk.name}`,
      theirs: where({ onFloor: desk.floorId === floorId, x: desk.x, y: desk.y, rotation: desk.rotation }, floorId),
      mine: where(state.draft.desks[desk.id], floorId),
    })),
    ...(conflict?.zones ?? []).map(({ id, current }) => ({
      id,
      label: `Zone ${current?.name ?? state.draft.zones.find((zone) => zone.key === id)?.name ?? ''}`,
      theirs: current ? 'changed' : 'deleted',
      mine: state.draft.zones.find((zone) => zone.key === id)?.deleted ? 'deleted' : 'changed',
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
      title="Someone else changed this floor"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Back to editing
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => onResolve(new Set(items.map((item) => item.id).filter((id) => !theirs.has(id))))}
          >
            Apply choices and save
          </button>
        </>
      }
    >
      <p>
        While you were editing, someone saved changes to {items.length} of the items you changed too. Choose for each
        which version to keep. Your other changes and theirs are kept either way.
      </p>
      <table className="data-table conflict-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Theirs</th>
            <th scope="col">Yours</th>
            <th scope="col">Keep</th>
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
                  <legend className="visually-hidden">Keep which version of {item.label}</legend>
                  <label>
                    <input
                      type="radio"
                      name={`keep-${item.id}`}
                      checked={!theirs.has(item.id)}
                      onChange={() => toggle(item.id, false)}
                    />{' '}
                    Mine
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`keep-${item.id}`}
                      checked={theirs.has(item.id)}
                      onChange={() => toggle(item.id, true)}
                    />{' '}
                    Theirs
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
