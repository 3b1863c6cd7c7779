import { describe, expect, it } from 'vitest';
import { signInRequestSchema } from './api.ts';
import { parseDeskCsv } from './desk-csv.ts';
import { importNeeds, importRefusal, planImport, type ImportOptions, type ImportTables } from './desk-import-plan.ts';
import { utilisationQuerySchema } from './analytics.ts';
import { deskInputSchema, type Desk } from './desks.ts';
import { floorInputSchema, zoneInputSchema } from './floors.ts';
import { forceLogoutRequestSchema, onBehalfCheckinRequestSchema } from './occupancy.ts';
import { checkinRequestSchema, createTokenRequestSchema, phonePinRequestSchema } from './checkin.ts';
import { defaultSettings, settingsValuesSchema } from './settings.ts';
import { siteInputSchema } from './sites.ts';
import { bookingsQuerySchema, createBookingSchema } from './bookings.ts';
import type { z } from './zod.ts';
import { messageText, readMessageText } from '../i18n/message.ts';
import { inLocale } from '../i18n/translate.ts';
import en from '../i18n/en.json' with { type: 'json' };
import { argumentsOf } from '../i18n/arguments.ts';

/**
 * Messages that are not the catalogues' (a sentence written in code, zod's own English), or that give other values
 * than their catalogue entry names: each would reach a German reader in English, or with a gap.
 */
function notFromTheCatalogue(messages: readonly string[]): string[] {
  return messages.filter((message) => {
    const said = readMessageText(message);
    if (said === null || !Object.hasOwn(en, said.id)) return true;
    const source = en[said.id as keyof typeof en];
    return (
      argumentsOf(source).join() !==
      Object.keys(said.values ?? {})
        .sort()
        .join()
    );
  });
}

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
  [siteInputSchema, { name: 'A', officeHours: { start: -1, end: 25, days: [] } }],
  [siteInputSchema, { name: 'A', officeHours: { start: 17, end: 9, days: [1] } }],
  [createTokenRequestSchema, { label: '' }],
  [checkinRequestSchema, { method: 'desk', value: '' }],
  [phonePinRequestSchema, { pin: '12' }],
  [forceLogoutRequestSchema, { deskIds: [] }],
  [createBookingSchema, { deskId: '', start: 'soon', end: 'later', repeatWeeklyUntil: 'never' }],
  [
    createBookingSchema,
    {
      deskId: '00000000-0000-4000-8000-000000000001',
      start: '2026-12-08T10:00:00+01:00',
      end: '2026-12-08T09:00:00+01:00',
    },
  ],
  [bookingsQuerySchema, { from: '2026-12-08T10:00:00Z', to: '2026-12-07T10:00:00Z' }],
  [bookingsQuerySchema, { floorId: 'x', from: '2026-01-01T00:00:00Z', to: '2026-12-07T10:00:00Z' }],
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
  [
    settingsValuesSchema,
    {
      ...defaultSettings,
      bookings: {
        ...defaultSettings.bookings,
        horizonDays: -1,
        maxPerWeek: 0,
        minNoticeMinutes: -1,
        confirmBeforeMinutes: -1,
        confirmAfterMinutes: 1,
        walkInGuardMinutes: -1,
      },
    },
  ],
  [
    settingsValuesSchema,
    {
      ...defaultSettings,
      bookings: {
        ...defaultSettings.bookings,
        horizonDays: 366,
        maxPerWeek: 51,
        minNoticeMinutes: 1441,
        confirmBeforeMinutes: 241,
        confirmAfterMinutes: 241,
        walkInGuardMinutes: 1441,
      },
    },
  ],
];

