import type { Desk } from '../../contract/desks.ts';
import type { DeskOccupancy, ForceLogoutResponse } from '../../contract/occupancy.ts';
import type { CheckinRequest, CheckinResponse, MySession } from '../../contract/settings.ts';
import { recordAudit } from '../audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { getDesk, getDesksByIds, getDesksByMacs, listDesks } from '../desks/desk-store.ts';
import { DomainError } from '../domain-error.ts';
import type { EventBus } from '../events.ts';
import { KeyedMutex } from '../pbx/keyed-mutex.ts';
import { changedMacs, PbxMoveError, type Pbx, type PbxUser } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { lastDailyDue } from './local-time.ts';
import {
  endSession,
  openSessionOfDesk,
  openSessions,
  openSessionsOfUser,
  startSession,
  type OpenSession,
} from './session-store.ts';

export interface OccupancyOptions {
  now?: () => number;
  /** How long PBX changes are gathered before the sessions are reconciled. */
  reconcileDelayMs?: number;
}

/** A logout decided on together with removing the occupant's desk (see `pending_logouts`). */
export interface PlannedLogout {
  mac: string;
  userGuid: string;
  userName: string;
  deskName: string;
}

type EndReason = 'checked_out' | 'taken_over' | 'moved' | 'forced' | 'auto_daily' | 'auto_max' | 'pbx' | 'desk_deleted';

/**
 * Who sits where. The PBX device lists are the truth; the service keeps one open session per occupied
 * desk with since when and how, reconciled with the PBX replica after every change anyone makes. Every
 * change to a desk happens under that desk's (and the person's) lock, so check-ins racing for one desk
 * are served one after the other.
 */
export class DeskOccupancyService {
  private readonly locks = new KeyedMutex();
  private readonly now: () => number;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private stopWatching: (() => void) | null = null;
  /** MACs whose holder may have changed since the last reconcile; null: check every desk. */
  private dirtyMacs: Set<string> | null = new Set();

