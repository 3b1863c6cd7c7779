/**
 * The demo company of DESIGN.md, generated deterministically from a seed: the same seed always gives the
 * same people, guids and phones, so tests and screenshots are repeatable.
 */

export interface SimDevice {
  hw: string;
  text?: string;
  app?: string;
  [flag: string]: unknown;
}

export interface SimUser {
  guid: string;
  h323: string;
  cn: string;
  dn: string;
  e164: string;
  password: string;
  groups: string[];
  devices: SimDevice[];
  /** Comma-separated App object names the user may use; every App object of the company when absent. */
  apps?: string;
}

export interface SimAppObject {
  name: string;
  password: string;
  /** The APIs granted to it ("Grant access to APIs"). */
  apis: string[];
  /** The URL myApps opens for it (App object "URL"); set by whoever knows where the app runs. */
  url?: string;
  /** Its display name in myApps. */
  title?: string;
}

export interface SimPhone {
  mac: string;
  /** A phone configured offline never registers. */
  online: boolean;
}

/** The service-side desk table that goes with the PBX's phones (seeded into the service by the desks issue). */
export interface SimFloor {
  name: string;
  building: string;
}

/** A site of the demo company: its address, and the PBX location (GetNodes) that serves it. */
export interface SimSite {
  name: string;
  address: string;
  pbxLocation: string;
  emergencyNumber: string;
  /** Told of an emergency call by e-mail (the reserved .example domain: the demo's mail reaches nobody). */
  alertEmails: string[];
}

/** Two sites, each its own PBX: the building of a floor names its site. */
export const DEMO_SITES: SimSite[] = [
  {
    name: 'Berlin HQ',
    address: 'Alexanderplatz 1, 10178 Berlin',
    pbxLocation: 'berlin',
    emergencyNumber: '+493012345',
    alertEmails: ['security.berlin@demo.example'],
  },
  {
    name: 'Munich office',
    address: 'Marienplatz 8, 80331 München',
    pbxLocation: 'munich',
    emergencyNumber: '+498912345',
    alertEmails: ['security.munich@demo.example'],
  },
];

/** A band of the plan from x1 to x2, across the rows the demo's desks stand in. */
function band(x1: number, x2: number) {
  return [
    { x: x1, y: 0.3 },
    { x: x2, y: 0.3 },
    { x: x2, y: 0.75 },
    { x: x1, y: 0.75 },
  ];
}

/**
 * Two zones on every demo floor, the desks' west and east halves (positions relative to the plan): aggregate-only
 * mode shows a zone's figures where it hides its desks'.
 */
export const DEMO_ZONES = [
  { name: 'West', color: '#3b82f6', polygon: band(0.04, 0.5) },
  { name: 'East', color: '#10b981', polygon: band(0.5, 0.96) },
] as const;

/** The demo zone (index into DEMO_ZONES) a desk at `x` stands in. */
export const demoZoneOf = (x: number) => (x < 0.5 ? 0 : 1);

export interface SimDesk {
  name: string;
  mac: string;
  computerNames: string[];
  floor: string;
  /** Position on the floor plan, relative to the image (0..1). */
  x: number;
  y: number;
}

export interface SimCompany {
  users: SimUser[];
  appObjects: SimAppObject[];
  phones: SimPhone[];
  floors: SimFloor[];
  desks: SimDesk[];
}

export const DEMO_PASSWORD = 'demo';
export const ROLE_GROUPS = {
  admin: 'hotdesk-admin',
  helpdesk: 'hotdesk-helpdesk',
  facility: 'hotdesk-facility',
  security: 'hotdesk-security',
};
export const DEMO_APP = { name: 'hotdesk', password: 'hotdesk-demo' };

const FIRST_NAMES = [
  'Anna',
  'Lukas',
  'Sophie',
  'Maximilian',
  'Marie',
  'Felix',
  'Lea',
  'Jonas',
  'Hannah',
  'Paul',
  'Emilia',
  'Leon',
  'Mia',
  'Elias',
  'Lina',
  'Finn',
  'Clara',
  'Noah',
  'Greta',
  'Ben',
  'Aylin',
  'Mehmet',
  'Zeynep',
  'Luca',
  'Giulia',
  'Mateo',
  'Lucía',
  'Olivia',
  'James',
  'Priya',
  'Arjun',
  'Wei',
  'Mei',
  'Yuki',
  'Kenji',
  'Fatima',
  'Omar',
  'Agnieszka',
  'Piotr',
  'Ingrid',
  'Lars',
  'Chloé',
  'Théo',
  'Nikolai',
  'Olga',
  'Amara',
  'Kwame',
  'Sofía',
  'João',
  'Björn',
];
const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Yılmaz',
  'Kaya',
  'Rossi',
  'Bianchi',
  'García',
  'Fernández',
  'Smith',
  'Patel',
  'Sharma',
  'Chen',
  'Wang',
  'Tanaka',
  'Sato',
  'Nowak',
  'Kowalski',
  'Johansson',
  'Dubois',
  'Moreau',
  'Ivanova',
  'Mensah',
  'Silva',
  'Öztürk',
  'Jäger',
  'Groß',
];

/** mulberry32: a small, fast, seedable generator; quality is ample for demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, digits: number): string {
  let out = '';
  while (out.length < digits) out += Math.floor(random() * 16).toString(16);
  return out;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export interface CompanyShape {
  seed: number;
  employees: number;
  phones: number;
  /** How many phones start in an employee's device list (checked in). */
  occupied: number;
  /** How many phones are configured offline (never register). */
  offline: number;
}

export const demoCompanyShape: CompanyShape = { seed: 20261122, employees: 300, phones: 150, occupied: 40, offline: 6 };

