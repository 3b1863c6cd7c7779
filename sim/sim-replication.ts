import type { SimChange, SimCore } from './sim-core.ts';
import type { SimConnection, SimMessage } from './sim-connection.ts';
import { pseudoColumn } from './sim-behaviour.ts';
import { propertiesFromRow, pseudoType, TABLE_COLUMNS, tableRow, type SimObject } from './sim-objects.ts';

interface Replication {
  src: string | undefined;
  columns: string[];
  /** Pseudo types wanted (`""` = users); null: every object (a PBX that ignores the filter). */
  pseudo: string[] | null;
  /** guids still to be sent by ReplicateNext, from `cursor` on; null once the initial load has finished. */
  pending: string[] | null;
  cursor: number;
}

const wanted = (pseudo: string[] | null, object: SimObject) => pseudo === null || pseudo.includes(pseudoType(object));

/**
 * PbxTableUsers (Replication.htm, PbxTableUsers.htm): the initial load row by row, then every change pushed
 * to every replicator that wants the row; a replicator's own ReplicateAdd/Update/Del change the table.
 */
export class TableApi {
  private readonly replications = new Map<SimConnection, Replication>();

  constructor(private readonly core: SimCore) {
    core.onChange((change) => this.publish(change));
  }

  forget(connection: SimConnection): void {
    this.replications.delete(connection);
  }

  handle(connection: SimConnection, message: SimMessage): void {
    switch (message.mt) {
      case 'ReplicateStart':
        this.start(connection, message);
        return;
      case 'ReplicateNext':
        this.next(connection, message);
        return;
      case 'ReplicateAdd':
      case 'ReplicateUpdate':
      case 'ReplicateDel':
        this.replicatorWrite(connection, message);
        return;
      default:
        connection.refuse(message, 'unsupported', `${message.mt} is not supported on PbxTableUsers`);
    }
  }

  private start(connection: SimConnection, message: SimMessage): void {
    const requested =
      typeof message.columns === 'object' && message.columns !== null ? Object.keys(message.columns) : [];
    // User objects only, unless ReplicateStart's `pseudo` asks for other types too.
    const pseudo =
      this.core.behaviour.pseudoFilter === 'ignored'
        ? null
        : Array.isArray(message.pseudo)
          ? message.pseudo.filter((type): type is string => typeof type === 'string')
          : [''];
    this.replications.set(connection, {
      src: message.src,
      columns: requested.filter((column) => (TABLE_COLUMNS as readonly string[]).includes(column)),
      pseudo,
      pending: [...this.core.all()].filter((object) => wanted(pseudo, object)).map((object) => object.guid),
      cursor: 0,
    });
    connection.reply(message, {
      mt: 'ReplicateStartResult',
      columns: Object.fromEntries(
        TABLE_COLUMNS.map((column) => [column, column === 'guid' || column === 'pwd' ? {} : { update: true }]),
      ),
    });
  }

  private next(connection: SimConnection, message: SimMessage): void {
    const replication = this.replications.get(connection);
    if (!replication) {
      connection.refuse(message, 'invalid', 'replication not started');
      return;
    }
    let row: Record<string, unknown> | undefined;
    while (replication.pending && replication.cursor < replication.pending.length && row === undefined) {
      const object = this.core.byGuid(replication.pending[replication.cursor] ?? '');
      replication.cursor += 1;
      if (object) row = this.row(object, replication.columns);
    }
    if (row === undefined) replication.pending = null;
    connection.reply(
      message,
      row === undefined ? { mt: 'ReplicateNextResult' } : { mt: 'ReplicateNextResult', columns: row },
    );
  }

  /** A replicator's own change (Replication.htm: changes flow both ways). Answered only when refused. */
  private replicatorWrite(connection: SimConnection, message: SimMessage): void {
    const columns = (typeof message.columns === 'object' && message.columns !== null ? message.columns : {}) as Record<
      string,
      unknown
    >;
    const guid = typeof columns.guid === 'string' ? columns.guid : '';
    const existing = this.core.byGuid(guid);
    if (message.mt !== 'ReplicateAdd' && !existing) {
      connection.refuse(message, 'notFound', 'object not found');
      return;
    }
    if (message.mt === 'ReplicateDel' && existing) {
      this.core.delete(existing, connection);
      return;
    }
    const properties = propertiesFromRow(columns);
    const outcome = this.core.update(
      message.mt === 'ReplicateUpdate' ? { ...properties, guid } : properties,
      connection,
    );
    if (typeof outcome === 'string') connection.refuse(message, 'invalid', outcome);
  }

  private row(object: SimObject, columns: readonly string[]): Record<string, unknown> {
    return tableRow(object, columns, pseudoColumn(object.pseudo, this.core.behaviour));
  }

  /** Every change goes to every replicator that wants the row, except the replicator that wrote it itself. */
  private publish({ kind, object, origin }: SimChange): void {
    const mt = kind === 'add' ? 'ReplicateAdd' : kind === 'update' ? 'ReplicateUpdate' : 'ReplicateDel';
    for (const [connection, replication] of this.replications) {
      if (connection === origin || !wanted(replication.pseudo, object)) continue;
      const columns = kind === 'delete' ? { guid: object.guid } : this.row(object, replication.columns);
      const message: Record<string, unknown> = { api: 'PbxTableUsers', mt, columns };
      if (replication.src !== undefined) message.src = replication.src;
      connection.send(message);
    }
  }
}
