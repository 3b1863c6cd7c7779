import { appLoginDigest } from '../server/pbx/digest.ts';
import type { SimCore } from './sim-core.ts';
import type { SimConnection, SimMessage } from './sim-connection.ts';
import { isUserObject, objectView } from './sim-objects.ts';

const SEARCH_PAGE = 20;

/** Run-time fault injection, switched by tests. */
export interface SimFaults {
  /** Added to every answer, in milliseconds. */
  latencyMs: number;
  /** Fraction (0..1) of UpdateObject requests refused with an error, nothing changed. */
  refuseUpdates: number;
  /** Objects (guids) whose UpdateObject requests are all refused. */
  refuseUpdatesTo: string[];
  /** Fraction (0..1) of UpdateObject requests applied, after which every connection drops without an answer. */
  dropAfterUpdate: number;
  /** While paused, as a stopped process: nothing is handled or sent; both wait and happen on resume. */
  paused: boolean;
  /** Fraction (0..1) of UpdateObject requests applied, after which the PBX pauses before it answers. */
  pauseAfterUpdate: number;
}

export const noFaults: SimFaults = {
  latencyMs: 0,
  refuseUpdates: 0,
  refuseUpdatesTo: [],
  dropAfterUpdate: 0,
  paused: false,
  pauseAfterUpdate: 0,
};

function compareCn(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

/** PbxAdminApi (PbxAdminApi.htm) over the simulated PBX, with the update faults tests switch on. */
export class AdminApi {
  constructor(
    private readonly core: SimCore,
    private readonly faults: () => SimFaults,
    private readonly faultRandom: () => number,
    private readonly dropAllConnections: () => void,
    private readonly pause: () => void,
  ) {}

  handle(connection: SimConnection, message: SimMessage): void {
    const result = `${message.mt}Result`;
    switch (message.mt) {
      case 'GetObject': {
        const object = this.core.find(message);
        if (object) connection.reply(message, { mt: result, ...objectView(object) });
        else connection.refuse(message, 'notFound', 'object not found');
        return;
      }
      case 'GetRegs': {
        const object = this.core.find(message);
        if (object) connection.reply(message, { mt: result, cn: object.cn, regs: this.core.regsOf(object) });
        else connection.refuse(message, 'notFound', 'object not found');
        return;
      }
      case 'GetPbxConfig':
        connection.reply(message, { mt: result, loc: connection.pbx });
        return;
      case 'GetNodes':
        connection.reply(message, { mt: result, nodes: this.core.nodes() });
        return;
      case 'SearchUsers':
        connection.reply(message, { mt: result, user: this.searchUsers(message) });
        return;
      case 'GetAppLogin': {
        const app = this.core.findApp(typeof message.app === 'string' ? message.app : '');
        const challenge = typeof message.challenge === 'string' ? message.challenge : '';
        if (!app) {
          connection.refuse(message, 'notFound', 'no such App object');
          return;
        }
        const identity = { app: app.h323, domain: '', sip: '', guid: '', dn: '' };
        connection.reply(message, {
          mt: result,
          app: app.h323,
          digest: appLoginDigest(identity, challenge, app.password),
        });
        return;
      }
      case 'UpdateObject':
        this.update(connection, message);
        return;
      case 'DeleteObject': {
        const object = this.core.find(message);
        if (!object) {
          connection.refuse(message, 'notFound', 'object not found');
          return;
        }
        this.core.delete(object, null);
        connection.reply(message, { mt: result });
        return;
      }
      default:
        connection.refuse(message, 'unsupported', `${message.mt} is not supported by the simulator`);
    }
  }

  /** Up to 20 users and executives, sorted by cn, starting after `cn` (at it with includeMatch). */
  private searchUsers(message: SimMessage): Record<string, string>[] {
    const start = typeof message.cn === 'string' ? message.cn : '';
    const include = message.includeMatch === true;
    return [...this.core.all()]
      .filter(isUserObject)
      .sort((a, b) => compareCn(a.cn, b.cn))
      .filter((object) => {
        const order = compareCn(object.cn, start);
        return order > 0 || (include && order === 0);
      })
      .slice(0, SEARCH_PAGE)
      .map((object) => ({ cn: object.cn, dn: object.dn, guid: object.guid, h323: object.h323 }));
  }

  private update(connection: SimConnection, message: SimMessage): void {
    const faults = this.faults();
    const target = typeof message.guid === 'string' ? message.guid : '';
    if (this.faultRandom() < faults.refuseUpdates || faults.refuseUpdatesTo.includes(target)) {
      connection.refuse(message, 'refused', 'simulated fault: update refused');
      return;
    }
    // A PBX that stops right after it took the write: its pushes and its answer come only on resume.
    if (faults.pauseAfterUpdate > 0 && this.faultRandom() < faults.pauseAfterUpdate) this.pause();
    const creates = typeof message.guid !== 'string' || message.guid === '' || !this.core.find(message);
    const outcome = this.core.update(message, null);
    if (typeof outcome === 'string') {
      connection.refuse(message, outcome === 'object not found' ? 'notFound' : 'invalid', outcome);
      return;
    }
    if (this.faultRandom() < faults.dropAfterUpdate) {
      // Written, but the answer never arrives: the hardest case for a client.
      this.dropAllConnections();
      return;
    }
    // UpdateObjectResult carries the guid of an object it created (innovaphone's PHP sample reads it), only then.
    connection.reply(message, { mt: `${message.mt}Result`, ...(creates ? { guid: outcome.guid } : {}) });
  }
}
