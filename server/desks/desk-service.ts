import { allows } from '../../contract/access.ts';
import type { Role } from '../../contract/api.ts';
import type { Desk, DeskPatchValues, DeskValues } from '../../contract/desks.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { personHolding, type Pbx } from '../pbx/pbx.ts';
import type { DeskOccupancyPort } from './desk-occupancy-port.ts';
import { isUuid } from '../../contract/ids.ts';
import {
  deleteDeskRow,
  deskRecord,
  findDeskConflicts,
  getDesk,
  insertDesk,
  writeDesk,
  type DeskRecord,
} from './desk-store.ts';
import type { Message } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

export interface DeskDeps {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  /**
   * Logs the occupant out when an occupied desk is deleted; serialises desk edits with check-ins (the desk's
   * lock) and keeps the phone safety rule (no phone moved off a call or out of an emergency freeze).
   */
  occupancy: Pick<
    DeskOccupancyPort,
    'completePendingLogouts' | 'underDeskLock' | 'assertPhoneMayMove' | 'reconcile' | 'planLogouts'
  >;
}

export type OccupiedChoice = 'logout' | 'refuse';

/** The one answer for an occupied desk the caller cannot (or did not choose to) free: who sits there, who can help. */
export function occupiedDeskError(occupant: { name: string; displayName: string }, mayLogOut: boolean): DomainError {
  const who = occupant.displayName;
  return new DomainError(
    'conflict',
    'desk_occupied',
    mayLogOut ? msg('api.deskService.usingDeskSPhone', { who }) : msg('api.deskService.usingDeskSPhone2', { who }),
    undefined,
    { occupant: { name: occupant.name, displayName: occupant.displayName }, mayLogOut },
  );
}

/** A logout needs the PBX now: with the connection down the replica may be stale and the write would wait. */
export function assertPbxConnected(pbx: Pbx, what: Message): void {
  if (pbx.status().state === 'connected') return;
  throw new DomainError('semantic', 'pbx_unavailable', msg('api.deskService.pbxUnreachable', { what }));
}

/** Uniqueness is checked first to name the other desk; the unique indexes stay the last word. */
async function assertUnique(db: Queryable, desk: Partial<DeskRecord>, excludeId: string | null): Promise<void> {
  const conflicts = await findDeskConflicts(db, desk, excludeId);
  const first = conflicts.name ?? conflicts.mac ?? conflicts.computerNames;
  if (first === undefined) return;
  const code = conflicts.name ? 'desk_name_taken' : conflicts.mac ? 'mac_taken' : 'computer_name_taken';
  const fields: Record<string, Message> = {};
  if (conflicts.name) fields.name = conflicts.name;
  if (conflicts.mac) fields.mac = conflicts.mac;
  if (conflicts.computerNames) fields.computerNames = conflicts.computerNames;
  throw new DomainError('conflict', code, first, fields);
}

async function assertPlacement(db: Queryable, desk: DeskRecord): Promise<void> {
  if (desk.floorId !== null) {
    const [floor] = isUuid(desk.floorId)
      ? await db.query('SELECT 1 FROM floors WHERE id = $1::uuid', [desk.floorId])
      : [];
    if (!floor)
      throw new DomainError('invalid', 'bad_request', msg('api.deskService.floorDoesExist'), {
        floorId: msg('api.deskService.unknownFloor'),
      });
  }
  if (desk.zoneId !== null) {
    const [zone] = isUuid(desk.zoneId)
      ? await db.query<{ floor_id: string }>('SELECT floor_id::text AS floor_id FROM zones WHERE id = $1::uuid', [
          desk.zoneId,
        ])
      : [];
    if (!zone || zone.floor_id !== desk.floorId) {
      throw new DomainError('invalid', 'bad_request', msg('api.deskService.zoneDeskSFloor'), {
        zoneId: msg('api.deskService.unknownZone'),
      });
    }
  }
}

export async function createDesk(deps: DeskDeps, actor: string, values: DeskValues): Promise<Desk> {
  const [desk] = await createDesks(deps, actor, [values]);
  if (!desk) throw new Error('created desk vanished');
  return desk;
}

/**
 * New desks in one transaction: all are created or none, each audited. A refusal in a list of several names the
 * desk it is about (`index` in the list, `desk` its name) beside the usual fields, so that the form can show it
 * there. A phone already in someone's device list: that person sits there, from now on (the reconcile).
 */
export async function createDesks(deps: DeskDeps, actor: string, list: readonly DeskValues[]): Promise<Desk[]> {
  const desks = await deps.db.transaction(async (tx) => {
    const made: Desk[] = [];
    for (const [index, values] of list.entries()) {
      try {
        await assertUnique(tx, values, null);
        await assertPlacement(tx, values);
      } catch (error) {
        if (!(error instanceof DomainError) || list.length === 1) throw error;
        throw new DomainError(error.kind, error.code, error.text, error.fields, {
          ...error.extra,
          index,
          desk: values.name,
        });
      }
      const created = await getDesk(tx, await insertDesk(tx, values));
      if (!created) throw new Error('created desk vanished');
      await recordAudit(tx, {
        actor,
        action: 'desk.create',
        target: values.name,
        result: 'ok',
        detail: { after: created },
      });
      made.push(created);
    }
    return made;
  });
  deps.events.publish({ type: 'desks', ids: desks.map((desk) => desk.id) });
  await deps.occupancy.reconcile(new Set(desks.map((desk) => desk.mac)));
  return desks;
}

