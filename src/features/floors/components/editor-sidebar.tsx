import type { DraftDesk, DraftZone } from './editor-state.ts';
import { SearchField } from '../../../components/search-field.tsx';

interface EditorSidebarProps {
  /** Names of the selected desks. */
  selection: string[];
  zone: DraftZone | null;
  /** Desks that may be placed on this floor, filtered and sorted. */
  unplaced: DraftDesk[];
  filter: string;
  onFilter: (filter: string) => void;
  /** The desk waiting for a click on the plan. */
  placing: string | null;
  onRotate: (left: boolean) => void;
  onRemove: () => void;
  onEditZone: () => void;
  onPlace: (id: string) => void;
  onToCentre: (id: string) => void;
}

/** The floor editor's side panel: what is selected and what can be done with it; desks still to place. */
export function EditorSidebar(props: EditorSidebarProps) {
  const { selection, zone, unplaced, filter, onFilter, placing, onRotate, onRemove, onEditZone } = props;
  return (
    <aside className="editor-sidebar" aria-label="Desks and selection">
      {selection.length > 0 ? (
        <section className="sidebar-section">
          <h3>{selection.length === 1 ? `Desk ${selection[0] ?? ''}` : `${selection.length} desks selected`}</h3>
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => onRotate(true)}>
              Rotate left
            </button>
            <button type="button" className="button button-small" onClick={() => onRotate(false)}>
              Rotate right
            </button>
          </div>
          <button type="button" className="button button-small button-quiet-danger" onClick={onRemove}>
            Remove from floor
          </button>
          <p className="field-hint">Arrow keys move (Shift: further), R rotates, Delete removes.</p>
        </section>
      ) : zone ? (
        <section className="sidebar-section">
          <h3>Zone {zone.name}</h3>
          <p className="field-hint">Drag the corner handles to reshape it.</p>
          <button type="button" className="button button-small" onClick={onEditZone}>
            Rename or recolour
          </button>
          <button type="button" className="button button-small button-quiet-danger" onClick={onRemove}>
            Delete zone
          </button>
        </section>
      ) : null}
      <section className="sidebar-section">
        <h3>Desks not on a floor</h3>
        <SearchField
          id="unplaced-filter"
          label="Filter desks not on a floor"
          placeholder="Filter"
          value={filter}
          onChange={onFilter}
          layout="stacked"
          hideLabel
        />
        {unplaced.length === 0 ? (
          <p className="muted">Every desk has a place. Create desks in the desk table or import them.</p>
        ) : (
          <ul className="unplaced-list">
            {unplaced.slice(0, 60).map((desk) => (
              <li key={desk.id}>
                <span>{desk.name}</span>
                <span className="button-row">
                  <button
                    type="button"
                    className={`button button-small${placing === desk.id ? ' button-primary' : ''}`}
                    aria-pressed={placing === desk.id}
                    onClick={() => props.onPlace(desk.id)}
                    aria-label={`Place ${desk.name} by clicking the plan`}
                  >
                    Place
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Place ${desk.name} in the middle of the view`}
                    onClick={() => props.onToCentre(desk.id)}
                  >
                    To centre
                  </button>
                </span>
              </li>
            ))}
            {unplaced.length > 60 && <li className="muted">… and {unplaced.length - 60} more; filter to find one.</li>}
          </ul>
        )}
      </section>
    </aside>
  );
}
