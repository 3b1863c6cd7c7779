import { ZoomControls } from './floor-canvas.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { Choice } from '../../../components/form-parts.tsx';

/** What a press on the plan does: select and move desks, create new desks there, or draw a zone's corners. */
export type EditorMode = 'select' | 'add' | 'zone';

interface EditorToolbarProps {
  mode: EditorMode;
  onMode: (mode: EditorMode) => void;
  zoom: { zoomBy: (factor: number) => void; fit: () => void; level: number };
  snapOn: boolean;
  onSnap: (on: boolean) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  /** Unsaved changes (0: everything is saved). */
  unsaved: number;
  saving: boolean;
  onDiscard: () => void;
  onSave: () => void;
}

/** The floor editor's tools: select, add desks or draw zones, zoom, snapping, undo and redo, discard and save. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { mode, onMode, zoom, snapOn, unsaved, saving } = props;
  const t = useT();
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="segmented" role="radiogroup" aria-label={t('toolbar.tool')}>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'select'}
          className={mode === 'select' ? 'active' : ''}
          onClick={() => onMode('select')}
        >
          {t('toolbar.select')}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'add'}
          className={mode === 'add' ? 'active' : ''}
          onClick={() => onMode('add')}
        >
          {t('toolbar.addDesks')}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'zone'}
          className={mode === 'zone' ? 'active' : ''}
          onClick={() => onMode('zone')}
        >
          {t('toolbar.drawZone')}
        </button>
      </div>
      <ZoomControls zoomBy={zoom.zoomBy} fit={zoom.fit} level={zoom.level} />
      <Choice checked={snapOn} onChange={(event) => props.onSnap(event.target.checked)} label={t('toolbar.snap')} />
      <div className="toolbar-group">
        <button type="button" className="button button-small" onClick={props.onUndo} disabled={!props.canUndo}>
          {t('toolbar.undo')}
        </button>
        <button type="button" className="button button-small" onClick={props.onRedo} disabled={!props.canRedo}>
          {t('toolbar.redo')}
        </button>
      </div>
      <div className="toolbar-group toolbar-save">
        <span className="change-count" role="status">
          {unsaved > 0 ? t('toolbar.unsaved', { count: unsaved }) : t('toolbar.saved')}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={unsaved === 0 || saving}
          onClick={props.onDiscard}
        >
          {t('toolbar.discard')}
        </button>
        <button
          type="button"
          className="button button-primary button-small"
          disabled={unsaved === 0 || saving}
          onClick={props.onSave}
        >
          {saving ? t('common.saving') : t('toolbar.save')}
        </button>
      </div>
    </div>
  );
}
