import { createHash, randomInt } from 'node:crypto';
import type { SimDevice, SimUser } from './demo-company.ts';

/**
 * PBX objects as PbxAdminApi.htm documents them. The simulator keeps every documented property; what it
 * does not model (diversions, presence, wakeups, licences…) is stored and shown back exactly as it was sent.
 */
export interface SimGroup {
  name: string;
  mode?: string;
  dyn?: string;
}

/** `pseudo` of a non-user object; App objects also carry the URL myApps opens. */
export interface SimPseudo {
  type: string;
  [property: string]: unknown;
}

export interface SimObject {
  guid: string;
  cn: string;
  dn: string;
  h323: string;
  e164: string;
  /** In clear inside the simulator; PbxAdminApi shows it only encrypted (`pwd`). */
  password: string;
  loc: string;
  node: string;
  config: string;
  /** Comma-separated names of the App objects this user may use (myApps, RCC visibility). */
  apps: string;
  hide: boolean;
  /** null: a plain user object. */
  pseudo: SimPseudo | null;
  devices: SimDevice[];
  grp: SimGroup[];
  /** PbxTableUsers' `emails` sub-table (the user object's e-mail addresses). */
  emails: string[];
  /** The other documented properties, as last written. */
  other: Record<string, unknown>;
}

type PropertyType = 'string' | 'boolean' | 'unsigned' | 'array' | 'object';

/** Every property UpdateObject documents, with its type. Anything else in a message is not a property. */
const OTHER_PROPERTIES: Record<string, PropertyType> = {
  filter: 'string',
  'cd-filter': 'string',
  push: 'string',
  messages: 'string',
  cfnr: 'unsigned',
  colr: 'boolean',
  uclic: 'boolean',
  voicemail: 'boolean',
  fax: 'boolean',
  mobility: 'boolean',
  mypbx: 'boolean',
  video: 'boolean',
  'app-sharing': 'boolean',
  reporting: 'boolean',
  presence: 'array',
  cds: 'array',
  wakeups: 'array',
  phone: 'object',
};

const CORE_STRINGS = ['cn', 'dn', 'h323', 'e164', 'loc', 'node', 'config', 'apps'] as const;

/**
 * A device's fields as PbxAdminApi.htm and PbxTableUsers' devices table name them, with their types. A real
 * PBX carries more (and later versions may add some): a field not named here is kept as it was written.
 */
const DEVICE_FIELDS: Record<string, 'string' | 'boolean'> = {
  hw: 'string',
  text: 'string',
  app: 'string',
  admin: 'boolean',
  'no-filter': 'boolean',
  tls: 'boolean',
  'no-mob': 'boolean',
  trusted: 'boolean',
  sreg: 'boolean',
  mr: 'boolean',
  voip: 'string',
  'gk-id': 'string',
  prim: 'string',
};

export const isUserObject = (object: SimObject) => object.pseudo === null || object.pseudo.type === 'executive';
export const isAppObject = (object: SimObject) => object.pseudo?.type === 'app';
export const pseudoType = (object: SimObject) => object.pseudo?.type ?? '';

export function newGuid(): string {
  return [...Array(32)].map(() => randomInt(16).toString(16)).join('');
}

export function emptyObject(guid: string): SimObject {
  return {
    guid,
    cn: '',
    dn: '',
    h323: '',
    e164: '',
    password: '',
    loc: '',
    node: '',
    config: '',
    apps: '',
    hide: false,
    pseudo: null,
    devices: [],
    grp: [],
    emails: [],
    other: {},
  };
}

export function objectFromUser(user: SimUser, appNames: readonly string[]): SimObject {
  return {
    ...emptyObject(user.guid),
    cn: user.cn,
    dn: user.dn,
    h323: user.h323,
    e164: user.e164,
    password: user.password,
    loc: 'berlin',
    node: 'root',
    config: 'Employees',
    apps: user.apps ?? appNames.join(','),
    devices: structuredClone(user.devices),
    grp: user.groups.map((name) => ({ name, mode: 'active' })),
    // The reserved .example domain: the demo's mail never reaches anyone.
    emails: [`${user.h323}@demo.example`],
  };
}

