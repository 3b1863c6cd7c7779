import { recordAudit } from '../audit/audit.ts';
import { getDesksByMacs, listDesks } from '../desks/desk-store.ts';
import { changedMacs } from '../pbx/pbx.ts';
import { personAt, sessionFor, tellPeople, type OccupancyContext } from './occupancy-context.ts';
import { endSession, openSessionOfDesk, openSessions, openSessionsOfDesks, startSession } from './desk-sessions.ts';
import { restoreHomeLocation } from './site-location.ts';
import { errorField, log } from '../lib/log.ts';

/**
 * Keeps the open sessions in step with the PBX, which is the truth: changes anyone makes there are
 * gathered for a moment (debounced), then the desks of the phones they touched are reconciled; after a
 * (re)connect, every desk is.
 */
export class OccupancyReconciler {
  private timer: NodeJS.Timeout | null = null;
  private stopWatching: (() => void) | null = null;
  /** MACs whose holder may have changed since the last reconcile; null: check every desk. */
  private dirtyMacs: Set<string> | null = new Set();

  constructor(
    private readonly ctx: OccupancyContext,
    /** Called whenever the PBX is (again) connected with its replica loaded. */
    private readonly onConnected: () => void,
    /** Called when a desk's phone is on nobody (its occupant was deleted, or someone emptied a base object). */
    private readonly onPhoneOnNobody: () => void,
    private readonly delayMs = 150,
  ) {}

  watch(): void {
    const pbx = this.ctx.pbx;
    const unwatch = pbx.onChange((change) => {
      for (const mac of changedMacs(change)) this.dirtyMacs?.add(mac);
      this.schedule();
    });
    const onStatus = pbx.onStatusChange((status) => {
      if (status.state !== 'connected') return;
      this.dirtyMacs = null;
      this.schedule();
      if (status.replicaLoaded) this.onConnected();
    });
    this.stopWatching = () => {
      unwatch();
      onStatus();
    };
    if (pbx.status().replicaLoaded) {
      this.dirtyMacs = null;
      this.schedule();
      this.onConnected();
    }
  }

  stop(): void {
    this.stopWatching?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      // Another instance leads: it reconciles; this one looks at everything once it leads.
      if (!this.ctx.leads()) return;
      const macs = this.dirtyMacs;
      this.dirtyMacs = new Set();
      void this.reconcile(macs ?? undefined).catch((error: unknown) =>
        log.error({ error: errorField(error) }, 'reconcile failed'),
      );
    }, this.delayMs);
  }

  /**
   * Makes the open sessions match the PBX: a desk whose phone someone else holds gets a `pbx` session.
   * With `macs`, only the desks of those phones are looked at (what a PBX change can have touched).
   */
  async reconcile(macs?: ReadonlySet<string>): Promise<string[]> {
    if (!this.ctx.pbx.status().replicaLoaded) return [];
    const desks =
      macs === undefined
        ? await listDesks(this.ctx.db, { limit: 1_000_000 })
        : await getDesksByMacs(this.ctx.db, [...macs]);
    // A few desks' sessions after a PBX change, not every open session of the building.
    const openSessionsNow =
      macs === undefined
        ? await openSessions(this.ctx.db)
        : await openSessionsOfDesks(
            this.ctx.db,
            desks.map((desk) => desk.id),
          );
    const sessions = new Map(openSessionsNow.map((session) => [session.deskId, session]));
    const changed: string[] = [];
    let phoneOnNobody = false;
    for (const desk of desks) {
      if (this.ctx.pbx.holderOf(desk.mac) === null) phoneOnNobody = true;
      // A desk's base object holding its phone is nobody: the desk is free.
      const holder = personAt(this.ctx, desk.mac);
      const session = sessions.get(desk.id);
      if ((holder?.guid ?? null) === (session?.userGuid ?? null)) continue;
      await this.ctx.locks.run([`desk:${desk.id}`], async () => {
        const current = personAt(this.ctx, desk.mac);
        const open = await openSessionOfDesk(this.ctx.db, desk.id);
        if ((current?.guid ?? null) === (open?.userGuid ?? null)) return;
        await this.ctx.db.transaction(async (tx) => {
          const at = new Date(this.ctx.now());
          if (open) await endSession(tx, open.id, 'pbx', at);
          if (current) await startSession(tx, sessionFor(desk, current, 'pbx', 'pbx', at));
          await recordAudit(tx, {
            actor: 'pbx',
            action: 'occupancy.pbx_change',
            target: desk.name,
            result: 'ok',
            detail: { before: open?.userName ?? null, after: current?.name ?? null, mac: desk.mac },
          });
        });
        // Moved away on the PBX: whoever it was goes back to their own PBX location.
        if (open) await restoreHomeLocation(this.ctx, open.id);
        tellPeople(this.ctx, [open?.userName, current?.name]);
        changed.push(desk.id);
      });
    }
    if (phoneOnNobody) this.onPhoneOnNobody();
    // Registrations and device lists may change without a session changing: consoles refresh either way.
    this.ctx.events.publish({ type: 'occupancy', deskIds: changed });
    return changed;
  }
}