describe('the contract’s messages', () => {
  const messages = [
    ...new Set(
      cases.flatMap(([schema, value]) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
      }),
    ),
  ];

  it('are all the catalogues’ messages, with the values each names', () => {
    expect(messages.length).toBeGreaterThan(40);
    expect(notFromTheCatalogue(messages)).toEqual([]);
  });

  it('say the names and numbers in each language', () => {
    const first = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message ?? '';
    const deskName = first(deskInputSchema, { name: '', mac: '00:90:33:00:00:01' });
    expect(inLocale(deskName, 'en')).toBe('Enter a desk name.');
    expect(inLocale(deskName, 'de')).toBe('Geben Sie einen Arbeitsplatznamen ein.');
    const floorName = first(floorInputSchema, { name: long(65) });
    expect(inLocale(floorName, 'de')).toBe('Ein Etagenname hat höchstens 64 Zeichen.');
    const range = { from: '2025-01-01', to: '2026-11-01', groupBy: 'floor', interval: 'hour' };
    expect(inLocale(first(utilisationQuerySchema, range), 'en')).toBe('By hour, a range of at most 31 days.');
    expect(inLocale(first(utilisationQuerySchema, range), 'de')).toBe('Stündlich höchstens 31 Tage.');
    expect(inLocale('Something new.', 'de')).toBe('Something new.');
  });
});

const file = (text: string) => new TextEncoder().encode(text);
const mac = (index: number) => `00903300${index.toString(16).padStart(4, '0')}`;
const stored = (index: number, name: string, computerNames: string[] = []): Desk => ({
  id: `desk-${index}`,
  name,
  mac: mac(index),
  computerNames,
  floorId: null,
  x: null,
  y: null,
  rotation: 0,
  zoneId: null,
  enabled: true,
  bookable: true,
  version: 1,
});

/** Desk files with every problem the import finds, in the file and against the desk table, and its refusals. */
function importMessages(): string[] {
  const broken = [
    new Uint8Array(),
    new Uint8Array([0xc3, 0x28, 0x0a]),
    file('hw_id,name\n\u0000\n'),
    file('\n\n'),
    file(`hw_id,name\n${Array(300).fill('x').join(',')}\n`),
    file('name\nDesk\n'),
    file('hw_id,name,notes\n009033000001,A\n'),
    file('hw_id,name,notes,colour,owner,cost,room,phone,extra\n009033000001,A\n'),
    file(
      [
        'hw_id,name,computername,enabled,x,y,floor,zone,rotation',
        ',No MAC,,,,,,,',
        'nope,Bad MAC,,,,,,,',
        '009033000001,A,,,,,,,',
        '009033000001,B,,,,,,,',
        '009033000002,,,,,,,,',
        `009033000003,${'x'.repeat(65)},,,,,,,`,
        '009033000004,desk\u202Egnp.exe,,,,,,,',
        '009033000005,A,,,,,,,',
        `009033000006,C,"${Array(21).fill('PC').join(', ')}",,,,,,`,
        '009033000007,D,a:b,,,,,,',
        '009033000008,E,PC-1,,,,,,',
        '009033000009,F,PC-1,,,,,,',
        '00903300000a,G,,maybe,,,,,',
        '00903300000b,H,,,0.5,,,,',
        '00903300000c,I,,,2,2,,,',
        '00903300000d,J,,,,,,Zone,',
        `00903300000e,K,,,,,${'f'.repeat(65)},,`,
        '00903300000f,L,,,,,,,',
        '009033000010,M,,,,,,,,,,',
      ].join('\n'),
    ),
  ];
  const parsed = broken.map((bytes) => parseDeskCsv(bytes));
  const fromFiles = parsed.flatMap((result) => [...result.errors, ...result.warnings].map((issue) => issue.message));

  const tables: ImportTables = {
    desks: [stored(1, 'Kept', ['PC-KEPT']), stored(2, 'Other')],
    floors: [
      { id: 'f1', name: 'Twice' },
      { id: 'f2', name: 'twice' },
      { id: 'f3', name: 'Ground' },
    ],
    zones: [],
  };
  const againstTable = parseDeskCsv(
    file(
      [
        'hw_id,name,computername,floor,zone',
        '009033000091,Kept,,,',
        '009033000092,N2,PC-KEPT,,',
        '009033000093,N3,,Twice,',
        '009033000094,N4,,Nowhere,',
        '009033000095,N5,,Ground,Lobby',
        '009033000001,Kept,PC-KEPT,,',
      ].join('\n'),
    ),
  );
  const merge: ImportOptions = {
    mode: 'merge',
    dryRun: true,
    createFloors: false,
    confirmRemoveAll: false,
    occupied: null,
    mayLogOut: false,
  };
  const planned = planImport(againstTable, tables, merge, () => null);

  const replace: ImportOptions = { ...merge, mode: 'replace' };
  const sitting = (count: number) =>
    planImport(parseDeskCsv(file('hw_id,name\n0090330000ff,New\n')), tables, replace, () => ({
      displayName: 'Jonas Becker',
    })).occupiedRemoved.slice(0, count);
  const refusals = [
    importRefusal(planned, importNeeds(planned, tables, merge), merge),
    ...[1, 2].map((count) => {
      const plan = { ...planned, errorCount: 0, errors: [], occupiedRemoved: sitting(count) };
      return importRefusal(plan, importNeeds(plan, tables, replace), replace);
    }),
    (() => {
      const plan = { ...planned, errorCount: 0, errors: [], occupiedRemoved: sitting(2) };
      const options = { ...replace, occupied: 'logout' as const };
      return importRefusal(plan, importNeeds(plan, tables, options), options);
    })(),
    (() => {
      const plan = { ...planned, errorCount: 0, errors: [], removed: tables.desks, occupiedRemoved: [] };
      return importRefusal(plan, importNeeds(plan, tables, replace), replace);
    })(),
  ];
  return [
    ...fromFiles,
    ...planned.errors.map((issue) => issue.message),
    ...refusals.flatMap((refusal) => (refusal ? [refusal.message] : [])),
  ];
}

