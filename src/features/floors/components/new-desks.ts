import { normalizeMac } from '../../../../contract/mac.ts';
import type { Point } from '../../../../contract/geometry.ts';
import { deskSize } from './floor-canvas.tsx';

/** Most desks one "New desks" dialog creates (a row along a wall, not a building: that is the CSV import's job). */
export const MAX_NEW_DESKS = 50;

const numbered = /^(.*?)(\d+)$/;

/**
 * The name the next desk on a floor probably wants: the floor's most common pattern ("B1-0.07" → "B1-0.08", the
 * number's width kept), else `fallback` numbered from 01. Names in `existing` are skipped.
 */
export function proposeFirstName(existing: readonly string[], fallback: string): string {
  const groups = new Map<string, { count: number; max: number; width: number }>();
  for (const name of existing) {
    const match = numbered.exec(name);
    if (!match) continue;
    const [, prefix = '', digits = ''] = match;
    const group = groups.get(prefix) ?? { count: 0, max: 0, width: 0 };
    groups.set(prefix, {
      count: group.count + 1,
      max: Math.max(group.max, Number(digits)),
      width: Math.max(group.width, digits.length),
    });
  }
  const best = [...groups].sort((a, b) => b[1].count - a[1].count)[0];
  const first = best ? `${best[0]}${String(best[1].max + 1).padStart(best[1].width, '0')}` : `${fallback}01`;
  return followingNames(first, 1, existing)[0] ?? first;
}

/**
 * `count` names from `first` on, counting up its trailing number with its width ("B1-0.08", "B1-0.09", "B1-0.10");
 * a name without a number gets one ("Window", "Window 2"). Names in `taken` are skipped.
 */
export function followingNames(first: string, count: number, taken: readonly string[] = []): string[] {
  const skip = new Set(taken);
  const match = numbered.exec(first);
  const prefix = match ? (match[1] ?? '') : `${first} `;
  const width = match ? (match[2] ?? '').length : 1;
  let number = match ? Number(match[2]) : 2;
  const names: string[] = [];
  if (!match && !skip.has(first)) names.push(first);
  while (names.length < count) {
    const name = `${prefix}${String(number).padStart(width, '0')}`;
    if (!skip.has(name)) names.push(name);
    number += 1;
  }
  return names;
}

/** The MACs of a pasted list, one per line (any common notation); the lines that are none, by line number. */
export function macLines(text: string): { macs: string[]; invalid: number[]; repeated: number[] } {
  const macs: string[] = [];
  const invalid: number[] = [];
  const repeated: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const mac = normalizeMac(line.trim());
    if (mac === null) invalid.push(index + 1);
    else if (macs.includes(mac)) repeated.push(index + 1);
    else macs.push(mac);
  });
  return { macs, invalid, repeated };
}

export type RowDirection = 'right' | 'down';

/**
 * Where the desks of a new row stand, the first at `start`: side by side (a desk's width and a small gap apart)
 * to the right or downwards. A row that would run past the plan's edge wraps: it goes on in a new row below (or
 * a new column to the right), from where it started, so no desk lands off the plan or on top of another.
 * Positions are fractions of the plan, as the service stores them.
 */
export function rowPositions(
  start: Point,
  count: number,
  direction: RowDirection,
  width: number,
  height: number,
): Point[] {
  const desk = deskSize(width);
  const gap = width * 0.008;
  const right = direction === 'right';
  // Along the row, and from one row to the next, as fractions of the plan.
  const along = right ? (desk.width + gap) / width : (desk.height + gap) / height;
  const across = right ? (desk.height + gap) / height : (desk.width + gap) / width;
  const half = right ? desk.width / 2 / width : desk.height / 2 / height;
  const origin = right ? start.x : start.y;
  const perRow = Math.max(1, Math.floor((1 - half - origin) / along + 1e-9) + 1);
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  return Array.from({ length: count }, (_, index) => {
    const onRow = origin + (index % perRow) * along;
    const row = (right ? start.y : start.x) + Math.floor(index / perRow) * across;
    return right ? { x: clamp(onRow), y: clamp(row) } : { x: clamp(row), y: clamp(onRow) };
  });
}
