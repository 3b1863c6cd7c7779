import type { LayoutConflict } from '../../../../contract/floors.ts';
import type { Point } from '../../../../contract/geometry.ts';
import type { EditorMode } from './editor-toolbar.tsx';

/** The one dialog the editor may have open over the plan. */
export type EditorDialog =
  | { kind: 'newDesks'; at: Point }
  /** `editing`: the polygon is the selected zone's, and the dialog renames it; otherwise a zone just drawn. */
  | { kind: 'zone'; polygon: readonly Point[]; editing: boolean }
  | { kind: 'remove' }
  | { kind: 'conflict'; conflict: LayoutConflict };

/**
 * What the editor is doing besides holding its draft: the tool, a desk from the sidebar waiting for a press on
 * the plan, the corners of a zone being drawn, and at most one dialog. These exclude one another (placing a desk
 * leaves the other tools; a new tool stops placing and drawing), so they are one state with one set of moves.
 */
export interface Interaction {
  tool: EditorMode;
  placing: string | null;
  zonePoints: readonly Point[];
  dialog: EditorDialog | null;
  /** How often "New desks" was opened: its key, so that each opening starts from a fresh form. */
  newDesksOpenings: number;
}

export type InteractionEvent =
  | { type: 'tool'; tool: EditorMode }
  /** A desk of the sidebar chosen to place (again: not any more). */
  | { type: 'place'; id: string }
  | { type: 'placed' }
  | { type: 'corner'; point: Point }
  /** The zone being drawn is closed: with three corners or more, it is named in the zone dialog. */
  | { type: 'finishZone' }
  /** Escape: placing and drawing stop. */
  | { type: 'cancel' }
  | { type: 'open'; dialog: EditorDialog }
  | { type: 'close' }
  /** Desks were made, or a zone drawn and named: back to selecting. */
  | { type: 'done' };

export const idle: Interaction = { tool: 'select', placing: null, zonePoints: [], dialog: null, newDesksOpenings: 0 };

export function interact(current: Interaction, event: InteractionEvent): Interaction {
  switch (event.type) {
    case 'tool':
      return { ...current, tool: event.tool, placing: null, zonePoints: [] };
    case 'place':
      return { ...current, tool: 'select', zonePoints: [], placing: current.placing === event.id ? null : event.id };
    case 'placed':
      return { ...current, placing: null };
    case 'corner':
      return current.tool === 'zone' ? { ...current, zonePoints: [...current.zonePoints, event.point] } : current;
    case 'finishZone':
      return {
        ...current,
        zonePoints: [],
        dialog:
          current.zonePoints.length >= 3
            ? { kind: 'zone', polygon: current.zonePoints, editing: false }
            : current.dialog,
      };
    case 'cancel':
      return { ...current, placing: null, zonePoints: [] };
    case 'open':
      return {
        ...current,
        dialog: event.dialog,
        newDesksOpenings: current.newDesksOpenings + (event.dialog.kind === 'newDesks' ? 1 : 0),
      };
    case 'close':
      return { ...current, dialog: null };
    case 'done':
      return { ...current, tool: 'select', dialog: current.dialog?.kind === 'zone' ? null : current.dialog };
  }
}