describe('the desk import’s messages', () => {
  const messages = [...new Set(importMessages())];

  it('are the catalogues’ messages for every problem a desk file can have and every refusal of an import', () => {
    expect(messages.length).toBeGreaterThan(30);
    expect(notFromTheCatalogue(messages)).toEqual([]);
  });

  it('say the rows, names and counts in each language', () => {
    const phone = messageText('contract.deskCsv.duplicateMac', { mac: '00:90:33:00:00:01', row: 4 });
    expect(inLocale(phone, 'de')).toBe('Das Telefon 00:90:33:00:00:01 steht auch in Zeile 4.');
    const rows = messageText('contract.deskCsv.tooManyRows', { rows: 999_999 });
    expect(inLocale(rows, 'en')).toBe(
      'The file has more than 999,999 rows; a desk table has at most that many. Is this the right file?',
    );
    expect(inLocale(rows, 'de')).toBe(
      'Die Datei hat mehr als 999.999 Zeilen; eine Arbeitsplatztabelle hat höchstens so viele. Ist das die richtige Datei?',
    );
    const columns = messageText('contract.deskCsv.unusedColumns', { count: 1236, named: 'notes, colour', more: 1234 });
    expect(inLocale(columns, 'en')).toBe('The columns notes, colour and 1,234 more are not used and are ignored.');
    expect(inLocale(columns, 'de')).toBe(
      'Die Spalten notes, colour und 1.234 weitere werden nicht verwendet und ignoriert.',
    );
    const sitting = messageText('contract.deskImportPlan.helpdeskLogsOut', {
      named: 'Jonas Becker (B1-0.01)',
      more: 2,
      count: 3,
    });
    expect(inLocale(sitting, 'en')).toBe(
      'Jonas Becker (B1-0.01) and 2 more sit at desks this import removes. Helpdesk can log them out; or keep their phones as they are.',
    );
    expect(inLocale(sitting, 'de')).toBe(
      'Jonas Becker (B1-0.01) und 2 weitere sitzen an Arbeitsplätzen, die dieser Import entfernt. Der Helpdesk kann sie auschecken; oder lassen Sie ihre Telefone, wie sie sind.',
    );
  });
});
