import { OUTGOING, type SimCall, type SimCallEvent, type SimCalls } from './sim-calls.ts';
import type { SimCore } from './sim-core.ts';
import type { SimConnection, SimMessage } from './sim-connection.ts';
import { appList, isUserObject, pseudoType, type SimObject } from './sim-objects.ts';

/** A real PBX sends at most 50 RCC users per 20 ms timer tick (RCC.htm, Initialize). */
const RCC_MAX_PER_TICK = 50;
const RCC_TICK_MS = 20;

interface Monitor {
  guid: string;
  hw: string | undefined;
  /** CallInfo carries the src of the UserInitialize that opened the monitor (RCC.htm, Operations). */
  src: string | undefined;
}

interface RccSession {
  /** The src of Initialize; null until the connection asked for the user list. */
  src: string | undefined | null;
  visible: (object: SimObject) => boolean;
  /** Users this connection has been told about, so that leaving its view is announced as `del`. */
  seen: Set<string>;
  /** UserInitialize handles → the monitored user, with `hw` the one device, and the request's src. */
  monitors: Map<number, Monitor>;
  /** Initialize with `calls: true`: every call of the PBX is indicated (App objects only). */
  calls: boolean;
}

/**
 * RCC (RCC.htm): the users an App object may see, paced as a real PBX sends them, `UserInfo` on every change
 * and as users enter or leave the view, `Devices`, per-user monitoring with UserInitialize/UserEnd and its
 * `CallInfo`, calls with UserCall/UserClear, and every PBX call (`calls: true`) as CallAdd/CallUpdate/CallDel.
 */
export class RccApi {
  private readonly sessions = new Map<SimConnection, RccSession>();
  private nextMonitor = 1;

  constructor(
    private readonly core: SimCore,
    private readonly calls: SimCalls,
    private readonly isOpen: (connection: SimConnection) => boolean,
  ) {
    core.onChange((change) => this.announce(change.object, change.kind === 'delete'));
    core.onRegistration((object) => this.announce(object));
    calls.onCall((event) => this.announceCall(event));
  }

  forget(connection: SimConnection): void {
    this.sessions.delete(connection);
  }

  handle(connection: SimConnection, message: SimMessage): void {
    switch (message.mt) {
      case 'Initialize':
        this.initialize(connection, message);
        return;
      case 'Devices': {
        const user = typeof message.cn === 'string' ? this.core.findBy('cn', message.cn) : undefined;
        if (user && this.visibility(connection)(user))
          connection.reply(message, {
            mt: 'DevicesResult',
            devices: user.devices.map((device) => ({ hw: device.hw, text: device.text ?? '' })),
          });
        else connection.refuse(message, 'notFound', 'user not found');
        return;
      }
      case 'UserInitialize': {
        const user = typeof message.cn === 'string' ? this.core.findBy('cn', message.cn) : undefined;
        if (!user || !this.visibility(connection)(user)) {
          connection.refuse(message, 'notFound', 'user not found or not visible');
          return;
        }
        const handle = this.nextMonitor++;
        const hw = typeof message.hw === 'string' && message.hw !== '' ? message.hw.toLowerCase() : undefined;
        this.session(connection).monitors.set(handle, { guid: user.guid, hw, src: message.src });
        connection.reply(message, { mt: 'UserInitializeResult', user: handle });
        return;
      }
      case 'UserCall':
        this.userCall(connection, message);
        return;
      case 'UserClear': {
        const call = typeof message.call === 'number' ? this.calls.byId(message.call) : undefined;
        if (!call || !this.reportsCall(connection, call) || !this.monitorsOf(connection, call).length) {
          connection.refuse(message, 'notFound', 'no such call');
          return;
        }
        this.calls.clear(call.id);
        connection.reply(message, { mt: 'UserClearResult' });
        return;
      }
      case 'UserEnd': {
        const handle = typeof message.user === 'number' ? message.user : -1;
        if (this.sessions.get(connection)?.monitors.delete(handle)) connection.reply(message, { mt: 'UserEndResult' });
        else connection.refuse(message, 'notFound', 'no such user handle');
        return;
      }
      default:
        connection.refuse(message, 'unsupported', `${message.mt} is not supported on RCC`);
    }
  }

