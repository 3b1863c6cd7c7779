import type { DraftDesk, DraftZone } from './editor-state.ts';
import { SearchField } from '../../../components/search-field.tsx';
import { useT } from '../../../i18n/use-t.ts';

interface EditorSidebarProps {
  /** Names of the selected desks. */
  selection: string[];
  zone: DraftZone | null;
  /** Desks that may be placed on this floor, filtered and sorted. */
  unplaced: DraftDesk[];
  /** Which of them are this floor's already (in the desk table), only without a place on its map. */
  onThisFloor: ReadonlySet<string>;
  filter: string;
  onFilter: (filter: string) => void;
  /** The desk waiting for a click on the plan. */
  placing: string | null;
  /** `fine`: Shift was held, a fine step instead of a quarter turn. */
  onRotate: (left: boolean, fine: boolean) => void;
  onRemove: () => void;
  onEditZone: () => void;
  onPlace: (id: string) => void;
  onToCentre: (id: string) => void;
  /** Opens "New desks" with the first in the middle of the view (the keyboard's way to add desks). */
  onNewDesks: () => void;
}

/** The floor editor's side panel: what is selected and what can be done with it; desks still to place. */
export function EditorSidebar(props: EditorSidebarProps) {
  const { selection, zone, unplaced, filter, onFilter, onRotate, onRemove, onEditZone } = props;
  const t = useT();
  return (
    <aside className="editor-sidebar" aria-label={t('sidebar.label')}>
      {selection.length > 0 ? (
        <section className="sidebar-section">
          <h3>
            {selection.length === 1
              ? t('live.desk', { desk: selection[0] ?? '' })
              : t('sidebar.selected', { count: selection.length })}
          </h3>
          <div className="button-row">
            <button
              type="button"
              className="button button-small"
              title={t('sidebar.rotateHint')}
              onClick={(event) => onRotate(true, event.shiftKey)}
            >
              {t('sidebar.rotateLeft')}
            </button>
            <button
              type="button"
              className="button button-small"
              title={t('sidebar.rotateHint')}
              onClick={(event) => onRotate(false, event.shiftKey)}
            >
              {t('sidebar.rotateRight')}
            </button>
          </div>
          <button type="button" className="button button-small button-quiet-danger" onClick={onRemove}>
            {t('sidebar.removeFromFloor')}
          </button>
          <p className="field-hint">{t('sidebar.keys')}</p>
        </section>
      ) : zone ? (
        <section className="sidebar-section">
          <h3>{t('sidebar.zone', { zone: zone.name })}</h3>
          <p className="field-hint">{t('sidebar.reshape')}</p>
          <button type="button" className="button button-small" onClick={onEditZone}>
            {t('sidebar.renameZone')}
          </button>
          <button type="button" className="button button-small button-quiet-danger" onClick={onRemove}>
            {t('editor.deleteZone')}
          </button>
        </section>
      ) : null}
      <section className="sidebar-section">
        <h3>{t('sidebar.newDesks')}</h3>
        <p className="field-hint">{t('sidebar.newDesksHint')}</p>
        <button type="button" className="button button-small" onClick={props.onNewDesks}>
          {t('sidebar.newDesksButton')}
        </button>
      </section>
      <section className="sidebar-section">
        <h3>{t('sidebar.toPlace')}</h3>
        <SearchField
          id="unplaced-filter"
          label={t('sidebar.filterLabel')}
          placeholder={t('sidebar.filter')}
          value={filter}
          onChange={onFilter}
          layout="stacked"
          hideLabel
        />
        {unplaced.length === 0 ? (
          <p className="muted">{t('sidebar.allPlaced')}</p>
        ) : (
          <>
            <DeskGroup
              title={t('sidebar.onThisFloor')}
              desks={unplaced.filter((desk) => props.onThisFloor.has(desk.id))}
              {...props}
            />
            <DeskGroup
              title={t('sidebar.unplaced')}
              desks={unplaced.filter((desk) => !props.onThisFloor.has(desk.id))}
              {...props}
            />
          </>
        )}
      </section>
    </aside>
  );
}

const SHOWN = 60;

/** One group of desks to place, each with "Place" and "To centre". */
function DeskGroup({
  title,
  desks,
  placing,
  onPlace,
  onToCentre,
}: { title: string; desks: DraftDesk[] } & Pick<EditorSidebarProps, 'placing' | 'onPlace' | 'onToCentre'>) {
  const t = useT();
  if (desks.length === 0) return null;
  return (
    <>
      <h4 className="sidebar-subtitle">{title}</h4>
      <ul className="unplaced-list">
        {desks.slice(0, SHOWN).map((desk) => (
          <li key={desk.id}>
            <span>{desk.name}</span>
            <span className="button-row">
              <button
                type="button"
                className={`button button-small${placing === desk.id ? ' button-primary' : ''}`}
                aria-pressed={placing === desk.id}
                onClick={() => onPlace(desk.id)}
                aria-label={t('sidebar.placeLabel', { desk: desk.name })}
              >
                {t('sidebar.place')}
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={t('sidebar.toCentreLabel', { desk: desk.name })}
                onClick={() => onToCentre(desk.id)}
              >
                {t('sidebar.toCentre')}
              </button>
            </span>
          </li>
        ))}
        {desks.length > SHOWN && <li className="muted">{t('sidebar.more', { count: desks.length - SHOWN })}</li>}
      </ul>
    </>
  );
}
