import { describe, expect, it } from 'vitest';
import { pointInPolygon, zoneAt } from './geometry.ts';

const square = [
  { x: 0.1, y: 0.1 },
  { x: 0.5, y: 0.1 },
  { x: 0.5, y: 0.5 },
  { x: 0.1, y: 0.5 },
];
const ell = [
  { x: 0.5, y: 0.5 },
  { x: 0.9, y: 0.5 },
  { x: 0.9, y: 0.9 },
  { x: 0.7, y: 0.9 },
  { x: 0.7, y: 0.7 },
  { x: 0.5, y: 0.7 },
];

describe('pointInPolygon', () => {
  it('tells inside from outside, also for concave shapes', () => {
    expect(pointInPolygon({ x: 0.3, y: 0.3 }, square)).toBe(true);
    expect(pointInPolygon({ x: 0.6, y: 0.3 }, square)).toBe(false);
    expect(pointInPolygon({ x: 0.8, y: 0.8 }, ell)).toBe(true);
    expect(pointInPolygon({ x: 0.6, y: 0.8 }, ell)).toBe(false);
  });

  it('finds the zone of a point', () => {
    const zones = [
      { id: 'a', polygon: square },
      { id: 'b', polygon: ell },
    ];
    expect(zoneAt({ x: 0.2, y: 0.2 }, zones)).toBe('a');
    expect(zoneAt({ x: 0.85, y: 0.6 }, zones)).toBe('b');
    expect(zoneAt({ x: 0.05, y: 0.95 }, zones)).toBeNull();
  });
});
