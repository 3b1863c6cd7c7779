import { ZoomControls } from './floor-canvas.tsx';

interface EditorToolbarProps {
  mode: 'select' | 'zone';
  onMode: (mode: 'select' | 'zone') => void;
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

/** The floor editor's tools: select or draw zones, zoom, snapping, undo and redo, discard and save. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { mode, onMode, zoom, snapOn, unsaved, saving } = props;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Floor editor tools">
      <div className="segmented" role="radiogroup" aria-label="Tool">
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'select'}
          className={mode === 'select' ? 'active' : ''}
          onClick={() => onMode('select')}
        >
          Select
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'zone'}
          className={mode === 'zone' ? 'active' : ''}
          onClick={() => onMode('zone')}
        >
          Draw zone
        </button>
      </div>
      <ZoomControls zoomBy={zoom.zoomBy} fit={zoom.fit} level={zoom.level} />
      <label className="checkbox">
        <input type="checkbox" checked={snapOn} onChange={(event) => props.onSnap(event.target.checked)} /> Snap to grid
      </label>
      <div className="toolbar-group">
        <button type="button" className="button button-small" onClick={props.onUndo} disabled={!props.canUndo}>
          Undo
        </button>
        <button type="button" className="button button-small" onClick={props.onRedo} disabled={!props.canRedo}>
          Redo
        </button>
      </div>
      <div className="toolbar-spacer" />
      <span className="change-count" role="status">
        {unsaved > 0 ? `${unsaved} unsaved` : 'Saved'}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={unsaved === 0 || saving}
        onClick={props.onDiscard}
      >
        Discard
      </button>
      <button type="button" className="button button-primary" disabled={unsaved === 0 || saving} onClick={props.onSave}>
        {saving ? 'Saving…' : 'Save floor'}
      </button>
    </div>
  );
}
