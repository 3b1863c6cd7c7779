import { randomUUID } from 'node:crypto';
import type { AppWebsocketConnection } from './app-websocket.ts';
import { PbxRequestError } from './app-websocket.ts';
import type { KeyedMutex } from '../lib/keyed-mutex.ts';
import type { MoveIntent, MoveJournal } from './move-journal.ts';
import { PbxMoveError, PbxUnavailableError, type MoveRequest, type PbxDevice, type PbxUser } from './pbx.ts';
import { asDevices } from './user-replica.ts';

const ADMIN = 'PbxAdminApi';

/** What the moves ask of the PBX connection: PbxAdminApi requests. */
export type AdminConnection = Pick<AppWebsocketConnection, 'request'>;

/** What the moves need of the adapter: its live connection and its replica of the user table. */
export interface MoveHost {
  /** The connection while the PBX is connected and answering; null otherwise. */
  liveConnection(): AdminConnection | null;
  holdersOf(mac: string): string[];
  userById(guid: string): PbxUser | null;
  /** Our own write, applied to the replica at once (the PBX's push confirms it moments later). */
  applyUser(user: PbxUser): void;
  running(): boolean;
}

/**
 * Moving a hardware id between device lists (PbxAdminApi GetObject/UpdateObject), journaled: written
 * down before the first write and closed after the last, and what is left open (a dropped connection, a
 * timed-out answer, a failed undo) is repaired by what the PBX shows once it answers again.
 */
/** An open move started longer ago than this is no longer under way anywhere: its instance died. */
export const ABANDONED_AFTER_MS = 30_000;

export class DeviceMoves {
  private repairTimer: NodeJS.Timeout | null = null;
  private repairAttempt = 0;
  /** This process's moves under way: a repair never touches them. */
  private readonly active = new Set<string>();
  constructor(
    private readonly host: MoveHost,
    private readonly journal: MoveJournal,
    private readonly locks: KeyedMutex,
    /** Who this instance is in the journal (its own open moves are repaired at once after a reconnect). */
    private readonly owner: string = randomUUID(),
  ) {}

  async moveDevice(request: MoveRequest): Promise<void> {
    const mac = request.mac.toLowerCase();
    const keys = [`mac:${mac}`, ...[request.from, request.to].flatMap((guid) => (guid ? [`user:${guid}`] : []))];
    await this.locks.run(keys, () => this.move({ ...request, mac }));
  }

  pendingCount(): Promise<number> {
    return this.journal.pending().then((open) => open.length);
  }

  stop(): void {
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
  }

  /** Remove from `from`, then add to `to`; undo the removal when the add is refused. Caller holds the locks. */
  private async move(request: MoveRequest): Promise<void> {
    const { mac, from, to } = request;
    const connection = this.liveConnectionOrThrow();
    if (from === to) return;
    let fromDevice: PbxDevice | null = null;
    let fromDevices: PbxDevice[] = [];
    if (from !== null) {
      fromDevices = await this.readDevices(connection, from).catch((error: unknown) => {
        if (error instanceof PbxUnavailableError) throw new PbxMoveError('unavailable', error.message, true);
        throw error;
      });
      fromDevice = fromDevices.find((entry) => entry.hw.toLowerCase() === mac) ?? null;
      if (!fromDevice) throw new PbxMoveError('conflict', 'The phone is no longer on the expected PBX user.', true);
    } else if (this.host.holdersOf(mac).length > 0) {
      throw new PbxMoveError('conflict', 'The phone is on a PBX user already.', true);
    }
    const id = await this.journal.begin({ mac, from, to, fromDevice }, this.owner);
    this.active.add(id);
    try {
      await this.steps(id, request, connection, fromDevices, fromDevice);
    } finally {
      this.active.delete(id);
    }
  }

  private async steps(
    id: string,
    { mac, from, to, device }: MoveRequest,
    connection: AdminConnection,
    fromDevices: PbxDevice[],
    fromDevice: PbxDevice | null,
  ): Promise<void> {
    // The new holder's list is read while the phone leaves the old one (both are locked by us).
    const toDevices = to === null ? null : this.readDevices(connection, to);
    toDevices?.catch(() => undefined);
    if (from !== null) {
      try {
        // The list just read (under the locks) is the one written back: one GetObject fewer per move.
        await this.writeDevices(
          connection,
          from,
          (devices) => devices.filter((entry) => entry.hw.toLowerCase() !== mac),
          fromDevices,
        );
      } catch (error) {
        throw await this.stepFailed(id, error, 'The PBX refused to remove the phone from its previous user.');
      }
    }
    if (to !== null) {
      try {
        await this.writeDevices(
          connection,
          to,
          (devices) => [
            ...devices.filter((entry) => entry.hw.toLowerCase() !== mac),
            { hw: mac, text: device.text, app: device.app },
          ],
          (await toDevices) ?? undefined,
        );
      } catch (error) {
        if (error instanceof PbxRequestError && from !== null && fromDevice !== null) {
          const restored = fromDevice;
          try {
            await this.writeDevices(connection, from, (devices) => [...devices, restored]);
          } catch {
            // The undo itself failed: the journal entry stays open and the repair pass puts it back.
            this.scheduleRepair();
            throw new PbxMoveError('unavailable', 'The move failed half-way; it is being repaired.', false);
          }
        }
        throw await this.stepFailed(id, error, 'The PBX refused to give the phone to the new user.');
      }
    }
    await this.journal.finish(id, 'done');
  }

