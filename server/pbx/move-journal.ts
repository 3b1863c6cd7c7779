import type { Queryable } from '../db/db.ts';
import type { PbxDevice } from './pbx.ts';

/**
 * A device move written down before its first PBX write and closed after its last. What is still open
 * after a dropped connection or a crash is repaired on the next resync.
 */
export interface MoveIntent {
  id: string;
  /** Hardware id, lowercase. */
  mac: string;
  from: string | null;
  to: string | null;
  /** The device entry as it stood on `from`, to put back exactly as it was. */
  fromDevice: PbxDevice | null;
}

export type MoveOutcome = 'done' | 'undone' | 'superseded';

/**
 * Which open moves a repair may take: those this instance started (`owner`), those of an instance that is gone,
 * and anyone's started before `startedBefore` (too old to be under way). Without a filter, every open move.
 */
export interface PendingFilter {
  owner: string;
  startedBefore: Date;
}

export interface MoveJournal {
  begin(intent: Omit<MoveIntent, 'id'>, owner: string): Promise<string>;
  finish(id: string, outcome: MoveOutcome): Promise<void>;
  pending(filter?: PendingFilter): Promise<MoveIntent[]>;
}

export class MemoryMoveJournal implements MoveJournal {
  private readonly open = new Map<string, MoveIntent>();
  private next = 1;
  readonly finished: { intent: MoveIntent; outcome: MoveOutcome }[] = [];

  /** One process: every open move is its own. */
  begin(intent: Omit<MoveIntent, 'id'>): Promise<string> {
    const id = String(this.next++);
    this.open.set(id, { ...intent, id });
    return Promise.resolve(id);
  }

  finish(id: string, outcome: MoveOutcome): Promise<void> {
    const intent = this.open.get(id);
    if (intent) this.finished.push({ intent, outcome });
    this.open.delete(id);
    return Promise.resolve();
  }

  pending(): Promise<MoveIntent[]> {
    return Promise.resolve([...this.open.values()]);
  }
}

interface IntentRow {
  id: string;
  mac: string;
  from_guid: string | null;
  to_guid: string | null;
  from_device: PbxDevice | null;
}

/**
 * The journal in the service's database, so that a crash mid-move is repaired after the restart. `shared`: other
 * instances write to it too (PostgreSQL), so another's open move is taken only once its instance is gone (its
 * beacon lock under `instanceKeyPrefix` + owner is free: server/db/instance-beacon.ts) or the move is too old to be
 * under way; alone (PGlite), every open move is this instance's, from this run or the last.
 */
export class DbMoveJournal implements MoveJournal {
  constructor(
    private readonly db: Queryable,
    private readonly shared: { instanceKeyPrefix: string } | null,
  ) {}

  async begin(intent: Omit<MoveIntent, 'id'>, owner: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO pbx_moves (mac, from_guid, to_guid, from_device, owner) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [
        intent.mac,
        intent.from,
        intent.to,
        intent.fromDevice === null ? null : JSON.stringify(intent.fromDevice),
        owner,
      ],
    );
    if (!row) throw new Error('pbx_moves insert returned no id');
    return row.id;
  }

  async finish(id: string, outcome: MoveOutcome): Promise<void> {
    await this.db.query(`UPDATE pbx_moves SET outcome = $2, finished_at = now() WHERE id = $1::bigint`, [id, outcome]);
  }

  async pending(given?: PendingFilter): Promise<MoveIntent[]> {
    const filter = this.shared ? given : undefined;
    // The try-lock is a transaction's (this statement's): it is let go at once and only tells whether the owner lives.
    const rows = await this.db.query<IntentRow>(
      `SELECT id::text AS id, mac, from_guid, to_guid, from_device FROM pbx_moves WHERE outcome IS NULL
       ${filter ? 'AND (owner = $1 OR owner IS NULL OR started_at < $2 OR pg_try_advisory_xact_lock(hashtextextended($3 || owner, 0)))' : ''}
       ORDER BY id`,
      filter && this.shared ? [filter.owner, filter.startedBefore, this.shared.instanceKeyPrefix] : [],
    );
    return rows.map((row) => ({
      id: row.id,
      mac: row.mac,
      from: row.from_guid,
      to: row.to_guid,
      fromDevice: row.from_device,
    }));
  }
}
