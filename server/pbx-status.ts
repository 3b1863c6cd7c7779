import type { EventBus } from './lib/events.ts';
import { log } from './lib/log.ts';
import type { Pbx } from './pbx/pbx.ts';

/**
 * The PBX connections as the operator and the console need to hear of them. The log says connected, lost,
 * reconnecting, unresponsive, and a refused App-object login every time it is retried. The open consoles of
 * this instance hear of every change of a connection's state at once (a `pbx` event: they check health), so
 * the header stops saying "PBX connected" the moment it is not. Every instance has its own connections, so the
 * event is not relayed to the others: theirs see the same PBX themselves.
 */
export function announcePbxStatus(pbx: Pbx, events: EventBus): () => void {
  const last = new Map<string, string>();
  let states = '';
  return pbx.onStatusChange((status) => {
    const now = status.pbxs.map((link) => `${link.url}=${link.state}`).join(' ');
    if (now !== states) {
      states = now;
      events.deliver({ type: 'pbx' });
    }
    for (const link of status.pbxs) {
      const key = `${link.state}|${link.lastError ?? ''}`;
      // A refused App-object login is said at every retry: it will not mend itself.
      if (last.get(link.url) === key && !(link.state === 'disconnected' && link.loginRefused)) continue;
      last.set(link.url, key);
      const line = { pbx: link.name, url: link.url, master: link.master, state: link.state, reason: link.lastError };
      if (link.state === 'connected') log.info(line, 'PBX connected');
      else if (link.state === 'connecting') log.info(line, 'connecting to the PBX');
      else if (link.loginRefused) log.error(line, "the PBX refused the App object's login (PBX_APP, PBX_PASSWORD)");
      else log.warn(line, link.state === 'unresponsive' ? 'PBX not answering' : 'PBX connection lost');
    }
  });
}
