/** What a key pressed on the floor editor's canvas asks for; the editor carries it out. */
export type EditorCommand =
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'selectAll' }
  | { kind: 'remove' }
  | { kind: 'rotate'; degrees: number }
  | { kind: 'cancel' }
  | { kind: 'finishZone' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'fit' };

export const NUDGE = 0.005;
export const NUDGE_LARGE = 0.025;
export const ROTATE_STEP = 90;
/** With Shift, a desk turns by this much (a desk at an angle to the wall). */
export const ROTATE_FINE_STEP = 15;
const PAN_STEP = 60;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * The editor's keyboard: arrows move the selection (Shift: further) or pan the plan, Ctrl/⌘+Z undoes
 * (with Shift redoes), Ctrl/⌘+Y redoes, Ctrl/⌘+A selects all, Delete/Backspace removes what is selected,
 * R turns a quarter (Shift: a fine step), Escape cancels, Enter finishes a zone, + − 0 zoom.
 */
export function keyCommand(
  press: KeyPress,
  context: { hasSelection: boolean; hasZoneSelection: boolean; drawingZone: boolean },
): EditorCommand | null {
  const command = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  const arrow = ARROWS[press.key];
  if (arrow) {
    const step = press.shiftKey ? NUDGE_LARGE : NUDGE;
    return context.hasSelection
      ? { kind: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step }
      : { kind: 'pan', dx: 0 - arrow[0] * PAN_STEP, dy: 0 - arrow[1] * PAN_STEP };
  }
  if (command && key === 'z') return { kind: press.shiftKey ? 'redo' : 'undo' };
  if (command && key === 'y') return { kind: 'redo' };
  if (command && key === 'a') return { kind: 'selectAll' };
  if (command) return null;
  if (press.key === 'Delete' || press.key === 'Backspace')
    return context.hasSelection || context.hasZoneSelection ? { kind: 'remove' } : null;
  if (key === 'r') return { kind: 'rotate', degrees: press.shiftKey ? ROTATE_FINE_STEP : ROTATE_STEP };
  if (press.key === 'Escape') return { kind: 'cancel' };
  if (press.key === 'Enter') return context.drawingZone ? { kind: 'finishZone' } : null;
  if (press.key === '+' || press.key === '=') return { kind: 'zoom', factor: 1.25 };
  if (press.key === '-') return { kind: 'zoom', factor: 0.8 };
  if (press.key === '0') return { kind: 'fit' };
  return null;
}