  private session(connection: SimConnection): RccSession {
    let session = this.sessions.get(connection);
    if (!session) {
      session = {
        src: null,
        visible: this.visibility(connection),
        seen: new Set(),
        monitors: new Map(),
        calls: false,
      };
      this.sessions.set(connection, session);
    }
    return session;
  }

  /**
   * App objects see the users that have access to the App (explicit configuration), or with `grp` the
   * members of groups the App object is an active member of; a user's own connection sees that user.
   */
  private visibility(connection: SimConnection, byGroup = false): (object: SimObject) => boolean {
    const login = connection.login;
    if (!login) return () => false;
    if (login.kind === 'user') return (object) => object.guid === login.user.guid;
    const name = login.app.h323.toLowerCase();
    const appGroups = new Set(login.app.grp.filter((group) => group.mode === 'active').map((group) => group.name));
    return (object) =>
      isUserObject(object) &&
      (byGroup
        ? object.grp.some((group) => appGroups.has(group.name))
        : appList(object).some((app) => app.toLowerCase() === name));
  }

  private initialize(connection: SimConnection, message: SimMessage): void {
    const visible = this.visibility(connection, message.grp === true);
    const pending = [...this.core.all()].filter(visible).map((object) => object.guid);
    const session = this.session(connection);
    // Every call of the PBX only to an App object, "so that not any user can read all PBX calls".
    const calls = message.calls === true && connection.login?.kind === 'app';
    Object.assign(session, { src: message.src, visible, seen: new Set(pending), calls });
    const limit = Math.min(
      RCC_MAX_PER_TICK,
      typeof message.limit === 'number' && message.limit > 0 ? message.limit : RCC_MAX_PER_TICK,
    );
    let cursor = 0;
    const tick = () => {
      if (!this.isOpen(connection)) return;
      for (const guid of pending.slice(cursor, cursor + limit)) {
        const object = this.core.byGuid(guid);
        if (object) connection.send(this.userInfo(connection, object, session.src));
      }
      cursor += limit;
      if (cursor < pending.length) {
        setTimeout(tick, RCC_TICK_MS);
        return;
      }
      // The calls already running when the application starts watching.
      if (calls)
        for (const call of this.calls.all())
          if (this.reportsCall(connection, call))
            for (const sent of callAdded(call, this.core.byGuid(call.guid), session.src)) connection.send(sent);
      connection.reply(message, { mt: 'InitializeResult' });
    };
    tick();
  }

  /**
   * UserInfo: the registrations only where this PBX reports them (the user's own PBX); a present `regs` means
   * registered, so an unregistered user's `regs` is left out (or `[]`, as the behaviour says).
   */
  private userInfo(
    connection: SimConnection,
    object: SimObject,
    src: string | undefined | null,
    update?: 'upd' | 'add' | 'del',
  ) {
    const regs = update === 'del' || !this.core.reportsOn(connection.pbx, object) ? [] : this.core.regsOf(object);
    const info: Record<string, unknown> = {
      api: 'RCC',
      mt: 'UserInfo',
      guid: object.guid,
      cn: object.cn,
      dn: object.dn,
      h323: object.h323,
      e164: object.e164,
      node: object.node || 'root',
      pbx: this.core.pbxOf(object),
    };
    if (regs.length > 0 || this.core.behaviour.unregisteredRegs === 'empty') info.regs = regs;
    if (object.pseudo) info.pseudo = pseudoType(object);
    if (update !== undefined) info.update = update;
    if (src !== undefined && src !== null) info.src = src;
    return info;
  }

  /** UserCall: from the monitored user's phone (the monitored device, else its first registered one). */
  private userCall(connection: SimConnection, message: SimMessage): void {
    const monitor =
      typeof message.user === 'number' ? this.sessions.get(connection)?.monitors.get(message.user) : undefined;
    const object = monitor && this.core.byGuid(monitor.guid);
    if (!object) {
      connection.refuse(message, 'notFound', 'no such user handle');
      return;
    }
    const call = this.calls.dial(object, monitor.hw, { e164: message.e164, cn: message.cn, h323: message.h323 });
    if (typeof call === 'string') connection.refuse(message, 'invalid', call);
    else connection.reply(message, { mt: 'UserCallResult', call: call.id });
  }

