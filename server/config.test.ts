import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults: embedded database and the simulator', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      dataDir: './data',
      databaseUrl: undefined,
      pbx: undefined,
      pbxSimPort: 8090,
    });
    expect(config.roleGroups).toEqual({
      admin: 'hotdesk-admin',
      helpdesk: 'hotdesk-helpdesk',
      facility: 'hotdesk-facility',
    });
  });

  it('requires the App object password for a real PBX', () => {
    expect(() => loadConfig({ PBX_URL: 'wss://pbx/PBX0/APPS/websocket' })).toThrow(/PBX_PASSWORD/);
    expect(loadConfig({ PBX_URL: 'wss://pbx/PBX0/APPS/websocket', PBX_PASSWORD: 's3cret' }).pbx).toEqual({
      url: 'wss://pbx/PBX0/APPS/websocket',
      app: 'hotdesk',
      password: 's3cret',
    });
  });

  it('refuses a session lifetime browsers would not keep', () => {
    expect(() => loadConfig({ SESSION_MAX_HOURS: '10000' })).toThrow(/SESSION_MAX_HOURS can be at most 720/);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', HOTDESK_ADMIN_PASSWORD: 'short' })).toThrow(
      /PORT[\s\S]*HOTDESK_ADMIN_PASSWORD/,
    );
  });
});
