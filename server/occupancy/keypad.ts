import type { Settings } from '../../contract/settings.ts';
import { recordAudit } from '../audit/audit.ts';
import { hashPassword, verifyPassword } from '../auth/password-hash.ts';
import type { Queryable } from '../db/db.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { PbxUser } from '../pbx/pbx.ts';
import { checkinAt, checkout } from './checkin-flow.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';
import { errorField, log } from '../lib/log.ts';
import { msg } from '../../i18n/message.ts';

/**
 * Checking in and out on a desk phone's keypad. At a free desk phone (registered to the desk's base object)
 * the person dials `<login code>*<extension>*<PIN>`; a checked-in person dials `<logout code>`. The service
 * sees the call (RCC), ends it at once, and does what it asked, with the policies, settings and audit of
 * every check-in. Wrong PINs are counted per phone and extension: after five in a row that phone may not try
 * that extension for a quarter of an hour, doubling with each further lockout up to a day; a phone with wrong
 * PINs for three extensions within ten minutes may try no other for a while. Nobody is locked out of their own
 * phone by what someone typed at another.
 */

export const MAX_WRONG_PINS = 5;
const LOCK_MS = 15 * 60_000;
const MAX_LOCK_MS = 24 * 3_600_000;

export async function setPhonePin(db: Queryable, userName: string, pin: string): Promise<void> {
  await db.query(
    `INSERT INTO phone_pins (user_name, pin_hash) VALUES ($1, $2)
     ON CONFLICT (user_name) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, updated_at = now()`,
    [userName, await hashPassword(pin)],
  );
  await recordAudit(db, { actor: userName, action: 'keypad.pin_set', result: 'ok' });
}

export async function deletePhonePin(db: Queryable, userName: string): Promise<void> {
  const rows = await db.query('DELETE FROM phone_pins WHERE user_name = $1 RETURNING 1', [userName]);
  if (rows.length === 0) throw new DomainError('not_found', 'not_found', msg('api.keypad.havePhonePin'));
  await recordAudit(db, { actor: userName, action: 'keypad.pin_delete', result: 'ok' });
}

export async function hasPhonePin(db: Queryable, userName: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM phone_pins WHERE user_name = $1', [userName])).length > 0;
}