/** Phone device entry as the seed product writes it: the label plus the app that keeps the Phone icon. */
export const deskPhoneDevice = (mac: string): SimDevice => ({ hw: mac, text: 'Hotdesk', app: 'phone' });

export function generateCompany(shape: CompanyShape): SimCompany {
  const random = seededRandom(shape.seed);
  const width = Math.max(3, String(shape.employees).length);
  const staff: SimUser[] = [
    { h323: 'admin', cn: 'Sabine Krüger', groups: [ROLE_GROUPS.admin] },
    { h323: 'helpdesk', cn: 'Jonas Becker', groups: [ROLE_GROUPS.helpdesk] },
    { h323: 'facility', cn: 'Aylin Demir', groups: [ROLE_GROUPS.facility] },
  ].map((person, index) => ({
    ...person,
    guid: hex(random, 32),
    dn: person.cn,
    e164: String(100 + index),
    password: DEMO_PASSWORD,
    devices: [],
  }));
  const usedNames = new Set(staff.map((user) => user.cn));
  const employees: SimUser[] = [];
  for (let index = 1; index <= shape.employees; index += 1) {
    let cn = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    // The PBX requires a unique cn; real directories disambiguate the same way.
    for (let suffix = 2; usedNames.has(cn); suffix += 1) cn = `${cn.replace(/ \d+$/, '')} ${suffix}`;
    usedNames.add(cn);
    employees.push({
      guid: hex(random, 32),
      h323: `user${String(index).padStart(width, '0')}`,
      cn,
      dn: cn,
      e164: String(1000 + index),
      password: DEMO_PASSWORD,
      groups: [],
      devices: [{ hw: `softphone-user${String(index).padStart(width, '0')}`, text: 'Softphone', app: 'softphone' }],
    });
  }
  const macs = new Set<string>();
  const phones: SimPhone[] = [];
  while (phones.length < shape.phones) {
    const mac = `009033${hex(random, 6)}`;
    if (macs.has(mac)) continue;
    macs.add(mac);
    phones.push({ mac, online: true });
  }
  // Offline phones: a third of them on occupied desks (so "occupied, phone offline" shows up), the rest free.
  const offlineOccupied = Math.min(Math.floor(shape.offline / 3), shape.occupied);
  for (let index = 0; index < shape.offline && index < phones.length; index += 1) {
    const phone = index < offlineOccupied ? phones[shape.occupied - 1 - index] : phones[phones.length - 1 - index];
    if (phone) phone.online = false;
  }
  for (let index = 0; index < shape.occupied && index < phones.length && index < employees.length; index += 1) {
    const phone = phones[index];
    const employee = employees[(index * 7) % employees.length];
    if (phone && employee) employee.devices.push(deskPhoneDevice(phone.mac));
  }
  const floors = FLOORS.slice(0, Math.max(1, Math.min(FLOORS.length, Math.ceil(shape.phones / 50))));
  // Desks take the phones in a scattered order, so that occupied and offline phones spread over all floors.
  const stride = coprimeStride(phones.length);
  const desks = phones.map((_, index) =>
    desk(phones[(index * stride) % phones.length]?.mac ?? '', index, floors, shape.phones),
  );
  // The security desk comes last, with numbers of its own: everyone else stays as the seed made them.
  const security: SimUser = {
    guid: hex(seededRandom(shape.seed + 1), 32),
    h323: 'security',
    cn: 'Security Desk',
    dn: 'Security Desk',
    e164: '199',
    password: DEMO_PASSWORD,
    groups: [ROLE_GROUPS.security],
    devices: [],
  };
  return {
    users: [...staff, ...employees, security],
    appObjects: [{ ...DEMO_APP, title: 'Hotdesk', apis: ['PbxAdminApi', 'PbxTableUsers', 'RCC'] }],
    phones,
    floors,
    desks,
  };
}

function coprimeStride(length: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = 37;
  while (length > 1 && gcd(stride, length) !== 1) stride += 2;
  return stride;
}

const FLOORS: SimFloor[] = [
  { name: 'Ground floor', building: 'Berlin HQ' },
  { name: '1st floor', building: 'Berlin HQ' },
  { name: '2nd floor', building: 'Munich office' },
  { name: '3rd floor', building: 'Berlin HQ' },
];

/** Desks in rows of ten on each floor: "B1-2.07" = building B1, floor 2, desk 7; every third has a PC, every seventh a thin client. */
function desk(mac: string, index: number, floors: SimFloor[], total: number): SimDesk {
  const perFloor = Math.ceil(total / floors.length);
  const floorIndex = Math.min(floors.length - 1, Math.floor(index / perFloor));
  const number = (index % perFloor) + 1;
  const name = `B1-${floorIndex}.${String(number).padStart(perFloor >= 100 ? 3 : 2, '0')}`;
  const computerNames: string[] = [];
  if (number % 3 === 0) computerNames.push(`PC-B1-${floorIndex}-${String(number).padStart(3, '0')}`);
  if (number % 7 === 0) computerNames.push(`TC-B1-${floorIndex}-${String(number).padStart(3, '0')}`);
  const column = (number - 1) % 10;
  const row = Math.floor((number - 1) / 10);
  const rows = Math.ceil(perFloor / 10);
  return {
    name,
    mac,
    computerNames,
    floor: floors[floorIndex]?.name ?? '',
    x: 0.08 + (column / 9) * 0.84,
    y: 0.1 + (rows > 1 ? (row / (rows - 1)) * 0.8 : 0.4),
  };
}

export const demoCompany = (): SimCompany => generateCompany(demoCompanyShape);
