import { describe, expect, it } from 'vitest';
import { formatMac, macSearchKey, normalizeMac } from './mac.ts';
import { netbiosProblem } from './netbios.ts';

describe('normalizeMac', () => {
  it.each([
    ['009033123456', '009033123456'],
    ['00:90:33:12:34:AB', '0090331234ab'],
    ['00-90-33-12-34-ab', '0090331234ab'],
    ['0090.3312.34Ab', '0090331234ab'],
    ['  00:90:33:12:34:56 ', '009033123456'],
  ])('accepts %s', (input, canonical) => {
    expect(normalizeMac(input)).toBe(canonical);
  });

  it.each([
    '',
    '00903312345',
    '0090331234567',
    '00:90:33:12:34',
    '00:90-33:12:34:56',
    '00:90:33:12:34:5g',
    'zz9033123456',
    '0090.3312.345',
  ])('refuses %j', (input) => {
    expect(normalizeMac(input)).toBeNull();
  });

  it('round-trips every formatted MAC (property over random ids)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i += 1) {
      const canonical = Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join('');
      const shown = formatMac(canonical);
      expect(normalizeMac(shown)).toBe(canonical);
      expect(normalizeMac(shown.toUpperCase().replaceAll(':', '-'))).toBe(canonical);
      expect(normalizeMac(`${canonical.slice(0, 4)}.${canonical.slice(4, 8)}.${canonical.slice(8)}`)).toBe(canonical);
    }
  });
});

describe('macSearchKey', () => {
  it('reduces partial MACs in any notation to hex digits', () => {
    expect(macSearchKey('90:33')).toBe('9033');
    expect(macSearchKey('0090.33')).toBe('009033');
    expect(macSearchKey('B1-2')).toBe('b12');
    expect(macSearchKey('Desk 12')).toBeNull();
    expect(macSearchKey('a')).toBeNull();
  });
});

describe('netbiosProblem', () => {
  it('accepts valid names and explains invalid ones', () => {
    expect(netbiosProblem('PC-B1-2-007')).toBeNull();
    expect(netbiosProblem('ABCDEFGHIJKLMNO')).toBeNull();
    expect(netbiosProblem('ABCDEFGHIJKLMNOP')).toMatch(/at most 15/);
    expect(netbiosProblem('PC/1')).toMatch(/does not allow/);
    expect(netbiosProblem('PC*1')).toMatch(/does not allow/);
    expect(netbiosProblem('')).toMatch(/empty/);
    expect(netbiosProblem('...')).toMatch(/dots and spaces/);
    expect(netbiosProblem('PC\u0001')).toMatch(/does not allow/);
  });
});