  constructor(
    private readonly db: Db,
    private readonly pbx: Pbx,
    private readonly events: EventBus,
    private readonly settings: SettingsStore,
    private readonly options: OccupancyOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Follows PBX changes: sessions are reconciled (debounced) and consoles are told. */
  watch(): void {
    this.stopWatching = this.pbx.onChange((change) => {
      for (const mac of changedMacs(change)) this.dirtyMacs?.add(mac);
      this.scheduleReconcile();
    });
    const onStatus = this.pbx.onStatusChange((status) => {
      if (status.state !== 'connected') return;
      this.dirtyMacs = null;
      this.scheduleReconcile();
      if (status.replicaLoaded) this.completeLogoutsLater();
    });
    const unwatch = this.stopWatching;
    this.stopWatching = () => {
      unwatch();
      onStatus();
    };
    if (this.pbx.status().replicaLoaded) {
      this.dirtyMacs = null;
      this.scheduleReconcile();
      this.completeLogoutsLater();
    }
  }

  private completeLogoutsLater(): void {
    void this.completePendingLogouts().catch((error: unknown) => console.error('pending logouts failed', error));
  }

  /**
   * Writes down, inside the caller's transaction that removes the desks, who is to be logged out of
   * them. `completePendingLogouts` does it on the PBX after the commit (again after a crash).
   */
  static async planLogouts(tx: Queryable, actor: string, reason: EndReason, logouts: readonly PlannedLogout[]) {
    if (logouts.length === 0) return;
    await tx.query(
      `INSERT INTO pending_logouts (mac, user_guid, user_name, desk_name, actor, reason)
       SELECT u.mac, u.guid, u.name, u.desk, $5, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(mac, guid, name, desk)`,
      [
        logouts.map((logout) => logout.mac),
        logouts.map((logout) => logout.userGuid),
        logouts.map((logout) => logout.userName),
        logouts.map((logout) => logout.deskName),
        actor,
        reason,
      ],
    );
  }

  /**
   * Takes the phones of removed desks from the people written down for them, and forgets each entry once
   * done (or once the phone is no longer theirs). An entry the PBX refuses or cannot take now stays for
   * the next connect. Returns how many are still open.
   */
  async completePendingLogouts(): Promise<number> {
    const pending = await this.db.query<{
      id: string;
      mac: string;
      user_guid: string;
      user_name: string;
      desk_name: string;
      actor: string;
      reason: string;
    }>(`SELECT id::text AS id, mac, user_guid, user_name, desk_name, actor, reason FROM pending_logouts ORDER BY id`);
    let open = 0;
    for (const logout of pending) {
      const done = await this.locks.run([`user:${logout.user_guid}`], async () => {
        const holder = this.pbx.holderOf(logout.mac);
        if (holder?.guid === logout.user_guid) {
          try {
            await this.takePhone(logout.mac, logout.user_guid, null);
          } catch {
            return false;
          }
          await recordAudit(this.db, {
            actor: logout.actor,
            action: 'occupancy.force_logout',
            target: logout.desk_name,
            result: 'ok',
            detail: { user: logout.user_name, displayName: holder.displayName, mac: logout.mac, reason: logout.reason },
          });
        }
        await this.db.query('DELETE FROM pending_logouts WHERE id = $1::bigint', [logout.id]);
        return true;
      });
      if (!done) open += 1;
    }
    if (pending.length > 0) this.events.publish({ type: 'occupancy', deskIds: [] });
    return open;
  }

  stop(): void {
    this.stopWatching?.();
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = null;
  }

  private scheduleReconcile(): void {
    this.reconcileTimer ??= setTimeout(() => {
      this.reconcileTimer = null;
      const macs = this.dirtyMacs;
      this.dirtyMacs = new Set();
      void this.reconcile(macs ?? undefined).catch((error: unknown) => console.error('reconcile failed', error));
    }, this.options.reconcileDelayMs ?? 150);
  }

  /**
   * Makes the open sessions match the PBX: a desk whose phone someone else holds gets a `pbx` session.
   * With `macs`, only the desks of those phones are looked at (what a PBX change can have touched).
   */
  async reconcile(macs?: ReadonlySet<string>): Promise<string[]> {
    if (!this.pbx.status().replicaLoaded) return [];
    const desks =
      macs === undefined ? await listDesks(this.db, { limit: 1_000_000 }) : await getDesksByMacs(this.db, [...macs]);
    const sessions = new Map((await openSessions(this.db)).map((session) => [session.deskId, session]));
    const changed: string[] = [];
    for (const desk of desks) {
      const holder = this.pbx.holderOf(desk.mac);
      const session = sessions.get(desk.id);
      if ((holder?.guid ?? null) === (session?.userGuid ?? null)) continue;
      await this.locks.run([`desk:${desk.id}`], async () => {
        const current = this.pbx.holderOf(desk.mac);
        const open = await openSessionOfDesk(this.db, desk.id);
        if ((current?.guid ?? null) === (open?.userGuid ?? null)) return;
        await this.db.transaction(async (tx) => {
          const at = new Date(this.now());
          if (open) await endSession(tx, open.id, 'pbx', at);
          if (current) await startSession(tx, this.sessionFor(desk, current, 'pbx', 'pbx', at));
          await recordAudit(tx, {
            actor: 'pbx',
            action: 'occupancy.pbx_change',
            target: desk.name,
            result: 'ok',
            detail: { before: open?.userName ?? null, after: current?.name ?? null, mac: desk.mac },
          });
        });
        changed.push(desk.id);
      });
    }
    // Registrations and device lists may change without a session changing: consoles refresh either way.
    this.events.publish({ type: 'occupancy', deskIds: changed });
    return changed;
  }

  async list(): Promise<{ desks: DeskOccupancy[]; complete: boolean }> {
    const [desks, sessions] = await Promise.all([listDesks(this.db, { limit: 1_000_000 }), openSessions(this.db)]);
    const byDesk = new Map(sessions.map((session) => [session.deskId, session]));
    const status = this.pbx.status();
    return {
      complete: status.replicaLoaded && status.registrationsLoaded,
      desks: desks.map((desk) => {
        const holder = this.pbx.holderOf(desk.mac);
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
          phoneRegistered: this.pbx.registeredTo(desk.mac) !== null,
        };
      }),
    };
  }

