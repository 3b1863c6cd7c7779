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
      security: 'hotdesk-security',
    });
    // No mail server: messages are kept in the outbox.
    expect(config.mail).toEqual({ smtpUrl: undefined, from: 'Hotdesk <hotdesk@localhost>' });
  });

  it('takes a mail server as smtp:// or smtps://, and nothing else', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtp://hotdesk:s3cret@mail.example.com:587', PUBLIC_URL: 'https://hotdesk.example.com' })
        .mail,
    ).toEqual({ smtpUrl: 'smtp://hotdesk:s3cret@mail.example.com:587', from: 'Hotdesk <hotdesk@hotdesk.example.com>' });
    expect(() => loadConfig({ SMTP_URL: 'mail.example.com:25' })).toThrow(/SMTP_URL must be smtp:\/\//);
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
  });

  it('requires the App object password for a real PBX', () => {
    expect(() => loadConfig({ PBX_URL: 'wss://pbx/PBX0/APPS/websocket' })).toThrow(/PBX_PASSWORD/);
    expect(loadConfig({ PBX_URL: 'wss://pbx/PBX0/APPS/websocket', PBX_PASSWORD: 's3cret' }).pbx).toEqual({
      url: 'wss://pbx/PBX0/APPS/websocket',
      slaveUrls: [],
      app: 'hotdesk',
      password: 's3cret',
    });
  });

  it('takes the slave PBXs of a multi-site system, comma- or space-separated', () => {
    const config = loadConfig({
      PBX_URL: 'wss://berlin/PBX0/APPS/websocket',
      PBX_SLAVE_URLS: 'wss://munich/PBX0/APPS/websocket, wss://hamburg/PBX0/APPS/websocket',
      PBX_PASSWORD: 's3cret',
    });
    expect(config.pbx?.slaveUrls).toEqual(['wss://munich/PBX0/APPS/websocket', 'wss://hamburg/PBX0/APPS/websocket']);
  });

  it('never runs the demo PBX against real data: PostgreSQL or production need PBX_URL, or HOTDESK_DEMO=true', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://h:p@db:5432/hotdesk' })).toThrow(
      /^Configuration error: PBX_URL is not set\. .*\(DATABASE_URL is set\)/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PBX_URL is not set/);
    expect(loadConfig({ NODE_ENV: 'production', HOTDESK_DEMO: 'true' }).pbx).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://h:p@db/hotdesk', HOTDESK_DEMO: 'true' }).pbx).toBeUndefined();
    expect(loadConfig({}).pbx).toBeUndefined();
  });

  it('says in one line what is wrong: a malformed DATABASE_URL, an empty variable counts as unset', () => {
    for (const url of ['mysql://h/db', 'base', 'postgres://:5432/x']) {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: url, HOTDESK_DEMO: 'true' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        /^Configuration error: DATABASE_URL must be postgres:\/\/user:password@host:5432\/database/,
      );
      expect(message).not.toContain('\n');
    }
    expect(loadConfig({ PUBLIC_URL: '', PBX_URL: ' ', DATABASE_URL: '' })).toMatchObject({
      publicUrl: undefined,
      pbx: undefined,
      databaseUrl: undefined,
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

  it('lets the myApps client frame the console: the PBX origin, the simulator origin, or the configured ones', () => {
    expect(loadConfig({ PBX_SIM_PORT: '8090' }).myAppsOrigins).toEqual([
      'http://127.0.0.1:8090',
      'http://localhost:8090',
    ]);
    expect(
      loadConfig({ PBX_URL: 'wss://pbx.example.com/PBX0/APPS/websocket', PBX_PASSWORD: 'x' }).myAppsOrigins,
    ).toEqual(['https://pbx.example.com']);
    expect(
      loadConfig({ MYAPPS_ORIGINS: 'https://pbx1.example.com, https://apps.example.com:8443' }).myAppsOrigins,
    ).toEqual(['https://pbx1.example.com', 'https://apps.example.com:8443']);
    expect(() => loadConfig({ MYAPPS_ORIGINS: "https://x; script-src 'unsafe-inline'" })).toThrow(/MYAPPS_ORIGINS/);
  });
});
