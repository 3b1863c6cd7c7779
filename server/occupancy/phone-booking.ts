import { recordAudit } from '../audit/audit.ts';
import { bookingInWindow } from '../bookings/booking-store.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import { checkinAt } from './checkin-flow.ts';
import { readLoginCode } from './keypad.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';

/**
 * The desk phone as the booking's sensor: a call made from a free desk's phone (on the desk's base object) tells
 * that someone is at the desk. Once that call has ended (a phone on a call is never moved), the person whose
 * booking of the desk is in its confirmation window is checked in there, which confirms the booking. No sensor,
 * no app: the booked person makes a call, or dials anything, at the desk. Calls are written down by every
 * instance and acted on once by the leader, like the keypad's codes.
 */

/** A call not acted on within this long (no leader, a long outage) is not acted on any more. */
const CALL_EXPIRES_MS = 4 * 3_600_000;

export class PhoneBookingConfirm {
  constructor(private readonly ctx: OccupancyContext) {}

  /** Writes down the calls dialled from `guid` when it is a desk's base object (keypad codes aside). */
  async note(guid: string): Promise<void> {
    const phone = this.ctx.pbx.userByGuid(guid);
    if (!phone || !isBaseObject(phone)) return;
    const { keypad } = await this.ctx.settings.get();
    for (const call of this.ctx.pbx.dialledBy(guid)) {
      const dialled = call.remote.replace(/#$/, '');
      if (readLoginCode(call.remote, keypad.loginCode) !== null || dialled === keypad.logoutCode) continue;
      await this.ctx.db.query(
        'INSERT INTO booking_calls (call_key, guid, seen_at) VALUES ($1, $2, $3) ON CONFLICT (call_key) DO NOTHING',
        [call.key, guid, new Date(this.ctx.now())],
      );
    }
  }

  /** The leader: each written-down call whose call has ended, once (taken by one UPDATE). */
  async process(): Promise<void> {
    const open = await this.ctx.db.query<{ call_key: string; guid: string }>(
      'SELECT call_key, guid FROM booking_calls WHERE done_at IS NULL AND seen_at > $1 ORDER BY seen_at',
      [new Date(this.ctx.now() - CALL_EXPIRES_MS)],
    );
    for (const call of open) {
      if (this.ctx.pbx.callsOf(call.guid).some((running) => running.key === call.call_key)) continue;
      const taken = await this.ctx.db.query(
        'UPDATE booking_calls SET done_at = $2 WHERE call_key = $1 AND done_at IS NULL RETURNING 1',
        [call.call_key, new Date(this.ctx.now())],
      );
      if (taken.length > 0) await this.confirm(call.guid);
    }
  }

  private async confirm(guid: string): Promise<void> {
    const [base] = await this.ctx.db.query<{ desk_id: string }>(
      'SELECT desk_id::text AS desk_id FROM base_objects WHERE guid = $1',
      [guid],
    );
    const desk = base ? await getDesk(this.ctx.db, base.desk_id) : null;
    if (!desk) return;
    const booking = await bookingInWindow(this.ctx.db, desk.id, new Date(this.ctx.now()));
    if (!booking) return;
    try {
      await checkinAt(this.ctx, desk, booking.userName, 'phone', `${booking.userName} (desk phone)`, {
        onBehalf: true,
      });
    } catch (error) {
      // The phone went to someone meanwhile, an emergency freeze, a policy: the refusal is written down.
      if (!(error instanceof DomainError)) throw error;
      await recordAudit(this.ctx.db, {
        actor: `${booking.userName} (desk phone)`,
        action: 'booking.confirm',
        target: desk.name,
        result: 'refused',
        detail: { user: booking.userName, reason: error.code },
      });
    }
  }
}