  /** A refused step changed nothing (journal closed); a lost connection leaves the journal open for repair. */
  private async stepFailed(id: string, error: unknown, refusedMessage: string): Promise<PbxMoveError> {
    if (error instanceof PbxRequestError) {
      await this.journal.finish(id, 'undone');
      return new PbxMoveError('refused', `${refusedMessage} (${error.message})`, true);
    }
    // Lost or timed out: the PBX may have done the step or not. The repair decides once it answers again.
    this.scheduleRepair(1000);
    return new PbxMoveError('unavailable', 'The PBX connection was lost during the move; it will be repaired.', false);
  }

  private liveConnectionOrThrow(): AdminConnection {
    const connection = this.host.liveConnection();
    if (!connection) throw new PbxMoveError('unavailable', 'The PBX is not connected.', true);
    return connection;
  }

  /** GetObject, not the replica: the list written back must be the PBX's current one. */
  private async readDevices(connection: AdminConnection, guid: string): Promise<PbxDevice[]> {
    const object = await connection.request(ADMIN, 'GetObject', { guid });
    return asDevices(object.devices);
  }

  /**
   * Reads (unless `current` was just read), changes and writes one device list; sends only guid and devices,
   * never the whole object. Every entry the change keeps goes back exactly as the PBX gave it, with every field
   * (Single Registration, Media Relay, a VoIP profile, and fields we do not know).
   */
  private async writeDevices(
    connection: AdminConnection,
    guid: string,
    change: (devices: PbxDevice[]) => PbxDevice[],
    current?: PbxDevice[],
  ): Promise<void> {
    const next = change(current ?? (await this.readDevices(connection, guid)));
    await connection.request(ADMIN, 'UpdateObject', { guid, devices: next });
    // Apply our own write at once; the PBX's replication push confirms it moments later.
    const user = this.host.userById(guid);
    if (user) this.host.applyUser({ ...user, devices: next });
  }

  /**
   * Closes every open move by what the PBX shows now; runs after every resync and after a failed undo,
   * and again with a growing delay while anything stays open (the PBX may refuse for a while).
   */
  scheduleRepair(delayMs = 0): void {
    if (this.repairTimer || !this.host.running()) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      void this.repairOpenMoves().then((open) => {
        if (open === 0) {
          this.repairAttempt = 0;
          return;
        }
        this.repairAttempt += 1;
        this.scheduleRepair(Math.min(5000, 50 * 2 ** this.repairAttempt));
      });
    }, delayMs);
  }

  /**
   * Repairs this instance's open moves and every move too old to be under way (an instance that died left it):
   * after a reconnect, and from the leader now and then (`repairAbandoned`). Returns how many are still open.
   */
  async repairOpenMoves(): Promise<number> {
    const connection = this.host.liveConnection();
    const open = (
      await this.journal.pending({ owner: this.owner, startedBefore: new Date(Date.now() - ABANDONED_AFTER_MS) })
    ).filter((intent) => !this.active.has(intent.id));
    if (!connection) return open.length;
    let left = 0;
    for (const intent of open) {
      const keys = [`mac:${intent.mac}`, ...[intent.from, intent.to].flatMap((guid) => (guid ? [`user:${guid}`] : []))];
      try {
        await this.locks.run(keys, () => this.repair(connection, intent));
      } catch {
        left += 1;
      }
    }
    return left;
  }

  /**
   * Who holds the phone, as the PBX shows it now: the two users the move touched are read from the PBX (the
   * replica may not yet have heard of a write whose answer was lost, and would have the repair undo a step
   * the PBX did), anyone else from the replica.
   */
  private async holdersNow(connection: AdminConnection, intent: MoveIntent): Promise<string[]> {
    const touched = [intent.from, intent.to].filter(
      (guid, index, both): guid is string => guid !== null && both.indexOf(guid) === index,
    );
    const holding = await Promise.all(
      touched.map(
        async (guid) =>
          this.host.userById(guid) !== null &&
          (await this.readDevices(connection, guid)).some((entry) => entry.hw.toLowerCase() === intent.mac),
      ),
    );
    return [
      ...this.host.holdersOf(intent.mac).filter((guid) => !touched.includes(guid)),
      ...touched.filter((_, index) => holding[index]),
    ];
  }

  private async repair(connection: AdminConnection, intent: MoveIntent): Promise<void> {
    // The list was read before the lock: the move itself may have finished meanwhile. Only what is still
    // open is repaired, or a repair pass would undo a logout that just completed.
    if (!(await this.journal.pending()).some((open) => open.id === intent.id)) return;
    const holders = await this.holdersNow(connection, intent);
    if (holders.length === 1 && holders[0] === intent.to) return this.journal.finish(intent.id, 'done');
    // A move to nobody (a logout) whose phone is on nobody is done, whichever step the crash came after.
    if (holders.length === 0 && intent.to === null) return this.journal.finish(intent.id, 'done');
    if (holders.length === 1 && holders[0] === intent.from) return this.journal.finish(intent.id, 'undone');
    if (holders.length > 0) return this.journal.finish(intent.id, 'superseded');
    // Removed from `from` and never added to `to`: put it back where it was, exactly as it was.
    if (intent.from !== null && intent.fromDevice !== null && this.host.userById(intent.from)) {
      const restored = intent.fromDevice;
      await this.writeDevices(connection, intent.from, (devices) => [...devices, restored]);
    }
    return this.journal.finish(intent.id, 'undone');
  }
}
