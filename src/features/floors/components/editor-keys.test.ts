import { describe, expect, it } from 'vitest';
import { keyCommand, NUDGE, NUDGE_LARGE, type KeyPress } from './editor-keys.ts';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});
const none = { hasSelection: false, hasZoneSelection: false, drawingZone: false };
const selected = { ...none, hasSelection: true };

describe('the floor editor keyboard', () => {
  it('moves the selection with the arrows (further with Shift), and pans the plan when nothing is selected', () => {
    expect(keyCommand(press('ArrowLeft'), selected)).toEqual({ kind: 'nudge', dx: -NUDGE, dy: 0 });
    expect(keyCommand(press('ArrowDown', { shiftKey: true }), selected)).toEqual({
      kind: 'nudge',
      dx: 0,
      dy: NUDGE_LARGE,
    });
    expect(keyCommand(press('ArrowRight'), none)).toEqual({ kind: 'pan', dx: -60, dy: 0 });
  });

  it('undoes and redoes with Ctrl or ⌘, and selects all', () => {
    expect(keyCommand(press('z', { ctrlKey: true }), none)).toEqual({ kind: 'undo' });
    expect(keyCommand(press('Z', { metaKey: true, shiftKey: true }), none)).toEqual({ kind: 'redo' });
    expect(keyCommand(press('y', { ctrlKey: true }), none)).toEqual({ kind: 'redo' });
    expect(keyCommand(press('a', { ctrlKey: true }), none)).toEqual({ kind: 'selectAll' });
    // Ctrl+R is the browser's reload, not a rotation.
    expect(keyCommand(press('r', { ctrlKey: true }), selected)).toBeNull();
  });

  it('removes only when something is selected, turns a quarter or (Shift) a fine step, and finishes a zone with Enter', () => {
    expect(keyCommand(press('Delete'), none)).toBeNull();
    expect(keyCommand(press('Backspace'), { ...none, hasZoneSelection: true })).toEqual({ kind: 'remove' });
    expect(keyCommand(press('r'), selected)).toEqual({ kind: 'rotate', degrees: 90 });
    expect(keyCommand(press('R', { shiftKey: true }), selected)).toEqual({ kind: 'rotate', degrees: 15 });
    expect(keyCommand(press('Enter'), none)).toBeNull();
    expect(keyCommand(press('Enter'), { ...none, drawingZone: true })).toEqual({ kind: 'finishZone' });
    expect(keyCommand(press('Escape'), none)).toEqual({ kind: 'cancel' });
    expect(keyCommand(press('0'), none)).toEqual({ kind: 'fit' });
    expect(keyCommand(press('x'), selected)).toBeNull();
  });
});
