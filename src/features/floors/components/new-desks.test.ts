import { describe, expect, it } from 'vitest';
import { followingNames, macLines, proposeFirstName, rowPositions } from './new-desks.ts';

describe('new desks on the map', () => {
  it('propose the next name of the floor’s most common pattern, keeping the number’s width', () => {
    expect(proposeFirstName(['B1-0.01', 'B1-0.02', 'B1-0.07', 'Window seat', 'Lab 3'], 'Desk ')).toBe('B1-0.08');
    expect(proposeFirstName(['B1-0.09', 'B1-0.10', 'B1-0.08'], 'Desk ')).toBe('B1-0.11');
    expect(proposeFirstName(['R-099', 'R-098'], 'Desk ')).toBe('R-100');
    expect(proposeFirstName([], 'Desk ')).toBe('Desk 01');
    expect(proposeFirstName(['Desk 01'], 'Desk ')).toBe('Desk 02');
  });

  it('count on from the first name, skipping names already used', () => {
    expect(followingNames('B1-0.08', 4, ['B1-0.09'])).toEqual(['B1-0.08', 'B1-0.10', 'B1-0.11', 'B1-0.12']);
    expect(followingNames('3.99', 2)).toEqual(['3.99', '3.100']);
    expect(followingNames('Window', 3)).toEqual(['Window', 'Window 2', 'Window 3']);
    expect(followingNames('Window', 2, ['Window'])).toEqual(['Window 2', 'Window 3']);
  });

  it('read one MAC per line in any notation, and name the lines that are not one or repeat one', () => {
    const read = macLines('00:90:33:12:34:56\n\n0090.3312.3457\r\nnot a mac\n009033123456\n  00-90-33-12-34-58  ');
    expect(read.macs).toEqual(['009033123456', '009033123457', '009033123458']);
    expect(read.invalid).toEqual([4]);
    expect(read.repeated).toEqual([5]);
  });

  it('put a row side by side from the first desk, to the right or downwards', () => {
    const right = rowPositions({ x: 0.1, y: 0.5 }, 3, 'right', 1000, 500);
    expect(right.map((point) => point.y)).toEqual([0.5, 0.5, 0.5]);
    expect(right[1]?.x).toBeCloseTo(0.16);
    expect(right[2]?.x).toBeCloseTo(0.22);
    const down = rowPositions({ x: 0.1, y: 0.1 }, 3, 'down', 1000, 500);
    expect(down.map((point) => point.x)).toEqual([0.1, 0.1, 0.1]);
    expect(down[1]?.y).toBeCloseTo(0.18);
  });

  it('wrap a row that would run past the plan into the next row, never stacking desks at the edge', () => {
    // Twelve desks from near the right edge: rows of three, each below the last, all on the plan.
    const row = rowPositions({ x: 0.82, y: 0.2 }, 12, 'right', 1000, 500);
    expect(row.every((point) => point.x + 0.026 <= 1 && point.y <= 1)).toBe(true);
    expect(new Set(row.map((point) => `${point.x.toFixed(3)},${point.y.toFixed(3)}`)).size).toBe(12);
    expect(row[3]).toEqual({ x: 0.82, y: expect.closeTo(0.28) });
    const column = rowPositions({ x: 0.1, y: 0.9 }, 3, 'down', 1000, 500);
    expect(column.map((point) => point.y)).toEqual([0.9, 0.9, 0.9]);
    expect(column[1]?.x).toBeCloseTo(0.16);
  });
});
