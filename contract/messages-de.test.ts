import { describe, expect, it } from 'vitest';
import { signInRequestSchema } from './api.ts';
import { utilisationQuerySchema } from './analytics.ts';
import { deskInputSchema, floorInputSchema, zoneInputSchema } from './desks.ts';
import { inGerman } from './messages-de.ts';
import { forceLogoutRequestSchema, onBehalfCheckinRequestSchema } from './occupancy.ts';
import {
  checkinRequestSchema,
  createTokenRequestSchema,
  defaultSettings,
  phonePinRequestSchema,
  settingsValuesSchema,
} from './settings.ts';
import { siteInputSchema } from './sites.ts';
import type { z } from './zod.ts';

const long = (length: number) => 'x'.repeat(length);
const bidi = 'desk\u202Egnp.exe';

/** Wrong values for every rule of the schemas people fill in, each with the messages it yields. */
const cases: [z.ZodType, unknown][] = [
  [signInRequestSchema, { username: '', password: '' }],
  [deskInputSchema, { name: '', mac: 'nope', computerNames: ['', ' PC', 'a:b', '..', long(16)], x: 2, y: -1 }],
  [deskInputSchema, { name: long(65), mac: '00:90:33:00:00:01', computerNames: Array(21).fill('PC'), rotation: 400 }],
  [deskInputSchema, { name: bidi, mac: '00:90:33:00:00:01' }],
  [floorInputSchema, { name: '', building: long(65), siteId: 'no' }],
  [floorInputSchema, { name: bidi, sortOrder: 1.5 }],
  [floorInputSchema, { name: 'F', sortOrder: 1e12 }],
  [floorInputSchema, { name: 'F', sortOrder: -1e12 }],
  [zoneInputSchema, { floorId: 'x', name: '', color: 'blue', polygon: [] }],
  [siteInputSchema, { name: '', address: long(301), pbxLocation: '', emergencyNumber: 'call me' }],
  [siteInputSchema, { name: long(65), pbxLocation: long(65) }],
  [createTokenRequestSchema, { label: '' }],
  [checkinRequestSchema, { method: 'desk', value: '' }],
  [phonePinRequestSchema, { pin: '12' }],
  [forceLogoutRequestSchema, { deskIds: [] }],
  [onBehalfCheckinRequestSchema, { deskId: 'd', user: '' }],
  [utilisationQuerySchema, { from: 'yesterday', to: '2026-11-01', groupBy: 'floor', interval: 'day', floorId: 'x' }],
  [utilisationQuerySchema, { from: '2026-11-02', to: '2026-11-01', groupBy: 'floor', interval: 'day' }],
  [utilisationQuerySchema, { from: '2025-01-01', to: '2026-11-01', groupBy: 'floor', interval: 'hour' }],
  [
    settingsValuesSchema,
    {
      ...defaultSettings,
      loginMethods: { desk: false, computer: false, thinclient: false, phone: false },
      keypad: { loginCode: '55', logoutCode: '55' },
      device: { text: '', app: '' },
      autoLogout: { dailyAt: '25:00', timeZone: 'Mars/Olympus', maxHours: 0 },
      phones: {
        ...defaultSettings.phones,
        baseNode: long(65),
        baseConfig: long(65),
        maxWaitMinutes: -1,
        callbackMinutes: 241,
        emergencyNumbers: ['1-1-2', ...Array(20).fill('112')],
        webhookUrl: 'not a url',
      },
      privacy: { aggregateOnly: false, retentionDays: 1 },
    },
  ],
  [
    settingsValuesSchema,
    {
      ...defaultSettings,
      keypad: { loginCode: '*55', logoutCode: '*55' },
      autoLogout: { ...defaultSettings.autoLogout, maxHours: 169 },
      phones: { ...defaultSettings.phones, maxWaitMinutes: 1441 },
      privacy: { aggregateOnly: false, retentionDays: 4000 },
    },
  ],
];

describe('the German of the contract’s messages', () => {
  const messages = [
    ...new Set(
      cases.flatMap(([schema, value]) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
      }),
    ),
  ];

  it('covers every message these wrong values produce', () => {
    expect(messages.length).toBeGreaterThan(40);
    const untranslated = messages.filter((message) => inGerman(message) === message);
    expect(untranslated).toEqual([]);
  });

  it('keeps the names and numbers of the English', () => {
    expect(inGerman('Enter a desk name.')).toBe('Geben Sie einen Arbeitsplatznamen ein.');
    expect(inGerman('A floor name has at most 64 characters.')).toBe('Ein Etagenname hat höchstens 64 Zeichen.');
    expect(inGerman('By hour, a range of at most 31 days.')).toBe('Stündlich höchstens 31 Tage.');
    expect(inGerman('Something new.')).toBe('Something new.');
  });
});
