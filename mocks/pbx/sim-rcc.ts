import type { SimCore } from './sim-core.ts';
import type { SimConnection, SimMessage } from './sim-connection.ts';
import { appList, isUserObject, pseudoType, type SimObject } from './sim-objects.ts';

/** A real PBX sends at most 50 RCC users per 20 ms timer tick (RCC.htm, Initialize). */
const RCC_MAX_PER_TICK = 50;
const RCC_TICK_MS = 20;

interface RccSession {
  /** The src of Initialize; null until the connection asked for the user list. */
  src: string | undefined | null;
  visible: (object: SimObject) => boolean;
  /** Users this connection has been told about, so that leaving its view is announced as `del`. */
  seen: Set<string>;
  /** UserInitialize handles → guid. */
  monitors: Map<number, string>;
}

/**
 * RCC (RCC.htm): the users an App object may see, paced as a real PBX sends them, `UserInfo` on every change
 * and as users enter or leave the view, `Devices`, and per-user monitoring with UserInitialize/UserEnd.
 */
export class RccApi {
  private readonly sessions = new Map<SimConnection, RccSession>();
  private nextMonitor = 1;

  constructor(
    private readonly core: SimCore,
    private readonly isOpen: (connection: SimConnection) => boolean,
  ) {
    core.onChange((change) => this.announce(change.object, change.kind === 'delete'));
    core.onRegistration((object) => this.announce(object));
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
        this.session(connection).monitors.set(handle, user.guid);
        connection.reply(message, { mt: 'UserInitializeResult', user: handle });
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
      session = { src: null, visible: this.visibility(connection), seen: new Set(), monitors: new Map() };
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
    Object.assign(session, { src: message.src, visible, seen: new Set(pending) });
    const limit = Math.min(
      RCC_MAX_PER_TICK,
      typeof message.limit === 'number' && message.limit > 0 ? message.limit : RCC_MAX_PER_TICK,
    );
    let cursor = 0;
    const tick = () => {
      if (!this.isOpen(connection)) return;
      for (const guid of pending.slice(cursor, cursor + limit)) {
        const object = this.core.byGuid(guid);
        if (object) connection.send(this.userInfo(object, session.src));
      }
      cursor += limit;
      if (cursor < pending.length) setTimeout(tick, RCC_TICK_MS);
      else connection.reply(message, { mt: 'InitializeResult' });
    };
    tick();
  }

  private userInfo(object: SimObject, src: string | undefined | null, update?: 'upd' | 'add' | 'del') {
    const info: Record<string, unknown> = {
      api: 'RCC',
      mt: 'UserInfo',
      guid: object.guid,
      cn: object.cn,
      dn: object.dn,
      h323: object.h323,
      e164: object.e164,
      node: object.node || 'root',
      pbx: object.loc || 'master',
      regs: update === 'del' ? [] : this.core.regsOf(object),
    };
    if (object.pseudo) info.pseudo = pseudoType(object);
    if (update !== undefined) info.update = update;
    if (src !== undefined && src !== null) info.src = src;
    return info;
  }

  /** Every change of a user reaches each connection that sees it; leaving or entering its view too. */
  private announce(object: SimObject, deleted = false): void {
    for (const [connection, session] of this.sessions) {
      if (session.src === null) continue;
      const wasSeen = session.seen.has(object.guid);
      if (!deleted && session.visible(object)) {
        session.seen.add(object.guid);
        connection.send(this.userInfo(object, session.src, wasSeen ? 'upd' : 'add'));
      } else if (wasSeen) {
        session.seen.delete(object.guid);
        connection.send(this.userInfo(object, session.src, 'del'));
      }
    }
  }
}
