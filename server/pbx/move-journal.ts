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

export interface MoveJournal {
  begin(intent: Omit<MoveIntent, 'id'>): Promise<string>;
  finish(id: string, outcome: MoveOutcome): Promise<void>;
  pending(): Promise<MoveIntent[]>;
}

export class MemoryMoveJournal implements MoveJournal {
  private readonly open = new Map<string, MoveIntent>();
  private next = 1;
  readonly finished: { intent: MoveIntent; outcome: MoveOutcome }[] = [];

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

/** The journal in the service's database, so that a crash mid-move is repaired after the restart. */
export class DbMoveJournal implements MoveJournal {
  constructor(private readonly db: Queryable) {}

  async begin(intent: Omit<MoveIntent, 'id'>): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO pbx_moves (mac, from_guid, to_guid, from_device) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [intent.mac, intent.from, intent.to, intent.fromDevice === null ? null : JSON.stringify(intent.fromDevice)],
    );
    if (!row) throw new Error('pbx_moves insert returned no id');
    return row.id;
  }

  async finish(id: string, outcome: MoveOutcome): Promise<void> {
    await this.db.query(`UPDATE pbx_moves SET outcome = $2, finished_at = now() WHERE id = $1::bigint`, [id, outcome]);
  }

  async pending(): Promise<MoveIntent[]> {
    const rows = await this.db.query<IntentRow>(
      `SELECT id::text AS id, mac, from_guid, to_guid, from_device FROM pbx_moves WHERE outcome IS NULL ORDER BY id`,
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