/** Optimistic concurrency: `expectedVersion` must be the stored version, or nothing is written. */
async function lockAtVersion(db: Queryable, id: string, expectedVersion: number): Promise<Desk> {
  const current = await getDesk(db, id, true);
  if (!current) throw new DomainError('not_found', 'not_found', msg('api.shared.deskDoesExistAny'));
  if (current.version !== expectedVersion) {
    throw new DomainError('stale', 'version_conflict', msg('api.deskService.someoneElseChangedDesk'), undefined, {
      current,
    });
  }
  return current;
}

export async function updateDesk(
  deps: DeskDeps,
  actor: string,
  id: string,
  expectedVersion: number,
  patch: DeskPatchValues,
): Promise<Desk> {
  // A new MAC moves the old phone off the desk's base object (or whoever holds it): not during a call or freeze.
  const current = patch.mac === undefined ? null : await getDesk(deps.db, id);
  const desk = await deps.occupancy.underDeskLock(id, async () => {
    if (current && patch.mac !== current.mac) await deps.occupancy.assertPhoneMayMove(current.mac);
    return deps.db.transaction(async (tx) => {
      const before = await lockAtVersion(tx, id, expectedVersion);
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next: DeskRecord = { ...deskRecord(before), ...(changes as Partial<DeskRecord>) };
      if (patch.floorId !== undefined && patch.floorId !== before.floorId && patch.zoneId === undefined)
        next.zoneId = null;
      await assertUnique(
        tx,
        {
          ...(patch.name !== undefined ? { name: next.name } : {}),
          ...(patch.mac !== undefined ? { mac: next.mac } : {}),
          ...(patch.computerNames !== undefined ? { computerNames: next.computerNames } : {}),
        },
        id,
      );
      await assertPlacement(tx, next);
      await writeDesk(tx, id, next);
      // Walk-in only is the desk's own: imports and the editor leave it as it is.
      if (patch.bookable !== undefined)
        await tx.query('UPDATE desks SET bookable = $2 WHERE id = $1::uuid', [id, patch.bookable]);
      const after = await getDesk(tx, id);
      await recordAudit(tx, {
        actor,
        action: 'desk.update',
        target: after?.name,
        result: 'ok',
        detail: { before, after },
      });
      return after;
    });
  });
  if (!desk) throw new Error('updated desk vanished');
  deps.events.publish({ type: 'desks', ids: [desk.id] });
  if (current && current.mac !== desk.mac) await deps.occupancy.reconcile(new Set([current.mac, desk.mac]));
  return desk;
}

/**
 * Deleting a desk whose phone someone is using needs a choice: log them out first, or refuse. The phone
 * leaves the person's PBX device list before the desk row goes.
 */
export async function deleteDesk(
  deps: DeskDeps,
  caller: { name: string; roles: readonly Role[] },
  id: string,
  expectedVersion: number,
  occupied: OccupiedChoice | undefined,
): Promise<void> {
  const current = await getDesk(deps.db, id);
  if (!current) throw new DomainError('not_found', 'not_found', msg('api.shared.deskDoesExistAny'));
  const actor = caller.name;
  // Under the desk's lock, one after the other with a check-in at it; its phone leaves it only off any call and
  // outside an emergency freeze.
  const occupant = await deps.occupancy.underDeskLock(id, async () => {
    const occupant = personHolding(deps.pbx, current.mac);
    if (occupant) {
      const mayLogOut = allows(caller.roles, 'people.logout');
      if (occupied !== 'logout' || !mayLogOut) throw occupiedDeskError(occupant, mayLogOut);
      assertPbxConnected(deps.pbx, msg('api.deskService.logOut', { occupantDisplayName: occupant.displayName }));
    }
    await deps.occupancy.assertPhoneMayMove(current.mac);
    await deps.db.transaction(async (tx) => {
      const before = await lockAtVersion(tx, id, expectedVersion);
      // The logout is written down with the deletion and done after the commit: never one without the other.
      if (occupant) {
        await deps.occupancy.planLogouts(tx, actor, 'desk_deleted', [
          { mac: before.mac, userGuid: occupant.guid, userName: occupant.name, deskName: before.name },
        ]);
      }
      await deleteDeskRow(tx, id);
      await recordAudit(tx, {
        actor,
        action: 'desk.delete',
        target: before.name,
        result: 'ok',
        detail: { before, loggedOut: occupant?.name ?? null },
      });
    });
    return occupant;
  });
  if (occupant) await deps.occupancy.completePendingLogouts();
  deps.events.publish({ type: 'desks', ids: [id] });
}
