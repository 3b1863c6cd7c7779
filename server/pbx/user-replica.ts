import type { PbxDevice, PbxUser } from './pbx.ts';

/** The columns replicated from PbxTableUsers (sub-tables `grps` and `devices` included). */
export const replicatedUserColumns = {
  guid: {},
  cn: {},
  h323: {},
  e164: {},
  dn: {},
  loc: {},
  pseudo: {},
  grps: {},
  devices: { update: true },
  emails: {},
  'h323-email': {},
} as const;

/** Only user and executive objects are people (the innovaphone Replicator tutorial's `pseudo` filter). */
export const replicatedPseudoTypes = ['', 'executive'];

/**
 * The pseudo type of a row: empty for a user. PbxTableUsers' column is XML on a real PBX
 * (`<pseudo type="executive" …/>`), a bare type on others; PbxAdminApi has it as `{type}`.
 */
export function pseudoTypeOf(value: unknown): string {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!trimmed.startsWith('<')) return trimmed;
    return (
      /^<pseudo\b[^>]*?\btype\s*=\s*(?:"([^"]*)"|'([^']*)')/
        .exec(trimmed)
        ?.slice(1)
        .find((type) => type !== undefined) ?? ''
    );
  }
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : '';
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

export function asDevices(value: unknown): PbxDevice[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (device): device is PbxDevice =>
      typeof device === 'object' && device !== null && typeof (device as { hw?: unknown }).hw === 'string',
  );
}

/** Any configured membership counts: roles follow what the PBX administrator set up, not dynamic state. */
function asGroupNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((group) => {
    const name = (group as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
}

/**
 * The user's e-mail address: the first of the `emails` sub-table, else the login name where `h323-email` says it
 * is one (PbxTableUsers.htm); empty when the PBX has none.
 */
function emailOf(columns: Record<string, unknown>): string {
  const rows = Array.isArray(columns.emails) ? (columns.emails as unknown[]) : [];
  const first = rows
    .map((row) => asString((row as { email?: unknown } | null)?.email).trim())
    .find((email) => email.includes('@'));
  if (first !== undefined) return first;
  const name = asString(columns.h323);
  return columns['h323-email'] === true && name.includes('@') ? name : '';
}

/** A row of PbxTableUsers as a PbxUser; null when it has no guid or is no person (an App object, …). */
export function userFromRow(columns: Record<string, unknown>): PbxUser | null {
  const guid = asString(columns.guid);
  if (guid === '' || !replicatedPseudoTypes.includes(pseudoTypeOf(columns.pseudo))) return null;
  const cn = asString(columns.cn);
  return {
    guid,
    name: asString(columns.h323),
    cn,
    displayName: asString(columns.dn) || cn,
    e164: asString(columns.e164),
    loc: asString(columns.loc),
    groups: asGroupNames(columns.grps),
    devices: asDevices(columns.devices),
    email: emailOf(columns),
  };
}

/** Users by guid, with indexes by login name and by hardware id (both ignoring case). */
export class UserReplica {
  private readonly byGuid = new Map<string, PbxUser>();
  private readonly guidByName = new Map<string, string>();
  /** A set, not one guid: should two objects ever hold one id, the invariant check must see both. */
  private readonly holdersByHw = new Map<string, Set<string>>();

  get size(): number {
    return this.byGuid.size;
  }

  upsert(user: PbxUser): void {
    this.delete(user.guid);
    this.byGuid.set(user.guid, user);
    if (user.name !== '') this.guidByName.set(user.name.toLowerCase(), user.guid);
    for (const device of user.devices) {
      const hw = device.hw.toLowerCase();
      const holders = this.holdersByHw.get(hw) ?? new Set<string>();
      holders.add(user.guid);
      this.holdersByHw.set(hw, holders);
    }
  }

  delete(guid: string): void {
    const previous = this.byGuid.get(guid);
    if (!previous) return;
    this.byGuid.delete(guid);
    if (this.guidByName.get(previous.name.toLowerCase()) === guid) this.guidByName.delete(previous.name.toLowerCase());
    for (const device of previous.devices) {
      const hw = device.hw.toLowerCase();
      const holders = this.holdersByHw.get(hw);
      holders?.delete(guid);
      if (holders?.size === 0) this.holdersByHw.delete(hw);
    }
  }

  byId(guid: string): PbxUser | null {
    return this.byGuid.get(guid) ?? null;
  }

  holdersOf(hw: string): string[] {
    return [...(this.holdersByHw.get(hw.toLowerCase()) ?? [])];
  }

  /** Hardware ids held by more than one object. */
  duplicates(): { mac: string; holders: string[] }[] {
    return [...this.holdersByHw]
      .filter(([, holders]) => holders.size > 1)
      .map(([mac, holders]) => ({ mac, holders: [...holders] }));
  }

  findByName(name: string): PbxUser | null {
    const guid = this.guidByName.get(name.toLowerCase());
    return guid === undefined ? null : (this.byGuid.get(guid) ?? null);
  }

  all(): IterableIterator<PbxUser> {
    return this.byGuid.values();
  }
}