  /** Whether this connection's PBX reports the call: the one its caller's phone is registered at. */
  private reportsCall(connection: SimConnection, call: SimCall): boolean {
    const owner = this.core.byGuid(call.guid);
    return owner !== undefined && this.core.reportsOn(connection.pbx, owner);
  }

  /** The monitors of this connection that watch the call's user (and device). */
  private monitorsOf(connection: SimConnection, call: SimCall): [number, Monitor][] {
    const monitors = this.sessions.get(connection)?.monitors ?? new Map<number, Monitor>();
    return [...monitors].filter(
      ([, monitor]) => monitor.guid === call.guid && (monitor.hw === undefined || monitor.hw === call.hw.toLowerCase()),
    );
  }

  /** A call changed: `CallInfo` to each handle monitoring it, CallAdd/CallUpdate/CallDel to `calls` watchers. */
  private announceCall(event: SimCallEvent): void {
    const { call, msg } = event;
    for (const [connection, session] of this.sessions) {
      if (!this.reportsCall(connection, call)) continue;
      for (const [handle, monitor] of this.monitorsOf(connection, call)) {
        connection.send(
          withSrc(
            {
              api: 'RCC',
              mt: 'CallInfo',
              user: handle,
              call: call.id,
              conf: call.confId,
              state: callState(call),
              peer: call.peer,
              msg,
            },
            monitor.src,
          ),
        );
      }
      if (!session.calls) continue;
      const owner = this.core.byGuid(call.guid);
      const sent =
        event.kind === 'add'
          ? callAdded(call, owner, session.src)
          : event.kind === 'update'
            ? [callUpdate(call, owner, msg, session.src)]
            : [callDeleted(call, this.core.behaviour.callEnd, session.src)];
      for (const message of sent) connection.send(message);
    }
  }

  /** Every change of a user reaches each connection that sees it; leaving or entering its view too. */
  private announce(object: SimObject, deleted = false): void {
    for (const [connection, session] of this.sessions) {
      if (session.src === null) continue;
      const wasSeen = session.seen.has(object.guid);
      if (!deleted && session.visible(object)) {
        session.seen.add(object.guid);
        connection.send(this.userInfo(connection, object, session.src, wasSeen ? 'upd' : 'add'));
      } else if (wasSeen) {
        session.seen.delete(object.guid);
        connection.send(this.userInfo(connection, object, session.src, 'del'));
      }
    }
  }
}

const callState = (call: SimCall) => call.state + (call.outgoing ? OUTGOING : 0);

function withSrc(message: Record<string, unknown>, src: string | undefined | null): Record<string, unknown> {
  return src === undefined || src === null ? message : { ...message, src };
}

/** CallAdd (who, which call, its state and ids), then a CallUpdate with both ends. */
function callAdded(
  call: SimCall,
  owner: SimObject | undefined,
  src: string | undefined | null,
): Record<string, unknown>[] {
  return [
    withSrc(
      {
        api: 'RCC',
        mt: 'CallAdd',
        guid: call.guid,
        cn: owner?.cn ?? '',
        call: call.id,
        state: callState(call),
        'conf-id': call.confId,
        'call-id': call.callId,
      },
      src,
    ),
    callUpdate(call, owner, call.state === 1 ? 'x-setup' : 'r-conn', src),
  ];
}

function callUpdate(
  call: SimCall,
  owner: SimObject | undefined,
  msg: string,
  src: string | undefined | null,
): Record<string, unknown> {
  const local = { h323: owner?.h323 ?? '', e164: owner?.e164 ?? '' };
  return withSrc({ api: 'RCC', mt: 'CallUpdate', call: call.id, msg, local, remote: call.peer }, src);
}

/**
 * The end of a call, once. RCC.htm names this message twice: "CallDelete" where Initialize describes `calls`,
 * and `"mt": "CallDel"` in the message's own section; which one a PBX sends is the behaviour's choice.
 */
function callDeleted(
  call: SimCall,
  mt: 'CallDel' | 'CallDelete',
  src: string | undefined | null,
): Record<string, unknown> {
  return withSrc({ api: 'RCC', mt, call: call.id }, src);
}
