import type { SimAppObject, SimCompany, SimUser } from './demo-company.ts';
import { documentedBehaviour, keptHw, type SimBehaviour } from './sim-behaviour.ts';
import {
  appList,
  applyProperties,
  emptyObject,
  isAppObject,
  isUserObject,
  newGuid,
  objectFromUser,
  type SimObject,
} from './sim-objects.ts';
import { loadSimState, SimStateWriter, type SimState } from './sim-state.ts';

/** A change to an object; `origin` is the connection that made it (a replicator is not told its own). */
export interface SimChange {
  kind: 'add' | 'update' | 'delete';
  object: SimObject;
  origin: unknown;
}

export interface SimCoreOptions {
  /** How long a desk phone takes to register after its hardware id lands in a device list. */
  registrationDelayMs?: number;
  /** Where the PBX keeps its objects over a restart; unset: nothing is kept (tests). */
  stateFile?: string;
  /** How the PBX behaves where innovaphone's documents leave it open. */
  behaviour?: Partial<SimBehaviour>;
  /** The slave PBXs of the system (their location names); the master is `pbxName`. */
  slaves?: string[];
}

/**
 * The PBX itself, without any protocol: its objects and their rules (documented properties, unique cn and
 * h323, one hardware id on one object), App object grants, desk phones that register to whoever holds their
 * hardware id, and the state file. The protocol handlers read it and hear about every change.
 */
export class SimCore {
  private readonly objects = new Map<string, SimObject>();
  /** App object guid → the APIs it is granted ("Grant access to APIs"). */
  private readonly grants = new Map<string, string[]>();
  /** Desk phones by hardware id (lowercase): whether they are switched on. */
  private readonly phones = new Map<string, { online: boolean }>();
  /** cn and h323 (lowercase) → guid: both are unique, and looked up on every write. */
  private readonly names = { cn: new Map<string, string>(), h323: new Map<string, string>() };
  /** Hardware id (lowercase) → the objects whose device lists hold it (more than one breaks the PBX rule). */
  private readonly holderIndex = new Map<string, Set<string>>();
  /** Live registrations: hardware id (lowercase) → guid of the object it is registered to. */
  private readonly registrations = new Map<string, string>();
  private readonly registrationTimers = new Map<string, NodeJS.Timeout>();
  private readonly changeListeners = new Set<(change: SimChange) => void>();
  private readonly registrationListeners = new Set<(object: SimObject) => void>();
  private readonly stateWriter: SimStateWriter | null;
  /** How many object changes were applied. */
  updates = 0;
  readonly behaviour: SimBehaviour;
  readonly slaves: readonly string[];

  constructor(
    company: SimCompany,
    private readonly options: SimCoreOptions = {},
  ) {
    this.behaviour = { ...documentedBehaviour, ...options.behaviour };
    this.slaves = options.slaves ?? [];
    const saved = options.stateFile === undefined ? null : loadSimState(options.stateFile);
    if (saved) this.restore(saved);
    else this.seed(company);
    for (const object of this.objects.values()) {
      for (const device of object.devices) {
        if (this.phones.get(device.hw.toLowerCase())?.online)
          this.registrations.set(device.hw.toLowerCase(), object.guid);
      }
    }
    this.stateWriter =
      options.stateFile === undefined ? null : new SimStateWriter(options.stateFile, () => this.snapshot());
  }

  private seed(company: SimCompany): void {
    const appNames = company.appObjects.map((app) => app.name);
    for (const user of company.users) {
      const object = objectFromUser(user, appNames);
      object.devices = object.devices.map((device) => ({ ...device, hw: keptHw(device.hw, this.behaviour) }));
      this.index(object);
    }
    for (const app of company.appObjects) this.addAppObject(app);
    for (const phone of company.phones) this.phones.set(phone.mac.toLowerCase(), { online: phone.online });
  }

  private restore(state: SimState): void {
    for (const object of state.objects) this.index(object);
    for (const [guid, apis] of Object.entries(state.grants)) this.grants.set(guid, apis);
    for (const phone of state.phones) this.phones.set(phone.mac.toLowerCase(), { online: phone.online });
  }

  private snapshot(): SimState {
    return {
      version: 1,
      objects: [...this.objects.values()],
      phones: [...this.phones].map(([mac, phone]) => ({ mac, online: phone.online })),
      grants: Object.fromEntries(this.grants),
    };
  }

  private addAppObject(app: SimAppObject): void {
    const object: SimObject = {
      ...emptyObject(newGuid()),
      cn: app.name,
      dn: app.title ?? app.name,
      h323: app.name,
      password: app.password,
      loc: this.pbxName,
      node: 'root',
      pseudo: { type: 'app', url: app.url ?? '' },
    };
    this.index(object);
    this.grants.set(object.guid, [...app.apis]);
  }

  /** Stops pending registrations and writes the state file now. */
  shutdown(): void {
    for (const timer of this.registrationTimers.values()) clearTimeout(timer);
    this.registrationTimers.clear();
    this.stateWriter?.flush();
  }