/** The extension and PIN in a dialled number, when it is the login code followed by them (a final # is allowed). */
export function readLoginCode(dialled: string, loginCode: string): { extension: string; pin: string } | null {
  const number = dialled.replace(/#$/, '');
  if (!number.startsWith(`${loginCode}*`)) return null;
  const match = /^(\d{1,20})\*(\d{4,8})$/.exec(number.slice(loginCode.length + 1));
  return match?.[1] && match[2] ? { extension: match[1], pin: match[2] } : null;
}

/** A phone that got wrong PINs for this many extensions within PHONE_WINDOW_MS is slowed down. */
const PHONE_EXTENSIONS = 3;
const PHONE_WINDOW_MS = 10 * 60_000;
/** Codes older than this when a leader first sees them are not acted on any more (nobody waits at the phone). */
const CODE_EXPIRES_MS = 10 * 60_000;

export class Keypad {
  constructor(private readonly ctx: OccupancyContext) {}

  /**
   * Writes down the keypad codes among `guid`'s dialled calls (every instance does: RCC tells each of every
   * call), once per call. The leader acts on them (`process`), also those dialled while there was none.
   */
  async note(guid: string): Promise<void> {
    const settings = await this.ctx.settings.get();
    for (const call of this.ctx.pbx.dialledBy(guid)) {
      if (call.remote === '') continue;
      const isLogin = readLoginCode(call.remote, settings.keypad.loginCode) !== null;
      const isLogout = call.remote.replace(/#$/, '') === settings.keypad.logoutCode;
      if (!isLogin && !isLogout) continue;
      await this.ctx.db.query(
        'INSERT INTO keypad_codes (call_key, guid, dialled, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (call_key) DO NOTHING',
        [call.key, guid, call.remote, new Date(this.ctx.now())],
      );
    }
  }

  /** The leader acts on every code not yet done, oldest first, each once (taken by one UPDATE). */
  async process(): Promise<void> {
    const open = await this.ctx.db.query<{ call_key: string; guid: string; dialled: string }>(
      `SELECT call_key, guid, dialled FROM keypad_codes WHERE done_at IS NULL AND seen_at > $1 ORDER BY seen_at`,
      [new Date(this.ctx.now() - CODE_EXPIRES_MS)],
    );
    for (const code of open) {
      const taken = await this.ctx.db.query(
        'UPDATE keypad_codes SET done_at = $2 WHERE call_key = $1 AND done_at IS NULL RETURNING 1',
        [code.call_key, new Date(this.ctx.now())],
      );
      if (taken.length === 0) continue;
      await this.act(code.guid, code.call_key, code.dialled);
    }
  }

  private async act(guid: string, key: string, dialled: string): Promise<void> {
    const caller = this.ctx.pbx.userByGuid(guid);
    if (!caller) return;
    const settings = await this.ctx.settings.get();
    const login = readLoginCode(dialled, settings.keypad.loginCode);
    // The code was meant for us, not for anyone at the far end: the call ends before anything else (when it
    // still runs: the PBX may have released it already).
    const call = this.ctx.pbx.dialledBy(guid).find((candidate) => candidate.key === key);
    if (call)
      await this.ctx.pbx.clearCall(guid, call.id).catch((error: unknown) => {
        log.error({ error: errorField(error) }, `keypad call of ${caller.name} not cleared:`);
      });
    // The code's own call is no call to keep the phone for: the phone moves once the PBX has ended it.
    await this.callEnded(guid, key);
    if (login)
      await this.ctx.locks.run([`keypad:${login.extension}`], () =>
        this.login(caller, login.extension, login.pin, settings),
      );
    else await this.logout(caller, settings);
  }
  private async login(phone: PbxUser, extension: string, pin: string, settings: Settings): Promise<void> {
    const started = performance.now();
    const refuse = (reason: string, desk?: string, user?: string) => {
      this.ctx.observeCheckin('phone', reason, (performance.now() - started) / 1000);
      return recordAudit(this.ctx.db, {
        actor: user ?? `keypad ${extension}`,
        action: 'occupancy.keypad_login',
        target: desk,
        result: 'refused',
        detail: { extension, reason },
      });
    };
    if (!isBaseObject(phone)) return refuse('phone_not_free');
    const [row] = await this.ctx.db.query<{ desk_id: string }>(
      'SELECT desk_id::text AS desk_id FROM base_objects WHERE guid = $1',
      [phone.guid],
    );
    const desk = row ? await getDesk(this.ctx.db, row.desk_id) : null;
    if (!desk) return refuse('unknown_desk');
    if (!settings.loginMethods.phone) return refuse('method_disabled', desk.name);
    const phoneMac = desk.mac.toLowerCase();
    if (await this.locked(phoneMac, extension)) return refuse('locked', desk.name);

    const person = this.ctx.pbx.listUsers().find((user) => user.e164 === extension && !isBaseObject(user)) ?? null;
    const [stored] = person
      ? await this.ctx.db.query<{ pin_hash: string }>('SELECT pin_hash FROM phone_pins WHERE user_name = $1', [
          person.name,
        ])
      : [];
    if (!person || !stored || !(await verifyPassword(pin, stored.pin_hash))) {
      await this.countWrongPin(phoneMac, extension);
      return refuse('wrong_pin', desk.name);
    }
    await this.ctx.db.query('DELETE FROM keypad_attempts WHERE phone = $1 AND extension = $2', [phoneMac, extension]);
    try {
      await checkinAt(this.ctx, desk, person.name, 'phone', `${person.name} (keypad)`);
      this.ctx.observeCheckin('phone', 'ok', (performance.now() - started) / 1000);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await refuse(error.code, desk.name, person.name);
    }
  }

  private async logout(caller: PbxUser, settings: Settings): Promise<void> {
    // From a free desk phone there is nobody to check out.
    if (isBaseObject(caller)) return;
    if (!settings.loginMethods.phone) {
      await recordAudit(this.ctx.db, {
        actor: caller.name,
        action: 'occupancy.keypad_logout',
        result: 'refused',
        detail: { reason: 'method_disabled' },
      });
      return;
    }
    try {
      await checkout(this.ctx, caller.name);
    } catch (error) {
      // A call on another of the person's phones, an emergency freeze: the phone stays, and the refusal is audited.
      if (!(error instanceof DomainError)) throw error;
      await recordAudit(this.ctx.db, {
        actor: caller.name,
        action: 'occupancy.keypad_logout',
        result: 'refused',
        detail: { reason: error.code },
      });
    }
  }

  /** Until the PBX reports the call ended (at most a few seconds: it was cleared just now). */
  private async callEnded(guid: string, key: string): Promise<void> {
    for (let waited = 0; waited < 5000; waited += 20) {
      if (!this.ctx.pbx.callsOf(guid).some((running) => running.key === key)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Whether this phone may not try this extension now: locked for the pair after repeated wrong PINs, or the
   * phone slowed down after wrong PINs for several extensions. Another phone (the owner's at their desk) is not
   * affected.
   */
  private async locked(phone: string, extension: string): Promise<boolean> {
    const now = new Date(this.ctx.now());
    const rows = await this.ctx.db.query<{ extension: string; locked_until: Date | null; last_failure: Date | null }>(
      'SELECT extension, locked_until, last_failure FROM keypad_attempts WHERE phone = $1',
      [phone],
    );
    const pair = rows.find((row) => row.extension === extension);
    if (pair?.locked_until && pair.locked_until > now) return true;
    const recent = rows.filter(
      (row) => row.last_failure !== null && now.getTime() - row.last_failure.getTime() < PHONE_WINDOW_MS,
    );
    const tried = new Set(recent.map((row) => row.extension));
    return tried.size >= PHONE_EXTENSIONS && !tried.has(extension);
  }

  /**
   * One more wrong PIN for this phone and extension, counted in one statement (concurrent dials cannot slip
   * past); the fifth in a row locks the pair (15 min, doubling per lockout, at most a day).
   */
  private async countWrongPin(phone: string, extension: string): Promise<void> {
    const now = new Date(this.ctx.now());
    await this.ctx.db.query(
      `INSERT INTO keypad_attempts (phone, extension, failures, last_failure) VALUES ($1, $2, 1, $3)
       ON CONFLICT (phone, extension) DO UPDATE SET
         failures = CASE WHEN keypad_attempts.failures + 1 >= $4 THEN 0 ELSE keypad_attempts.failures + 1 END,
         lockouts = keypad_attempts.lockouts + CASE WHEN keypad_attempts.failures + 1 >= $4 THEN 1 ELSE 0 END,
         locked_until = CASE WHEN keypad_attempts.failures + 1 >= $4
           THEN $3 + make_interval(secs => LEAST($5::bigint, $6::bigint * (2 ^ keypad_attempts.lockouts)::bigint) / 1000.0)
           ELSE keypad_attempts.locked_until END,
         last_failure = $3`,
      [phone, extension, now, MAX_WRONG_PINS, MAX_LOCK_MS, LOCK_MS],
    );
  }
}