  /** An employee checks in (by desk name, computer name or thin-client name). */
  async checkin(userName: string, request: CheckinRequest, via: 'console' | 'token'): Promise<CheckinResponse> {
    const settings = await this.settings.get();
    if (!settings.loginMethods[request.method]) {
      throw new DomainError(
        'forbidden',
        'method_disabled',
        'This way of checking in is switched off. Ask your administrator, or use another one.',
      );
    }
    const desk = await this.findDesk(request);
    if (!desk) {
      throw new DomainError(
        'not_found',
        'unknown_desk',
        request.method === 'desk'
          ? `There is no desk called "${request.value}".`
          : `No desk has the computer "${request.value}".`,
      );
    }
    if (!desk.enabled) throw new DomainError('conflict', 'desk_closed', `Desk ${desk.name} is closed for check-in.`);
    const user = await this.pbx.findUser(userName);
    if (!user) throw new DomainError('forbidden', 'not_a_pbx_user', 'Only PBX users can check in at a desk.');

    return this.locks.run([`desk:${desk.id}`, `user:${user.guid}`], async () => {
      const at = new Date(this.now());
      const holder = this.pbx.holderOf(desk.mac);
      if (holder?.guid === user.guid) {
        const existing =
          (await openSessionOfDesk(this.db, desk.id)) ?? (await this.record(desk, user, 'pbx', userName, at, null));
        return { session: await this.describe(existing, desk), tookOverFrom: null, movedFrom: [] };
      }
      if (holder && settings.policies.occupiedDesk === 'refuse') {
        throw new DomainError('conflict', 'desk_occupied', `Desk ${desk.name} is taken by ${holder.displayName}.`);
      }
      const elsewhere = (await openSessionsOfUser(this.db, user.guid)).filter((session) => session.deskId !== desk.id);
      if (elsewhere.length > 0 && settings.policies.secondDesk === 'refuse') {
        throw new DomainError(
          'conflict',
          'already_checked_in',
          'You are checked in at another desk. Check out there first.',
        );
      }
      const movedFrom: string[] = [];
      if (settings.policies.secondDesk === 'move') {
        for (const session of elsewhere) {
          await this.takePhone(session.mac, user.guid, null);
          await this.close(session, 'moved', userName, at);
          movedFrom.push(session.deskId);
        }
      }
      await this.takePhone(desk.mac, holder?.guid ?? null, user.guid);
      const session = await this.record(
        desk,
        user,
        request.method,
        via === 'token' ? `${userName} (token)` : userName,
        at,
        holder,
      );
      this.events.publish({ type: 'occupancy', deskIds: [desk.id, ...movedFrom] });
      const names = movedFrom.length ? (await getDesksByIds(this.db, movedFrom)).map((other) => other.name) : [];
      return {
        session: await this.describe(session, desk),
        tookOverFrom: holder?.displayName ?? null,
        movedFrom: names,
      };
    });
  }

  /** The employee leaves every desk they are checked in at. */
  async checkout(userName: string): Promise<string[]> {
    const user = await this.pbx.findUser(userName);
    if (!user) throw new DomainError('forbidden', 'not_a_pbx_user', 'Only PBX users can check in at a desk.');
    const sessions = await openSessionsOfUser(this.db, user.guid);
    const left: string[] = [];
    for (const session of sessions) {
      await this.locks.run([`desk:${session.deskId}`, `user:${user.guid}`], async () => {
        await this.takePhone(session.mac, user.guid, null);
        await this.close(session, 'checked_out', userName, new Date(this.now()));
        left.push(session.deskId);
      });
    }
    this.events.publish({ type: 'occupancy', deskIds: left });
    return left;
  }

  async mySessions(userName: string): Promise<MySession[]> {
    const user = await this.pbx.findUser(userName).catch(() => null);
    if (!user) return [];
    const sessions = await openSessionsOfUser(this.db, user.guid);
    return Promise.all(sessions.map(async (session) => this.describe(session, await getDesk(this.db, session.deskId))));
  }

  /** Helpdesk logs people out: per desk, the phone leaves the device list and the session ends. */
  async forceLogout(
    actor: string,
    deskIds: readonly string[],
    reason: EndReason = 'forced',
  ): Promise<ForceLogoutResponse> {
    const desks = new Map((await getDesksByIds(this.db, deskIds)).map((desk) => [desk.id, desk]));
    const results: ForceLogoutResponse['results'] = [];
    for (const deskId of deskIds) {
      const desk = desks.get(deskId);
      if (!desk) {
        results.push({ deskId, status: 'failed', message: 'This desk does not exist (any more).' });
        continue;
      }
      results.push(
        await this.locks.run([`desk:${desk.id}`], async () => {
          const holder = this.pbx.holderOf(desk.mac);
          const session = await openSessionOfDesk(this.db, desk.id);
          if (!holder) {
            if (session) await this.close(session, reason, actor, new Date(this.now()));
            return { deskId, status: 'was_free' as const };
          }
          try {
            await this.takePhone(desk.mac, holder.guid, null);
          } catch (error) {
            const message = error instanceof DomainError ? error.message : 'The PBX did not take the change.';
            await recordAudit(this.db, {
              actor,
              action: 'occupancy.force_logout',
              target: desk.name,
              result: 'failed',
              detail: { user: holder.name, error: message },
            });
            return { deskId, status: 'failed' as const, message };
          }
          if (session) await this.close(session, reason, actor, new Date(this.now()));
          await recordAudit(this.db, {
            actor,
            action: 'occupancy.force_logout',
            target: desk.name,
            result: 'ok',
            detail: { user: holder.name, displayName: holder.displayName, mac: desk.mac, reason },
          });
          return { deskId, status: 'logged_out' as const };
        }),
      );
    }
    this.events.publish({ type: 'occupancy', deskIds: [...deskIds] });
    return { results };
  }

