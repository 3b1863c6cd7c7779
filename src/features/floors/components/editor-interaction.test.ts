import { describe, expect, it } from 'vitest';
import { idle, interact, type Interaction, type InteractionEvent } from './editor-interaction.ts';

const run = (...events: InteractionEvent[]): Interaction => events.reduce(interact, idle);
const corner = (x: number, y: number): InteractionEvent => ({ type: 'corner', point: { x, y } });

describe('the floor editor’s interaction', () => {
  it('names a zone drawn with three corners or more, and ignores one of fewer', () => {
    const drawn = run({ type: 'tool', tool: 'zone' }, corner(0.1, 0.1), corner(0.5, 0.1), corner(0.5, 0.5));
    expect(drawn.zonePoints).toHaveLength(3);
    const closed = interact(drawn, { type: 'finishZone' });
    expect(closed.zonePoints).toEqual([]);
    expect(closed.dialog).toEqual({ kind: 'zone', polygon: drawn.zonePoints, editing: false });
    expect(interact(closed, { type: 'done' })).toMatchObject({ tool: 'select', dialog: null });

    const short = run({ type: 'tool', tool: 'zone' }, corner(0.1, 0.1), corner(0.2, 0.2), { type: 'finishZone' });
    expect(short).toMatchObject({ tool: 'zone', zonePoints: [], dialog: null });
  });

  it('takes corners only while drawing a zone', () => {
    expect(run(corner(0.1, 0.1)).zonePoints).toEqual([]);
  });

  it('stops placing and drawing when the tool changes or on Escape', () => {
    const placing = run({ type: 'tool', tool: 'zone' }, corner(0.1, 0.1), { type: 'place', id: 'desk-1' });
    expect(placing).toMatchObject({ tool: 'select', placing: 'desk-1', zonePoints: [] });
    expect(interact(placing, { type: 'place', id: 'desk-1' }).placing).toBeNull();
    expect(interact(placing, { type: 'tool', tool: 'add' })).toMatchObject({ tool: 'add', placing: null });
    const drawing = run({ type: 'tool', tool: 'zone' }, corner(0.1, 0.1));
    expect(interact(drawing, { type: 'cancel' })).toMatchObject({ tool: 'zone', zonePoints: [] });
  });

  it('opens "New desks" afresh each time, and keeps it open when desks were made until it closes', () => {
    const once = run(
      { type: 'tool', tool: 'add' },
      { type: 'open', dialog: { kind: 'newDesks', at: { x: 0.5, y: 0.5 } } },
    );
    expect(once.newDesksOpenings).toBe(1);
    const made = interact(once, { type: 'done' });
    expect(made).toMatchObject({ tool: 'select', dialog: { kind: 'newDesks' } });
    expect(interact(made, { type: 'close' }).dialog).toBeNull();
    const twice = interact(interact(made, { type: 'close' }), {
      type: 'open',
      dialog: { kind: 'newDesks', at: { x: 0.2, y: 0.2 } },
    });
    expect(twice.newDesksOpenings).toBe(2);
    expect(interact(twice, { type: 'open', dialog: { kind: 'remove' } }).newDesksOpenings).toBe(2);
  });
});
