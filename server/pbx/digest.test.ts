import { describe, expect, it } from 'vitest';
import { appLoginDigest } from './digest.ts';

// Test vectors from the innovaphone SDK (AppWebsocket.htm), quoted in innovaphone-protocol.md §1.
const identity = { app: 'pbxadminapi', domain: '', sip: '', guid: '', dn: '' };
const challenge = '0123456789abcdef';

describe('appLoginDigest', () => {
  it('hashes without info, leaving out the info segment', () => {
    expect(appLoginDigest(identity, challenge, 'pwd')).toBe(
      'a205299ed2ef2786c311e0be1b14db343f2cadd906a6ae7b564eee34bda5e9a1',
    );
  });

  it('hashes an empty info object as {}', () => {
    expect(appLoginDigest({ ...identity, info: {} }, challenge, 'pwd')).toBe(
      '57b23fe824b9222a7ac879597cb509bcdc865a1bfeb057d9d12118cef0c3ba34',
    );
  });

  it('hashes info as compact JSON', () => {
    expect(appLoginDigest({ ...identity, info: { cn: 'Test User' } }, challenge, 'pwd')).toBe(
      '96db3c3f657230c2b68194becc6d2a77f05de9f79f01fc81e9ca0fb196b10d9d',
    );
  });

  it('changes with the password and with the challenge', () => {
    const base = appLoginDigest(identity, challenge, 'pwd');
    expect(appLoginDigest(identity, challenge, 'pwd2')).not.toBe(base);
    expect(appLoginDigest(identity, '0123456789abcdee', 'pwd')).not.toBe(base);
  });
});