  onChange(listener: (change: SimChange) => void): void {
    this.changeListeners.add(listener);
  }

  /** A phone registered to or unregistered from `object`. */
  onRegistration(listener: (object: SimObject) => void): void {
    this.registrationListeners.add(listener);
  }

  all(): IterableIterator<SimObject> {
    return this.objects.values();
  }

  byGuid(guid: string): SimObject | undefined {
    return this.objects.get(guid);
  }

  findBy(field: 'h323' | 'cn', value: string): SimObject | undefined {
    const wanted = value.toLowerCase();
    if (wanted === '') return undefined;
    const guid = this.names[field].get(wanted);
    return guid === undefined ? undefined : this.objects.get(guid);
  }

  findUser(h323: string): SimObject | undefined {
    const found = this.findBy('h323', h323);
    return found && isUserObject(found) ? found : undefined;
  }

  findApp(name: string): SimObject | undefined {
    const found = this.findBy('h323', name);
    return found && isAppObject(found) ? found : undefined;
  }

  /** The App objects a user has rights to, in the order of the user's `apps`. */
  appsFor(user: SimObject): SimObject[] {
    return appList(user).flatMap((name) => this.findApp(name) ?? []);
  }

  grantsOf(app: SimObject): readonly string[] {
    return this.grants.get(app.guid) ?? [];
  }

  /** By guid, else cn, else h323; `*` and `?` as guid mean "by cn". */
  find(reference: Record<string, unknown>): SimObject | undefined {
    const { guid, cn, h323 } = reference;
    if (typeof guid === 'string' && guid !== '*' && guid !== '?' && guid !== '') return this.objects.get(guid);
    if (typeof cn === 'string' && cn !== '') return this.findBy('cn', cn);
    return typeof h323 === 'string' ? this.findBy('h323', h323) : undefined;
  }

  /**
   * UpdateObject's rules: every documented property present is applied; without guid (or with "?" and no
   * match) the object is created. Returns an error text, or the object; nothing changes on an error.
   */
  update(message: Record<string, unknown>, origin: unknown): SimObject | string {
    const guid = typeof message.guid === 'string' ? message.guid : '';
    // No guid: create. "*": the object named by cn. "?": that object, or a new one.
    const existing = guid === '' ? undefined : this.find(message);
    if (!existing && guid !== '' && guid !== '?') return 'object not found';
    const next = applyProperties(existing ?? emptyObject(newGuid()), this.keptDevices(message));
    if (typeof next === 'string') return next;
    if (next.cn === '' && next.h323 === '') return 'an object needs a cn or an h323';
    for (const field of ['cn', 'h323'] as const) {
      const other = this.findBy(field, next[field]);
      if (other && other.guid !== next.guid) return `${field} ${next[field]} is used by another object`;
    }
    const seen = new Set<string>();
    for (const device of next.devices) {
      const hw = device.hw.toLowerCase();
      if (seen.has(hw)) return `hw id ${device.hw} listed twice`;
      seen.add(hw);
      const other = [...(this.holderIndex.get(hw) ?? [])].find((holder) => holder !== next.guid);
      if (other !== undefined) return `hw id ${device.hw} already used by ${this.objects.get(other)?.cn ?? other}`;
    }
    const before = existing?.devices.map((device) => device.hw.toLowerCase()) ?? [];
    this.index(next);
    this.updates += 1;
    this.emit({ kind: existing ? 'update' : 'add', object: next, origin });
    for (const hw of new Set([...before, ...next.devices.map((device) => device.hw.toLowerCase())]))
      this.syncRegistration(hw);
    this.stateWriter?.schedule();
    return next;
  }

  /** The message with its devices' hardware ids as this PBX keeps them. */
  private keptDevices(message: Record<string, unknown>): Record<string, unknown> {
    if (!Array.isArray(message.devices) || this.behaviour.hwCase === 'as-written') return message;
    return {
      ...message,
      devices: message.devices.map((device: unknown) =>
        typeof device === 'object' && device !== null && typeof (device as { hw?: unknown }).hw === 'string'
          ? { ...device, hw: keptHw((device as { hw: string }).hw, this.behaviour) }
          : device,
      ),
    };
  }

  delete(object: SimObject, origin: unknown): void {
    this.unindex(object.guid);
    this.grants.delete(object.guid);
    this.emit({ kind: 'delete', object, origin });
    for (const device of object.devices) this.syncRegistration(device.hw.toLowerCase());
    this.stateWriter?.schedule();
  }

  /** Sets the URL myApps opens for an App object. */
  setAppUrl(name: string, url: string): void {
    const app = this.findApp(name);
    if (!app?.pseudo) return;
    app.pseudo = { ...app.pseudo, url };
    this.stateWriter?.schedule();
  }

  /** The master PBX (its GetPbxConfig `loc`). */
  readonly pbxName = 'berlin';

