import { describe, expect, it } from 'vitest';
import { refusalOf } from './app-websocket.ts';
import { pseudoTypeOf, userFromRow } from './user-replica.ts';

describe('the adapter accepts every variant the SDK documents', () => {
  it('reads a refusal from a text error, a numeric error with errorText, and a bare number', () => {
    expect(refusalOf({ mt: 'UpdateObjectResult', error: 'hw id in use' })).toBe('hw id in use');
    expect(refusalOf({ mt: 'UpdateObjectResult', error: 5, errorText: 'devices[0] has no hw' })).toBe(
      'devices[0] has no hw',
    );
    expect(refusalOf({ mt: 'UpdateObjectResult', error: 7 })).toBe('error 7');
    expect(refusalOf({ mt: 'UpdateObjectResult' })).toBeNull();
    expect(refusalOf({ mt: 'UpdateObjectResult', error: 0 })).toBeNull();
    expect(refusalOf({ mt: 'UpdateObjectResult', error: false })).toBeNull();
  });

  it("reads the pseudo type from the XML a real PBX sends, from a bare type and from PbxAdminApi's object", () => {
    expect(pseudoTypeOf('<pseudo type="executive"/>')).toBe('executive');
    expect(pseudoTypeOf(' <pseudo url="https://x/a?b=1" type=\'app\'></pseudo>')).toBe('app');
    expect(pseudoTypeOf('<pseudo/>')).toBe('');
    expect(pseudoTypeOf('')).toBe('');
    expect(pseudoTypeOf(undefined)).toBe('');
    expect(pseudoTypeOf('executive')).toBe('executive');
    expect(pseudoTypeOf({ type: 'app' })).toBe('app');
  });

  it('takes user and executive rows as people, and no other object (App objects, base objects…)', () => {
    const row = { guid: 'a'.repeat(32), h323: 'anna', cn: 'Anna', dn: 'Anna' };
    expect(userFromRow(row)?.name).toBe('anna');
    expect(userFromRow({ ...row, pseudo: '' })?.name).toBe('anna');
    expect(userFromRow({ ...row, pseudo: 'executive' })?.name).toBe('anna');
    expect(userFromRow({ ...row, pseudo: { type: 'executive' } })?.name).toBe('anna');
    expect(userFromRow({ ...row, pseudo: 'app' })).toBeNull();
    expect(userFromRow({ ...row, pseudo: { type: 'app' } })).toBeNull();
    expect(userFromRow({ ...row, pseudo: '<pseudo type="executive"/>' })?.name).toBe('anna');
    expect(userFromRow({ ...row, pseudo: '<pseudo type="app" url="https://hotdesk/myapps"/>' })).toBeNull();
  });
});
