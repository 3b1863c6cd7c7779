import { describe, expect, it } from 'vitest';
import type { PbxUser } from '../pbx/pbx.ts';
import { UserReplica, userFromRow } from '../pbx/user-replica.ts';
import { rolesFor } from './sign-in.ts';

const groups = {
  admin: 'hotdesk-admin',
  helpdesk: 'hotdesk-helpdesk',
  facility: 'hotdesk-facility',
  security: 'hotdesk-security',
};
const userIn = (...names: string[]): PbxUser => ({
  guid: 'g',
  name: 'u',
  cn: 'U',
  displayName: 'U',
  e164: '',
  loc: '',
  groups: names,
  devices: [],
  email: '',
});

describe('rolesFor', () => {
  it('gives every PBX user the employee role', () => {
    expect(rolesFor(userIn(), groups)).toEqual(['user']);
    expect(rolesFor(userIn('sales', 'berlin'), groups)).toEqual(['user']);
  });

  it('maps the configured groups to console roles, ignoring case', () => {
    expect(rolesFor(userIn('Hotdesk-Admin'), groups)).toEqual(['admin', 'user']);
    expect(rolesFor(userIn('hotdesk-helpdesk', 'hotdesk-facility'), groups)).toEqual(['helpdesk', 'facility', 'user']);
    expect(rolesFor(userIn('Hotdesk-Security'), groups)).toEqual(['security', 'user']);
  });

  it('follows renamed groups', () => {
    expect(rolesFor(userIn('it-admins'), { ...groups, admin: 'it-admins' })).toEqual(['admin', 'user']);
    expect(rolesFor(userIn('hotdesk-admin'), { ...groups, admin: 'it-admins' })).toEqual(['user']);
  });
});

describe('userFromRow (PbxTableUsers row)', () => {
  it('reads the replicated columns, the grps and devices sub-tables included', () => {
    const user = userFromRow({
      guid: 'c9eb',
      h323: 'user0',
      cn: 'User0',
      dn: '',
      e164: '201',
      loc: 'munich',
      grps: [{ name: 'group1', mode: 'active', dyn: 'in' }],
      devices: [{ hw: '009033123456', text: 'Hotdesk', app: 'phone', tls: true }, { text: 'no hw' }],
      emails: [{ email: 'user0@example.com' }],
    });
    expect(user).toEqual({
      guid: 'c9eb',
      name: 'user0',
      cn: 'User0',
      displayName: 'User0',
      e164: '201',
      loc: 'munich',
      groups: ['group1'],
      devices: [{ hw: '009033123456', text: 'Hotdesk', app: 'phone', tls: true }],
      email: 'user0@example.com',
    });
  });

  it('reads the e-mail address from the emails sub-table, or the login name where h323-email says so', () => {
    expect(
      userFromRow({ guid: 'a', h323: 'anna', emails: [{ email: '' }, { email: 'anna@example.com' }] })?.email,
    ).toBe('anna@example.com');
    expect(userFromRow({ guid: 'b', h323: 'ben@example.com', 'h323-email': true })?.email).toBe('ben@example.com');
    expect(userFromRow({ guid: 'c', h323: 'carl', 'h323-email': true })?.email).toBe('');
  });

  it('ignores a row without guid', () => {
    expect(userFromRow({ h323: 'x' })).toBeNull();
  });
});

describe('UserReplica', () => {
  const user = (guid: string, name: string, ...hws: string[]): PbxUser => ({
    guid,
    name,
    cn: name,
    displayName: name,
    e164: '',
    loc: '',
    groups: [],
    devices: hws.map((hw) => ({ hw })),
    email: '',
  });

  it('finds the holder of a hardware id ignoring case, and follows updates and deletions', () => {
    const replica = new UserReplica();
    replica.upsert(user('g1', 'Anna', '009033AABBCC'));
    expect(replica.holdersOf('009033aabbcc')).toEqual(['g1']);
    replica.upsert(user('g1', 'Anna'));
    expect(replica.holdersOf('009033aabbcc')).toEqual([]);
    replica.upsert(user('g2', 'Ben', '009033aabbcc'));
    replica.delete('g2');
    expect(replica.holdersOf('009033aabbcc')).toEqual([]);
    expect(replica.findByName('ben')).toBeNull();
  });

  it('reports a hardware id held by two objects', () => {
    const replica = new UserReplica();
    replica.upsert(user('g1', 'Anna', '009033aabbcc', 'softphone-anna'));
    replica.upsert(user('g2', 'Ben', '009033AABBCC'));
    expect(replica.duplicates()).toEqual([{ mac: '009033aabbcc', holders: ['g1', 'g2'] }]);
  });
});
