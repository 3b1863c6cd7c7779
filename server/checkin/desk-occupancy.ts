import type { DeskOccupancy, ForceLogoutResponse } from '../../contract/occupancy.ts';
import type { CheckinRequest, CheckinResponse, MySession } from '../../contract/settings.ts';
import type { Db } from '../db/db.ts';
import { listDesks } from '../desks/desk-store.ts';
import type { EventBus } from '../events.ts';
import { KeyedMutex } from '../pbx/keyed-mutex.ts';
import type { Pbx } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { runAutoLogout } from './auto-logout.ts';
import { checkin, checkout, mySessions } from './checkin-flow.ts';
import { completePendingLogouts, forceLogout } from './logouts.ts';
import type { EndReason, OccupancyContext } from './occupancy-context.ts';
import { OccupancyReconciler } from './reconciler.ts';
import { openSessions } from './session-store.ts';

export interface OccupancyOptions {
  now?: () => number;
  /** How long PBX changes are gathered before the sessions are reconciled. */
  reconcileDelayMs?: number;
}

/**
 * Who sits where. The PBX device lists are the truth; the service keeps one open session per occupied
 * desk with since when and how. This is the one entry point; the parts live beside it: the reconciler
 * (reconciler.ts), the employee's check-in and check-out (checkin-flow.ts), logouts by others
 * (logouts.ts) and the automatic logout (auto-logout.ts), all around one shared context and lock
 * (occupancy-context.ts).
 */
export class DeskOccupancyService {
  private readonly ctx: OccupancyContext;
  private readonly reconciler: OccupancyReconciler;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(db: Db, pbx: Pbx, events: EventBus, settings: SettingsStore, options: OccupancyOptions = {}) {
    this.ctx = { db, pbx, events, settings, locks: new KeyedMutex(), now: options.now ?? Date.now };
    this.reconciler = new OccupancyReconciler(this.ctx, () => this.completeLogoutsSoon(0), options.reconcileDelayMs);
  }

  /** Follows PBX changes: sessions are reconciled (debounced) and consoles are told. */
  watch(): void {
    this.reconciler.watch();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.reconciler.stop();
  }

  reconcile(macs?: ReadonlySet<string>): Promise<string[]> {
    return this.reconciler.reconcile(macs);
  }

  async list(): Promise<{ desks: DeskOccupancy[]; complete: boolean }> {
    const [desks, sessions] = await Promise.all([
      listDesks(this.ctx.db, { limit: 1_000_000 }),
      openSessions(this.ctx.db),
    ]);
    const byDesk = new Map(sessions.map((session) => [session.deskId, session]));
    const status = this.ctx.pbx.status();
    return {
      complete: status.replicaLoaded && status.registrationsLoaded,
      desks: desks.map((desk) => {
        const holder = this.ctx.pbx.holderOf(desk.mac);
        const session = byDesk.get(desk.id);
        const known = holder && session?.userGuid === holder.guid ? session : null;
        return {
          deskId: desk.id,
          deskName: desk.name,
          mac: desk.mac,
          computerNames: desk.computerNames,
          floorId: desk.floorId,
          zoneId: desk.zoneId,
          enabled: desk.enabled,
          occupant: holder && { guid: holder.guid, name: holder.name, displayName: holder.displayName },
          since: known ? known.since.toISOString() : null,
          method: holder ? ((known?.method as DeskOccupancy['method']) ?? 'pbx') : null,
          phoneRegistered: this.ctx.pbx.registeredTo(desk.mac) !== null,
        };
      }),
    };
  }

  /** An employee checks in (by desk name, computer name or thin-client name). */
  checkin(userName: string, request: CheckinRequest, via: 'console' | 'token'): Promise<CheckinResponse> {
    return checkin(this.ctx, userName, request, via);
  }

  /** The employee leaves every desk they are checked in at. */
  checkout(userName: string): Promise<string[]> {
    return checkout(this.ctx, userName);
  }

  mySessions(userName: string): Promise<MySession[]> {
    return mySessions(this.ctx, userName);
  }

  /** Helpdesk logs people out: per desk, the phone leaves the device list and the session ends. */
  forceLogout(actor: string, deskIds: readonly string[], reason?: EndReason): Promise<ForceLogoutResponse> {
    return forceLogout(this.ctx, actor, deskIds, reason);
  }

  /** Pending logouts after a (re)connect; any the PBX did not take yet are tried again, less and less often. */
  private completeLogoutsSoon(attempt: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.completePendingLogouts().then(
      (open) => {
        if (open === 0 || attempt >= 8 || this.stopped) return;
        this.retryTimer = setTimeout(() => this.completeLogoutsSoon(attempt + 1), Math.min(30_000, 500 * 2 ** attempt));
        this.retryTimer.unref();
      },
      (error: unknown) => console.error('pending logouts failed', error),
    );
  }

  completePendingLogouts(): Promise<number> {
    return completePendingLogouts(this.ctx);
  }

  /** Automatic logout: call it periodically; it does nothing when nothing is due. */
  runAutoLogout(): Promise<{ daily: number; overdue: number }> {
    return runAutoLogout(this.ctx);
  }
}
