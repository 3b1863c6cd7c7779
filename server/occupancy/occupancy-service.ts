import type { DeskOccupancy, ForceLogoutResponse } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit.ts';
import type { Db } from '../db/db.ts';
import { getDesksByIds, listDesks } from '../desks/desk-store.ts';
import type { EventBus } from '../events.ts';
import { PbxMoveError } from '../pbx/innovaphone.ts';
import type { Pbx } from '../pbx/pbx.ts';

export interface OccupancyDeps {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  deviceEntry: () => { text: string; app: string };
}

/** Every desk with who holds its phone on the PBX now and whether the phone is registered. */
export async function listOccupancy(deps: OccupancyDeps): Promise<{ desks: DeskOccupancy[]; complete: boolean }> {
  const desks = await listDesks(deps.db, { limit: 1_000_000 });
  const status = deps.pbx.status();
  return {
    complete: status.replicaLoaded && status.registrationsLoaded,
    desks: desks.map((desk) => {
      const holder = deps.pbx.holderOf(desk.mac);
      return {
        deskId: desk.id,
        deskName: desk.name,
        mac: desk.mac,
        floorId: desk.floorId,
        zoneId: desk.zoneId,
        enabled: desk.enabled,
        occupant: holder && { guid: holder.guid, name: holder.name, displayName: holder.displayName },
        since: null,
        method: holder ? 'pbx' : null,
        phoneRegistered: deps.pbx.registeredTo(desk.mac) !== null,
      };
    }),
  };
}

/** Takes each desk's phone out of its occupant's device list; one result per desk, every logout audited. */
export async function forceLogout(
  deps: OccupancyDeps,
  actor: string,
  deskIds: readonly string[],
): Promise<ForceLogoutResponse> {
  const desks = new Map((await getDesksByIds(deps.db, deskIds)).map((desk) => [desk.id, desk]));
  const results: ForceLogoutResponse['results'] = [];
  for (const deskId of deskIds) {
    const desk = desks.get(deskId);
    if (!desk) {
      results.push({ deskId, status: 'failed', message: 'This desk does not exist (any more).' });
      continue;
    }
    const holder = deps.pbx.holderOf(desk.mac);
    if (!holder) {
      results.push({ deskId, status: 'was_free' });
      continue;
    }
    try {
      await deps.pbx.moveDevice({ mac: desk.mac, from: holder.guid, to: null, device: deps.deviceEntry() });
      results.push({ deskId, status: 'logged_out' });
      await recordAudit(deps.db, {
        actor,
        action: 'occupancy.force_logout',
        target: desk.name,
        result: 'ok',
        detail: { user: holder.name, displayName: holder.displayName, mac: desk.mac },
      });
    } catch (error) {
      const message = error instanceof PbxMoveError ? error.message : 'The PBX did not take the change.';
      results.push({ deskId, status: 'failed', message });
      await recordAudit(deps.db, {
        actor,
        action: 'occupancy.force_logout',
        target: desk.name,
        result: 'failed',
        detail: { user: holder.name, mac: desk.mac, error: message },
      });
    }
  }
  deps.events.publish({ type: 'occupancy', deskIds: [...deskIds] });
  return { results };
}

/**
 * PBX changes (anyone's) become occupancy events, coalesced: a burst of device-list and registration
 * updates is one event a quarter of a second later.
 */
export function announcePbxChanges(pbx: Pbx, events: EventBus, delayMs = 250): () => void {
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = pbx.onChange(() => {
    timer ??= setTimeout(() => {
      timer = null;
      events.publish({ type: 'occupancy', deskIds: [] });
    }, delayMs);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
