import type { PbxState } from '../../contract/api.ts';
import type { PbxCheckReport } from '../../contract/pbx-check.ts';

/** One entry of a PBX object's device list (PbxAdminApi `device`). */
export interface PbxDevice {
  hw: string;
  text?: string;
  app?: string;
  [flag: string]: unknown;
}

/** A PBX user as the service needs it, from the live replica. */
export interface PbxUser {
  guid: string;
  /** The login name (h323 / SIP user part). */
  name: string;
  cn: string;
  displayName: string;
  e164: string;
  /** The PBX (site) the user belongs to: their phones register there and their calls leave there. */
  loc: string;
  groups: string[];
  devices: PbxDevice[];
  /** Where e-mail to the person goes (PbxTableUsers' emails); empty: the PBX has none. */
  email: string;
}

/** Base objects are members of this group: how they are told from people, on the PBX itself. */
export const BASE_GROUP = 'hotdesk-base';

export const isBaseObject = (user: PbxUser): boolean => user.groups.includes(BASE_GROUP);

/** The person whose device list holds the phone; a desk's base object is nobody. */
export function personHolding(pbx: Pbx, mac: string): PbxUser | null {
  const holder = pbx.holderOf(mac);
  return holder && !isBaseObject(holder) ? holder : null;
}

/** One PBX of the system (the master, or a slave whose site's phones register there). */
export interface PbxLinkStatus {
  /** Its location name (GetPbxConfig `loc`), or its host until it has told. */
  name: string;
  /** Its address, without any credentials. */
  url: string;
  master: boolean;
  state: PbxState;
  since: string;
  /** Since when it has not been connected, through every reconnect attempt; null while connected. */
  downSince: string | null;
  lastError: string | null;
  /** The PBX refused the App object's login at the last attempt (wrong name or password: it will not mend itself). */
  loginRefused: boolean;
  registrationsLoaded: boolean;
  registrations: number;
  callsWatched: boolean;
}

/** Since when a PBX connection is down (the earliest of those down), or null while every one works. */
export function pbxDownSince(status: PbxStatus): string | null {
  const down = status.pbxs.flatMap((link) => (link.downSince === null ? [] : [link.downSince]));
  return down.sort()[0] ?? null;
}

/** The PBX system: `state`, `since` and `lastError` are the master's, `pbxs` every PBX's own. */
export interface PbxStatus {
  state: PbxState;
  since: string;
  lastError: string | null;
  /** The initial load of the user table has finished (on the current connection or an earlier one). */
  replicaLoaded: boolean;
  users: number;
  /** RCC's initial list has arrived; before that, registrations are partial. */
  registrationsLoaded: boolean;
  registrations: number;
  /** Every PBX tells the service about every call (RCC `calls`); without it, nobody is known to be on a call. */
  callsWatched: boolean;
  pbxs: PbxLinkStatus[];
  /** PBXs of the system (GetNodes) that no configured address reaches: their phones' calls go unseen. */
  unreached: string[];
}

/** A call on a PBX user's phone (RCC). */
export interface PbxCall {
  id: number;
  /** Unique beyond this connection (the PBX's call-id), so that one call is never counted twice. */
  key: string;
  /** The user whose phone it is on. */
  guid: string;
  outgoing: boolean;
  /** The far end's number (for an outgoing call: what was dialled); empty until the PBX said it. */
  remote: string;
  connected: boolean;
}

/** A PBX object the service creates and owns (e.g. the base object that holds a free desk's phone). */
export interface OwnedObject {
  cn: string;
  dn: string;
  h323: string;
  /** Numbering node and config template; empty: the PBX's defaults. */
  node: string;
  config: string;
  /** The PBX location (`loc`); empty: the PBX's default. */
  loc: string;
  /** Group memberships (passive): how the service recognises its own objects on the PBX. */
  groups: string[];
}

/** Something changed on the PBX, by us or by anyone else. */
export type PbxChange =
  | { kind: 'user'; user: PbxUser; previous: PbxUser | null }
  | { kind: 'user-deleted'; guid: string; previous: PbxUser | null }
  | { kind: 'registrations'; guid: string }
  | { kind: 'calls'; guid: string };

/** The hardware ids (lowercase) whose holder a change may have changed: before and after. */
export function changedMacs(change: PbxChange): string[] {
  if (change.kind === 'registrations' || change.kind === 'calls') return [];
  const before = change.previous?.devices ?? [];
  const after = change.kind === 'user' ? change.user.devices : [];
  return [...new Set([...before, ...after].map((device) => device.hw.toLowerCase()))];
}

/** The device entry the service writes for a desk phone: its label and the app that keeps the Phone icon. */
export interface DeviceEntry {
  text: string;
  app: string;
}

