import type { Queryable } from '../db/db.ts';

/** A logout written down in the transaction that removes a desk, and done once it has committed. */
export interface PlannedLogout {
  mac: string;
  userGuid: string;
  userName: string;
  deskName: string;
}

/**
 * What the desk use cases need of the occupancy: server/occupancy's `DeskOccupancyService` is it, given at start,
 * so that desks, which the occupancy reads, do not import the occupancy back.
 */
export interface DeskOccupancyPort {
  /** Runs `work` under the desk's lock, which check-ins take too. */
  underDeskLock<T>(deskId: string, work: () => Promise<T>): Promise<T>;
  /** Refuses (409) when the phone is on a call or in an emergency freeze: it must not move. */
  assertPhoneMayMove(mac: string): Promise<void>;
  /** The phone's emergency freeze, if any: the number called. */
  frozenPhone(mac: string): Promise<{ number: string } | undefined>;
  /** Brings the sessions of these phones (all, without) in step with the PBX. */
  reconcile(macs?: ReadonlySet<string>): Promise<string[]>;
  /** Writes logouts down in the caller's transaction. */
  planLogouts(tx: Queryable, actor: string, reason: 'desk_deleted', logouts: readonly PlannedLogout[]): Promise<void>;
  /** Does the logouts written down. */
  completePendingLogouts(): Promise<number>;
}
