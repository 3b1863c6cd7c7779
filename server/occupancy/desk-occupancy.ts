import {
  occupancyRow,
  type DeskOccupancy,
  type ForceLogoutResponse,
  type OccupancyResponse,
  type Person,
} from '../../contract/occupancy.ts';
import type { CheckinRequest, CheckinResponse, MySession } from '../../contract/checkin.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { PlannedLogout } from '../desks/desk-occupancy-port.ts';
import { listDesks } from '../desks/desk-store.ts';
import type { EventBus } from '../lib/events.ts';
import { KeyedMutex, type Mutex } from '../lib/keyed-mutex.ts';
import { pbxDownSince, type Pbx } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { runAutoLogout } from './auto-logout.ts';
import { checkin, checkout, mySessions } from './checkin-flow.ts';
import { syncBaseObjects } from './base-objects.ts';
import { Keypad } from './keypad.ts';
import { PhoneBookingConfirm } from './phone-booking.ts';
import { checkinOnBehalf, findPeople } from './on-behalf.ts';
import {
  completeDeferredLogouts,
  completePendingLogouts,
  forceLogout,
  planLogouts,
  type LogoutOptions,
} from './logouts.ts';
import {
  assertPhoneMayMove,
  frozenDesks,
  isBaseObject,
  tellPeople,
  observed,
  onCall,
  personAt,
  phoneFreeze,
  type EndReason,
  type OccupancyContext,
} from './occupancy-context.ts';
import {
  EmergencyNoticeOutbox,
  DEFAULT_NOTICE_TIMING,
  type NoticeTiming,
  type PostNotice,
} from './emergency-notices.ts';
import { noteEmergencyCalls } from './phone-safety.ts';
import { OccupancyReconciler } from './reconciler.ts';
import { openSessions } from './desk-sessions.ts';
import { errorField, log } from '../lib/log.ts';

export interface OccupancyOptions {
  now?: () => number;
  /** How long PBX changes are gathered before the sessions are reconciled. */
  reconcileDelayMs?: number;
  /** Sends an emergency notice to the webhook (default: an HTTP POST); and when it is tried again. */
  notify?: PostNotice;
  noticeTiming?: Partial<NoticeTiming>;
  /** The per-desk and per-person locks; across instances on PostgreSQL (server/db/advisory-mutex.ts). */
  locks?: Mutex;
  /** Whether this instance does the background work; default: always (one instance). */
  leads?: () => boolean;
  /** Each check-in's method, outcome and duration (the metrics). */
  onCheckin?: (method: string, outcome: string, seconds: number) => void;
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
  private readonly unwatch: (() => void)[] = [];
  /** The emergency notices still to deliver to security. */
  readonly notices: EmergencyNoticeOutbox;
  private readonly noticeQueued = () => this.notices.deliverSoon();
  private baseSync: { running: Promise<void>; again: boolean } | null = null;
  private callsTimer: NodeJS.Timeout | null = null;
  private readonly callGuids = new Set<string>();
  private readonly registeredNames = new Set<string>();
  private registeredTimer: NodeJS.Timeout | null = null;
  private readonly keypad: Keypad;
  private readonly phoneBooking: PhoneBookingConfirm;

  constructor(db: Db, pbx: Pbx, events: EventBus, settings: SettingsStore, options: OccupancyOptions = {}) {
    this.ctx = {
      db,
      pbx,
      events,
      settings,
      locks: options.locks ?? new KeyedMutex(),
      now: options.now ?? Date.now,
      leads: options.leads ?? (() => true),
      observeCheckin: options.onCheckin ?? (() => undefined),
    };
    this.notices = new EmergencyNoticeOutbox(db, events, this.ctx.now, options.notify, {
      ...DEFAULT_NOTICE_TIMING,
      ...options.noticeTiming,
    });
    this.keypad = new Keypad(this.ctx);
    this.phoneBooking = new PhoneBookingConfirm(this.ctx);
    this.reconciler = new OccupancyReconciler(
      this.ctx,
      () => {
        this.completeLogoutsSoon(0);
        this.syncBaseObjectsSoon();
      },
      () => this.syncBaseObjectsSoon(),
      options.reconcileDelayMs,
    );
  }