  /**
   * Automatic logout, due once per daily time (remembered across restarts) and for sessions older than
   * the maximum. Call it periodically; it does nothing when nothing is due.
   */
  async runAutoLogout(): Promise<{ daily: number; overdue: number }> {
    const { autoLogout } = await this.settings.get();
    const now = new Date(this.now());
    let daily = 0;
    let overdue = 0;
    if (autoLogout.dailyAt !== null) {
      const due = lastDailyDue(now, autoLogout.timeZone, autoLogout.dailyAt);
      const claimed = await this.db.transaction(async (tx) => {
        const [row] = await tx.query<{ value: string }>(
          `SELECT value #>> '{}' AS value FROM service_state WHERE key = 'auto_logout_daily' FOR UPDATE`,
        );
        if (row && new Date(row.value).getTime() >= due.getTime()) return false;
        // The first time the policy is seen, the past due time does not count: logging everyone out the
        // moment an administrator switches it on would surprise them.
        const first = !row;
        await tx.query(
          `INSERT INTO service_state (key, value) VALUES ('auto_logout_daily', to_jsonb($1::text))
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          [due.toISOString()],
        );
        return !first;
      });
      if (claimed) {
        const sessions = await openSessions(this.db);
        daily = (
          await this.forceLogout(
            'system',
            sessions.map((session) => session.deskId),
            'auto_daily',
          )
        ).results.filter((result) => result.status === 'logged_out').length;
      }
    }
    if (autoLogout.maxHours !== null) {
      const cutoff = now.getTime() - autoLogout.maxHours * 3_600_000;
      const old = (await openSessions(this.db)).filter((session) => session.since.getTime() <= cutoff);
      if (old.length > 0) {
        overdue = (
          await this.forceLogout(
            'system',
            old.map((session) => session.deskId),
            'auto_max',
          )
        ).results.filter((result) => result.status === 'logged_out').length;
      }
    }
    return { daily, overdue };
  }

  private async findDesk(request: CheckinRequest): Promise<Desk | null> {
    const rows =
      request.method === 'desk'
        ? await this.db.query<{ id: string }>('SELECT id::text AS id FROM desks WHERE lower(name) = lower($1)', [
            request.value,
          ])
        : await this.db.query<{ id: string }>(
            'SELECT desk_id::text AS id FROM desk_computer_names WHERE lower(name) = lower($1)',
            [request.value],
          );
    return rows[0] ? getDesk(this.db, rows[0].id) : null;
  }

  /** Moves a phone on the PBX; the adapter's errors become the service's. */
  private async takePhone(mac: string, from: string | null, to: string | null): Promise<void> {
    const { device } = await this.settings.get();
    try {
      await this.pbx.moveDevice({ mac, from, to, device });
    } catch (error) {
      if (!(error instanceof PbxMoveError)) throw error;
      if (error.code === 'conflict') {
        throw new DomainError('conflict', 'desk_changed', 'This desk’s phone changed hands just now. Try again.');
      }
      throw new DomainError('semantic', 'pbx_unavailable', `The PBX did not take the change: ${error.message}`);
    }
  }

  private sessionFor(desk: Desk, user: PbxUser, method: string, by: string, since: Date): Omit<OpenSession, 'id'> {
    return {
      deskId: desk.id,
      mac: desk.mac,
      userGuid: user.guid,
      userName: user.name,
      displayName: user.displayName,
      method,
      checkedInBy: by,
      since,
    };
  }

  private async record(
    desk: Desk,
    user: PbxUser,
    method: string,
    by: string,
    at: Date,
    previous: PbxUser | null,
  ): Promise<OpenSession> {
    return this.db.transaction(async (tx) => {
      const open = await openSessionOfDesk(tx, desk.id);
      if (open) await endSession(tx, open.id, previous ? 'taken_over' : 'pbx', at);
      const session = await startSession(tx, this.sessionFor(desk, user, method, by, at));
      await recordAudit(tx, {
        actor: by,
        action: 'occupancy.checkin',
        target: desk.name,
        result: 'ok',
        detail: { user: user.name, method, mac: desk.mac, ...(previous ? { tookOverFrom: previous.name } : {}) },
      });
      return session;
    });
  }

  private async close(session: OpenSession, reason: EndReason, actor: string, at: Date): Promise<void> {
    await endSession(this.db, session.id, reason, at);
    if (reason === 'checked_out' || reason === 'moved') {
      const desk = await getDesk(this.db, session.deskId);
      await recordAudit(this.db, {
        actor,
        action: 'occupancy.checkout',
        target: desk?.name ?? session.deskId,
        result: 'ok',
        detail: { user: session.userName, reason },
      });
    }
  }

  private async describe(session: OpenSession, desk: Desk | null): Promise<MySession> {
    const [floor] = desk?.floorId
      ? await this.db.query<{ name: string }>('SELECT name FROM floors WHERE id = $1::uuid', [desk.floorId])
      : [];
    return {
      deskId: session.deskId,
      deskName: desk?.name ?? '',
      floorName: floor?.name ?? null,
      since: session.since.toISOString(),
      method: session.method,
    };
  }
}