  /**
   * GetNodes (PbxAdminApi.htm): the numbering nodes with their parent node, and `loc` "present if the node is
   * also a PBX", indicating the parent PBX: the master's node names itself, a slave's names the master. The
   * demo company has two sites, each its own PBX: Berlin (the master) and Munich (a slave).
   */
  nodes(): { name: string; node: string; loc?: string }[] {
    return [
      { name: 'root', node: '' },
      { name: this.pbxName, node: 'root', loc: this.pbxName },
      ...this.slaves.map((name) => ({ name, node: 'root', loc: this.pbxName })),
    ];
  }

  /** The PBX an object's phones register at and its calls run through: its `loc`, else the master. */
  pbxOf(object: SimObject): string {
    return this.slaves.includes(object.loc) ? object.loc : this.pbxName;
  }

  /** Whether the RCC of PBX `pbx` reports this object's registrations and calls. */
  reportsOn(pbx: string, object: SimObject): boolean {
    return this.pbxOf(object) === pbx || (pbx === this.pbxName && this.behaviour.masterSeesSlaves);
  }

  /** A copy of a user's current state, for tests. */
  user(h323: string): SimUser | undefined {
    const found = this.findBy('h323', h323);
    return (
      found && {
        guid: found.guid,
        h323: found.h323,
        cn: found.cn,
        dn: found.dn,
        e164: found.e164,
        password: found.password,
        groups: found.grp.map((group) => group.name),
        devices: structuredClone(found.devices),
        apps: found.apps,
      }
    );
  }

  holders(): Map<string, string[]> {
    return new Map([...this.holderIndex].map(([hw, guids]) => [hw, [...guids]]));
  }

  registeredTo(hw: string): string | undefined {
    return this.registrations.get(hw.toLowerCase());
  }

  /** The registrations of an object's devices, as GetRegs and RCC show them. */
  regsOf(object: SimObject): { hw: string; addr: string }[] {
    return object.devices
      .filter((device) => this.registrations.get(device.hw.toLowerCase()) === object.guid)
      .map((device) => ({ hw: device.hw, addr: phoneAddress(device.hw) }));
  }

  setPhoneOnline(hw: string, online: boolean): void {
    const key = hw.toLowerCase();
    const phone = this.phones.get(key);
    if (!phone) return;
    phone.online = online;
    this.syncRegistration(key);
    this.stateWriter?.schedule();
  }

  private emit(change: SimChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  private index(object: SimObject): void {
    this.unindex(object.guid);
    this.objects.set(object.guid, object);
    for (const field of ['cn', 'h323'] as const) {
      if (object[field] !== '') this.names[field].set(object[field].toLowerCase(), object.guid);
    }
    for (const device of object.devices) {
      const hw = device.hw.toLowerCase();
      this.holderIndex.set(hw, (this.holderIndex.get(hw) ?? new Set()).add(object.guid));
    }
  }

  private unindex(guid: string): void {
    const previous = this.objects.get(guid);
    if (!previous) return;
    this.objects.delete(guid);
    for (const field of ['cn', 'h323'] as const) {
      const key = previous[field].toLowerCase();
      if (this.names[field].get(key) === guid) this.names[field].delete(key);
    }
    for (const device of previous.devices) {
      const hw = device.hw.toLowerCase();
      const holders = this.holderIndex.get(hw);
      holders?.delete(guid);
      if (holders?.size === 0) this.holderIndex.delete(hw);
    }
  }

  /**
   * A phone registers to whichever object holds its hardware id, after the configured delay, and
   * unregisters at once when it leaves that object's device list or is switched off.
   */
  private syncRegistration(hw: string): void {
    const [holderGuid] = this.holderIndex.get(hw) ?? [];
    const holder = holderGuid === undefined ? undefined : this.objects.get(holderGuid);
    const current = this.registrations.get(hw);
    const target = this.phones.get(hw)?.online && holder ? holder.guid : undefined;
    const timer = this.registrationTimers.get(hw);
    if (timer) clearTimeout(timer);
    this.registrationTimers.delete(hw);
    if (current !== undefined && current !== target) {
      this.registrations.delete(hw);
      const previous = this.objects.get(current);
      if (previous) for (const listener of this.registrationListeners) listener(previous);
    }
    if (target === undefined || current === target) return;
    this.registrationTimers.set(
      hw,
      setTimeout(() => {
        this.registrationTimers.delete(hw);
        const object = this.objects.get(target);
        if (!object || !object.devices.some((device) => device.hw.toLowerCase() === hw)) return;
        this.registrations.set(hw, target);
        for (const listener of this.registrationListeners) listener(object);
      }, this.options.registrationDelayMs ?? 300),
    );
  }
}

/** A stable, plausible LAN address per phone. */
function phoneAddress(hw: string): string {
  const tail = Number.parseInt(hw.slice(-4), 16) || 0;
  return `10.20.${(tail >> 8) & 255}.${tail & 255}:5060`;
}