  /**
   * Follows PBX changes: sessions are reconciled (debounced) and consoles are told; calls are watched for
   * emergency numbers and for the end of calls that logouts wait for; desk and settings changes bring the
   * base objects in step.
   */
  watch(): void {
    this.reconciler.watch();
    this.notices.start();
    this.unwatch.push(
      this.ctx.pbx.onChange((change) => {
        if (change.kind === 'registrations') this.phoneOnOrOff(change.guid);
        if (change.kind !== 'calls') return;
        this.callGuids.add(change.guid);
        this.callsTimer ??= setTimeout(() => void this.onCalls(), 50);
      }),
      this.ctx.events.subscribe((event) => {
        if (['desks', 'floors', 'sites', 'settings'].includes(event.type)) this.syncBaseObjectsSoon();
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.callsTimer) clearTimeout(this.callsTimer);
    if (this.registeredTimer) clearTimeout(this.registeredTimer);
    for (const unwatch of this.unwatch.splice(0)) unwatch();
    this.reconciler.stop();
    void this.notices.stop();
  }

  /**
   * This instance has just become the one doing the background work: everything it may have left to the
   * previous leader is looked at once — when the PBX's data is in; until then the reconciler waits for it anyway.
   */
  lead(): void {
    if (!this.ctx.pbx.status().replicaLoaded) return;
    // One catch for the whole chain: a failure after the reconcile (the database gone at shutdown) is logged too.
    void this.reconcile()
      .then(async () => {
        // Keypad codes dialled while no instance led, and every call running now.
        for (const user of this.ctx.pbx.listUsers()) {
          if (this.ctx.pbx.callsOf(user.guid).length > 0 || this.ctx.pbx.dialledBy(user.guid).length > 0)
            await noteEmergencyCalls(this.ctx, user.guid, this.noticeQueued);
        }
        await this.keypad.process();
        await this.phoneBooking.process();
        this.completeLogoutsSoon(0);
        this.syncBaseObjectsSoon();
      })
      .catch((error: unknown) => log.error({ error: errorField(error) }, 'taking over the background work failed'));
  }

  /**
   * Calls changed. Every instance notes emergency calls (the freeze, audit and notice happen once, whoever is
   * first) and writes down keypad codes, so that nothing is missed while no instance leads (a leader died);
   * the leader acts on the codes and does the logouts waiting for a call that ended.
   */
  private async onCalls(): Promise<void> {
    this.callsTimer = null;
    const guids = [...this.callGuids];
    this.callGuids.clear();
    try {
      for (const guid of guids) {
        await noteEmergencyCalls(this.ctx, guid, this.noticeQueued);
        await this.keypad.note(guid);
        await this.phoneBooking.note(guid);
      }
      if (!this.ctx.leads()) return;
      await this.keypad.process();
      await this.phoneBooking.process();
      await completeDeferredLogouts(this.ctx);
      await completePendingLogouts(this.ctx);
      this.ctx.events.publish({ type: 'occupancy', deskIds: [] });
    } catch (error) {
      log.error({ error: errorField(error) }, 'following calls failed');
    }
  }

  /**
   * A person's phone registered or went away: their My desk says whether it rings. Told by the leader only (every
   * instance sees the same registrations), gathered for a moment so that a PBX restart is one event, not thousands.
   */
  private phoneOnOrOff(guid: string): void {
    const user = this.ctx.pbx.userByGuid(guid);
    if (!user || isBaseObject(user) || !this.ctx.leads()) return;
    this.registeredNames.add(user.name);
    this.registeredTimer ??= setTimeout(() => {
      this.registeredTimer = null;
      tellPeople(this.ctx, [...this.registeredNames]);
      this.registeredNames.clear();
    }, 250);
  }

  /** One base-object pass at a time; a change during a pass runs one more after it. */
  private syncBaseObjectsSoon(): void {
    if (this.stopped || !this.ctx.leads()) return;
    if (this.baseSync) {
      this.baseSync.again = true;
      return;
    }
    const state = { again: false, running: Promise.resolve() };
    this.baseSync = state;
    state.running = syncBaseObjects(this.ctx)
      .then(
        () => undefined,
        (error: unknown) => log.error({ error: errorField(error) }, 'base objects not in step yet'),
      )
      .finally(() => {
        this.baseSync = null;
        if (state.again) this.syncBaseObjectsSoon();
      });
  }

  /** The base objects in step with the desks now (tests, and the start of the service). */
  async syncBaseObjects(): Promise<void> {
    while (this.baseSync) await this.baseSync.running;
    await syncBaseObjects(this.ctx);
  }

  /** The person's PBX extension (e164), the number they dial after the keypad's login code. */
  async extensionOf(userName: string): Promise<string | null> {
    const user = await this.ctx.pbx.findUser(userName).catch(() => null);
    return user?.e164 ? user.e164 : null;
  }

  reconcile(macs?: ReadonlySet<string>): Promise<string[]> {
    return this.reconciler.reconcile(macs);
  }

  async list(): Promise<OccupancyResponse> {
    const [desks, sessions, frozen, deferred] = await Promise.all([
      listDesks(this.ctx.db, { limit: 1_000_000 }),
      openSessions(this.ctx.db),
      frozenDesks(this.ctx),
      this.ctx.db.query<{ desk_id: string }>('SELECT desk_id::text AS desk_id FROM deferred_logouts'),
    ]);
    const waiting = new Set(deferred.map((row) => row.desk_id));
    const byDesk = new Map(sessions.map((session) => [session.deskId, session]));
    const status = this.ctx.pbx.status();
    return {
      complete: status.replicaLoaded && status.registrationsLoaded,
      pbxDownSince: pbxDownSince(status),
      desks: desks.map((desk) => {
        const holder = personAt(this.ctx, desk.mac);
        const session = byDesk.get(desk.id);
        const emergency = frozen.get(desk.id);
        const known = holder && session?.userGuid === holder.guid ? session : null;
        return occupancyRow(desk, {
          occupant: holder && {
            guid: holder.guid,
            name: holder.name,
            displayName: holder.displayName,
            extension: holder.e164 || null,
          },
          since: known ? known.since.toISOString() : null,
          method: holder ? ((known?.method as DeskOccupancy['method']) ?? 'pbx') : null,
          phoneRegistered: this.ctx.pbx.registeredTo(desk.mac) !== null,
          onCall: onCall(this.ctx, desk.mac),
          logoutDeferred: holder !== null && waiting.has(desk.id),
          emergency: emergency
            ? {
                number: emergency.number,
                at: emergency.at.toISOString(),
                until: emergency.until.toISOString(),
                notice: emergency.notice,
              }
            : null,
        });
      }),
    };
  }

  /**
   * Who should hold each desk phone (hardware id → guid), for the invariant check: the person of each open
   * session, and a free desk's base object while base objects are on. A phone on nobody is then a mismatch.
   */
  async expectedHolders(): Promise<Map<string, string>> {
    const expected = new Map<string, string>();
    const { phones } = await this.ctx.settings.get();
    if (phones.baseObjects) {
      const bases = await this.ctx.db.query<{ mac: string; guid: string }>(
        'SELECT d.mac, b.guid FROM base_objects b JOIN desks d ON d.id = b.desk_id',
      );
      for (const base of bases) expected.set(base.mac.toLowerCase(), base.guid);
    }
    for (const session of await openSessions(this.ctx.db)) expected.set(session.mac.toLowerCase(), session.userGuid);
    return expected;
  }

  /** Runs `work` under the desk's lock: one after the other with check-ins and logouts at that desk. */
  underDeskLock<T>(deskId: string, work: () => Promise<T>): Promise<T> {
    return this.ctx.locks.run([`desk:${deskId}`], work);
  }

  /** The open emergency freeze of a phone, or undefined. */
  frozenPhone(mac: string): ReturnType<typeof phoneFreeze> {
    return phoneFreeze(this.ctx, mac);
  }

  /** The phone safety rule (no move off a call, none in an emergency freeze), as a 409 naming why. */
  assertPhoneMayMove(mac: string): Promise<void> {
    return assertPhoneMayMove(this.ctx, mac);
  }

  /** An employee checks in (by desk name, computer name or thin-client name). */
  checkin(userName: string, request: CheckinRequest, via: 'console' | 'token'): Promise<CheckinResponse> {
    return observed(this.ctx, request.method, () => checkin(this.ctx, userName, request, via));
  }

  /** Helpdesk or an administrator checks someone in (method `console`). */
  checkinOnBehalf(actor: string, deskId: string, userName: string): Promise<CheckinResponse> {
    return observed(this.ctx, 'console', () => checkinOnBehalf(this.ctx, actor, deskId, userName));
  }

  findPeople(query: string): Person[] {
    return findPeople(this.ctx, query);
  }

  /** The employee leaves every desk they are checked in at. */
  checkout(userName: string): Promise<string[]> {
    return checkout(this.ctx, userName);
  }

  /** Since when a PBX connection is down, or null: what the PBX told is as of then. */
  pbxDownSince(): string | null {
    return pbxDownSince(this.ctx.pbx.status());
  }

  mySessions(userName: string): Promise<MySession[]> {
    return mySessions(this.ctx, userName);
  }

  /** Helpdesk logs people out: per desk, the phone goes to the desk's base object and the session ends. */
  forceLogout(actor: string, deskIds: readonly string[], options?: LogoutOptions): Promise<ForceLogoutResponse> {
    return forceLogout(this.ctx, actor, deskIds, options);
  }

  /** Pending logouts after a (re)connect; any the PBX did not take yet are tried again, less and less often. */
  private completeLogoutsSoon(attempt: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.ctx.leads()) return;
    void completePendingLogouts(this.ctx).then(
      (open) => {
        if (open === 0 || attempt >= 8 || this.stopped) return;
        this.retryTimer = setTimeout(() => this.completeLogoutsSoon(attempt + 1), Math.min(30_000, 500 * 2 ** attempt));
        this.retryTimer.unref();
      },
      (error: unknown) => log.error({ error: errorField(error) }, 'pending logouts failed'),
    );
  }

  /**
   * The logouts a change just wrote down (a desk deleted or replaced while in use), done on the PBX now; any it
   * did not take yet are tried again, less and less often, not only after the next change or reconnect.
   */
  /** Writes logouts down in the caller's transaction (a desk being deleted); `completePendingLogouts` does them. */
  planLogouts(tx: Queryable, actor: string, reason: EndReason, logouts: readonly PlannedLogout[]): Promise<void> {
    return planLogouts(tx, actor, reason, logouts);
  }

  async completePendingLogouts(): Promise<number> {
    const open = await completePendingLogouts(this.ctx);
    if (open > 0) this.completeLogoutsSoon(1);
    return open;
  }

  /**
   * Automatic logout: call it periodically; it does nothing when nothing is due. Logouts waiting for a
   * call whose deadline has passed are done here too.
   */
  async runAutoLogout(): Promise<{ daily: number; overdue: number; bookingEnds: number }> {
    if (!this.ctx.leads()) return { daily: 0, overdue: 0, bookingEnds: 0 };
    const result = await runAutoLogout(this.ctx);
    await completeDeferredLogouts(this.ctx);
    return result;
  }
}