export interface MoveRequest {
  /** Hardware id; compared ignoring case. */
  mac: string;
  /** The guid the caller believes holds the MAC now (null: nobody); anything else is a conflict. */
  from: string | null;
  /** The guid that gets it (null: nobody, i.e. remove). */
  to: string | null;
  device: DeviceEntry;
}

export interface InvariantReport {
  ok: boolean;
  /** Hardware ids on more than one object. */
  duplicateMacs: { mac: string; holders: string[] }[];
  /** Sessions the service believes in that the PBX does not show. */
  sessionMismatches: { mac: string; expected: string; actual: string | null }[];
  /** Moves begun and not yet closed (repaired on the next resync). */
  pendingMoves: number;
}

/**
 * The one interface the rest of the service uses to talk to a PBX. The innovaphone implementation is
 * behind it; another PBX is another implementation and nothing else changes.
 */
export interface Pbx {
  start(): void;
  stop(): Promise<void>;
  status(): PbxStatus;
  onStatusChange(listener: (status: PbxStatus) => void): () => void;
  /** Every change to users, device lists and registrations, as it arrives. */
  onChange(listener: (change: PbxChange) => void): () => void;
  /** True when the PBX accepts this user's password; throws PbxUnavailableError when it cannot be asked. */
  verifyUserPassword(username: string, password: string): Promise<boolean>;
  /** The user with this login name (ignoring case) from the replica, or null. */
  findUser(username: string): Promise<PbxUser | null>;
  listUsers(): PbxUser[];
  userByGuid(guid: string): PbxUser | null;
  /** The object whose device list holds this hardware id, or null. */
  holderOf(mac: string): PbxUser | null;
  /** The guid the phone with this hardware id is registered to now, or null. */
  registeredTo(mac: string): string | null;
  /**
   * Whether the phone is connected to the PBX: registered now, or until a moment ago (after its device list
   * changed a phone registers again to its new holder, which takes seconds).
   */
  phoneOnline(mac: string): boolean;
  /**
   * Moves a hardware id between device lists without ever putting it on two objects and without losing
   * it: removed from `from` first, then added to `to`; if adding fails the removal is undone; if the
   * connection drops in between, the next resync repairs it. Throws PbxMoveError.
   */
  moveDevice(request: MoveRequest): Promise<void>;
  /**
   * Repairs open moves that are this instance's or too old to be under way (an instance died mid-move), by what
   * the PBX shows; the leader runs it now and then. Returns how many are still open.
   */
  repairAbandonedMoves(): Promise<number>;
  /** The calls running on this user's phones now. */
  callsOf(guid: string): PbxCall[];
  /** Whether every call of this user's phones would be seen now (their PBX connected, its calls listed). */
  callsWatchedFor(guid: string): boolean;
  /** The user's outgoing calls with the numbers dialled, including those ended in the last seconds. */
  dialledBy(guid: string): PbxCall[];
  /** Ends one of this user's calls (e.g. a keypad code, once read). Throws PbxUnavailableError or PbxRequestError. */
  clearCall(guid: string, call: number): Promise<void>;
  /**
   * Creates the object (no guid) or updates it (by guid), visible to this service's App object; returns its
   * guid. Throws PbxMoveError: `refused` (e.g. the cn is taken by another object) or `unavailable`.
   */
  saveObject(object: OwnedObject, guid?: string): Promise<string>;
  deleteObject(guid: string): Promise<void>;
  /** The PBX locations (GetNodes: nodes that are a PBX; GetPbxConfig: the local one). */
  locations(): Promise<string[]>;
  /** Moves a user to another PBX location (`loc`). Throws PbxMoveError like saveObject. */
  setLocation(guid: string, loc: string): Promise<void>;
  /**
   * Read-only checks of the configured PBXs on connections of their own (connection-check.ts), for installers;
   * `writeTest` names an object whose device list is written back unchanged.
   */
  checkConnection(options: { writeTest?: string; publicUrl?: string }): Promise<PbxCheckReport>;
  /** `expectedSessions`: hardware id → the guid the service believes holds it. */
  checkInvariants(expectedSessions?: ReadonlyMap<string, string>): Promise<InvariantReport>;
}

/** The PBX cannot be asked now: not connected, not answering, or the connection dropped. */
export class PbxUnavailableError extends Error {
  override readonly name = 'PbxUnavailableError';
}

/** Why a move did not happen. `undone`: nothing changed on the PBX in the end. */
export class PbxMoveError extends Error {
  override readonly name = 'PbxMoveError';
  constructor(
    readonly code: 'conflict' | 'refused' | 'unavailable',
    message: string,
    readonly undone: boolean,
  ) {
    super(message);
  }
}
