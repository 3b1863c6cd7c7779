import { describe, expect, it } from 'vitest';
import { canOpen, homePath, safeReturnPath } from './authorization.ts';

describe('authorization', () => {
  it('opens sections by role', () => {
    expect(canOpen('settings', ['admin'])).toBe(true);
    expect(canOpen('settings', ['helpdesk', 'user'])).toBe(false);
    expect(canOpen('import', ['facility'])).toBe(true);
    expect(canOpen('checkin', ['admin'])).toBe(false);
  });

  it('sends each role to its first section', () => {
    expect(homePath(['admin', 'user'])).toBe('/occupancy');
    expect(homePath(['user'])).toBe('/checkin');
    expect(homePath([])).toBe('/forbidden');
  });

  it('follows only same-site return paths', () => {
    expect(safeReturnPath('/audit?x=1')).toBe('/audit?x=1');
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('/signin?next=/x')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