export const appList = (object: SimObject) =>
  object.apps
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** Returns why `value` is not a device list, or null when it is one. */
export function deviceListProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'devices must be an array of devices';
  for (const [index, device] of value.entries()) {
    if (typeof device !== 'object' || device === null || Array.isArray(device)) return `devices[${index}] is no object`;
    for (const [field, fieldValue] of Object.entries(device as Record<string, unknown>)) {
      const type = DEVICE_FIELDS[field];
      if (type !== undefined && typeof fieldValue !== type) return `devices[${index}].${field} must be a ${type}`;
    }
    const hw = (device as { hw?: unknown }).hw;
    if (typeof hw !== 'string' || hw === '') return `devices[${index}] has no hw`;
  }
  return null;
}

/** PbxTableUsers' emails rows (`[{email}]`) as addresses; null when they are not such rows. */
function emailsOf(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const emails = value.map((row) => (row as { email?: unknown } | null)?.email);
  return emails.every((email): email is string => typeof email === 'string') ? emails : null;
}

function typeProblem(name: string, value: unknown, type: PropertyType): string | null {
  const ok =
    type === 'array'
      ? Array.isArray(value)
      : type === 'object'
        ? typeof value === 'object' && value !== null && !Array.isArray(value)
        : type === 'unsigned'
          ? Number.isInteger(value) && (value as number) >= 0
          : typeof value === type;
  return ok ? null : `${name} must be ${type === 'array' ? 'an array' : `a${type === 'object' ? 'n' : ''} ${type}`}`;
}

function groupsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'grp must be an array of groups';
  const bad = value.findIndex(
    (group) =>
      typeof group !== 'object' ||
      group === null ||
      typeof (group as { name?: unknown }).name !== 'string' ||
      ['mode', 'dyn'].some((field) => {
        const fieldValue = (group as Record<string, unknown>)[field];
        return fieldValue !== undefined && typeof fieldValue !== 'string';
      }),
  );
  return bad === -1 ? null : `grp[${bad}] must be {name, mode?, dyn?} with strings`;
}

/**
 * Applies every documented property present in `message` to a copy of `object` ("Properties not
 * present are left unchanged"). Returns an error text and changes nothing when any property is wrong.
 * A boolean sent as an integer removes the property (PbxAdminApi.htm: the template's value applies).
 */
