import { describe, expect, it } from 'vitest';
import { formatMac, macSearchKey, normalizeMac } from './mac.ts';
import { netbiosProblem } from './netbios.ts';
import { inLocale } from '../i18n/translate.ts';

const english = (message: string | null) => (message === null ? null : inLocale(message, 'en'));

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

  it('agrees with the notations written as regular expressions, on random near-MACs', () => {
    const notations = [
      /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i,
      /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i,
      /^[0-9a-f]{12}$/i,
    ];
    const alphabet = '0123456789abcdefABCDEFgG:-. ';
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const samples = ['00:90:33:12:34:56', '0090.3312.3456', '009033123456'];
    for (let i = 0; i < 20_000; i += 1) {
      const base = samples[i % samples.length] ?? '';
      // Change one or two characters of a valid MAC, or make one up of the characters that matter.
      const chars = i % 4 === 0 ? Array.from({ length: 12 + (i % 7) }, () => '') : [...base];
      for (let change = 0; change < (i % 4 === 0 ? chars.length : 1 + (i % 2)); change += 1) {
        chars[i % 4 === 0 ? change : Math.floor(random() * chars.length)] =
          alphabet[Math.floor(random() * alphabet.length)] ?? '';
      }
      const input = chars.join('');
      const trimmed = input.trim();
      const expected = notations.some((notation) => notation.test(trimmed))
        ? trimmed.replace(/[:.-]/g, '').toLowerCase()
        : null;
      expect(normalizeMac(input), input).toBe(expected);
    }
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
    expect(english(netbiosProblem('PC-B1-2-007'))).toBeNull();
    expect(english(netbiosProblem('ABCDEFGHIJKLMNO'))).toBeNull();
    expect(english(netbiosProblem('ABCDEFGHIJKLMNOP'))).toMatch(/at most 15/);
    expect(english(netbiosProblem('PC/1'))).toMatch(/does not allow/);
    expect(english(netbiosProblem('PC*1'))).toMatch(/does not allow/);
    expect(english(netbiosProblem(''))).toMatch(/empty/);
    expect(english(netbiosProblem('...'))).toMatch(/dots and spaces/);
    expect(english(netbiosProblem('PC\u0001'))).toMatch(/does not allow/);
  });
});