export function applyProperties(object: SimObject, message: Record<string, unknown>): SimObject | string {
  const next: SimObject = structuredClone(object);
  for (const name of CORE_STRINGS) {
    const value = message[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${name} must be a string`;
    next[name] = value;
  }
  if (message.pwd !== undefined) {
    if (typeof message.pwd !== 'string') return 'pwd must be a string';
    next.password = decryptPassword(message.pwd);
  }
  if (message.hide !== undefined) {
    if (Number.isInteger(message.hide)) next.hide = false;
    else if (typeof message.hide !== 'boolean') return 'hide must be a boolean';
    else next.hide = message.hide;
  }
  if (message.pseudo !== undefined) {
    const pseudo = message.pseudo;
    if (typeof pseudo !== 'object' || pseudo === null || typeof (pseudo as { type?: unknown }).type !== 'string')
      return 'pseudo must be an object with a type';
    next.pseudo = (pseudo as SimPseudo).type === '' ? null : structuredClone(pseudo as SimPseudo);
  }
  if (message.devices !== undefined) {
    const problem = deviceListProblem(message.devices);
    if (problem) return problem;
    next.devices = structuredClone(message.devices as SimDevice[]);
  }
  if (message.emails !== undefined) {
    const emails = emailsOf(message.emails);
    if (emails === null) return 'emails must be an array of {email}';
    next.emails = emails;
  }
  if (message.grp !== undefined) {
    const problem = groupsProblem(message.grp);
    if (problem) return problem;
    next.grp = structuredClone(message.grp as SimGroup[]);
  }
  for (const [name, type] of Object.entries(OTHER_PROPERTIES)) {
    const value = message[name];
    if (value === undefined) continue;
    if (type === 'boolean' && Number.isInteger(value)) {
      next.other = Object.fromEntries(Object.entries(next.other).filter(([key]) => key !== name));
      continue;
    }
    const problem = typeProblem(name, value, type);
    if (problem) return problem;
    next.other[name] = structuredClone(value);
  }
  return next;
}

/** GetObjectResult: every documented property; the password only encrypted. */
export function objectView(object: SimObject): Record<string, unknown> {
  return {
    guid: object.guid,
    cn: object.cn,
    dn: object.dn,
    h323: object.h323,
    e164: object.e164,
    pwd: encryptPassword(object.password),
    loc: object.loc,
    node: object.node,
    config: object.config,
    apps: object.apps,
    hide: object.hide,
    ...structuredClone(object.other),
    ...(object.pseudo ? { pseudo: structuredClone(object.pseudo) } : {}),
    devices: structuredClone(object.devices),
    grp: structuredClone(object.grp),
  };
}

/** The PbxTableUsers columns the simulator publishes (PbxTableUsers.htm, users table and sub-tables). */
export const TABLE_COLUMNS = [
  'guid',
  'h323',
  'pwd',
  'cn',
  'dn',
  'config',
  'node',
  'loc',
  'hide',
  'e164',
  'pseudo',
  'apps',
  'grps',
  'devices',
  'emails',
] as const;

/** `pseudo`: the row's pseudo column as the PBX writes it (sim-behaviour.ts `pseudoColumn`). */
export function tableRow(object: SimObject, columns: readonly string[], pseudo: string): Record<string, unknown> {
  const full: Record<string, unknown> = {
    guid: object.guid,
    h323: object.h323,
    pwd: encryptPassword(object.password),
    cn: object.cn,
    dn: object.dn,
    config: object.config,
    node: object.node,
    loc: object.loc,
    hide: object.hide,
    e164: object.e164,
    // A string column in the table (PbxTableUsers.htm): empty for users, XML on a real PBX.
    pseudo,
    apps: object.apps,
    grps: structuredClone(object.grp),
    devices: structuredClone(object.devices),
    emails: object.emails.map((email) => ({ email })),
  };
  return Object.fromEntries(columns.map((column) => [column, full[column]]));
}

/** A table row written by a replicator, as the properties UpdateObject takes. */
export function propertiesFromRow(columns: Record<string, unknown>): Record<string, unknown> {
  const { grps, pseudo, guid: _guid, ...rest } = columns;
  return {
    ...rest,
    ...(grps === undefined ? {} : { grp: grps }),
    ...(typeof pseudo === 'string' ? { pseudo: { type: /type="([^"]*)"/.exec(pseudo)?.[1] ?? pseudo } } : {}),
  };
}

/**
 * `pwd` is "encrypted by key of the admin object". The simulator's admin key is fixed, and RC4 keyed with
 * it stands in for the PBX's scheme, so that a GetObject → UpdateObject round trip keeps the password.
 */
const ADMIN_KEY = createHash('sha256').update('innovaphone-simulator-admin-key').digest();

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const state = Array.from({ length: 256 }, (_, index) => index);
  let j = 0;
  for (let i = 0; i < 256; i += 1) {
    j = (j + (state[i] ?? 0) + (key[i % key.length] ?? 0)) % 256;
    [state[i], state[j]] = [state[j] ?? 0, state[i] ?? 0];
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let index = 0; index < data.length; index += 1) {
    i = (i + 1) % 256;
    j = (j + (state[i] ?? 0)) % 256;
    [state[i], state[j]] = [state[j] ?? 0, state[i] ?? 0];
    out[index] = (data[index] ?? 0) ^ (state[((state[i] ?? 0) + (state[j] ?? 0)) % 256] ?? 0);
  }
  return out;
}

export const encryptPassword = (password: string) =>
  Buffer.from(rc4(ADMIN_KEY, Buffer.from(password, 'utf8'))).toString('hex');

function decryptPassword(pwd: string): string {
  if (!/^(?:[0-9a-f]{2})*$/i.test(pwd)) return pwd;
  return Buffer.from(rc4(ADMIN_KEY, Buffer.from(pwd, 'hex'))).toString('utf8');
}
