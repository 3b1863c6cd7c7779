import type { Settings } from '../../contract/settings.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword, verifyPassword } from '../auth/password-hash.ts';
import type { Queryable } from '../db/db.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../domain-error.ts';
import type { PbxUser } from '../pbx/pbx.ts';
import { checkinAt, checkout } from './checkin-flow.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';
import { errorField, log } from '../log.ts';

/**
 * Checking in and out on a desk phone's keypad. At a free desk phone (registered to the desk's base object)
 * the person dials `<login code>*<extension>*<PIN>`; a checked-in person dials `<logout code>`. The service
 * sees the call (RCC), ends it at once, and does what it asked, with the policies, settings and audit of
 * every check-in. Wrong PINs are counted per extension: after five in a row, keypad logins for it are
 * refused for a quarter of an hour, doubling with each further lockout up to a day.
 */

export const MAX_WRONG_PINS = 5;
const LOCK_MS = 15 * 60_000;
const MAX_LOCK_MS = 24 * 3_600_000;
/** Calls already read stay remembered this long, so that one call is acted on once. */
const HANDLED_MS = 3_600_000;

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
  if (rows.length === 0)
    throw new DomainError('not_found', 'not_found', {
      en: 'You have no phone PIN.',
      de: 'Sie haben keine Telefon-PIN.',
    });
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

export class Keypad {
  private readonly handled = new Map<string, number>();

  constructor(private readonly ctx: OccupancyContext) {}

  /** Reads the calls of `guid` (a change of its calls arrived) for keypad codes, and acts on each once. */
  async onCalls(guid: string): Promise<void> {
    const caller = this.ctx.pbx.userByGuid(guid);
    if (!caller) return;
    const now = this.ctx.now();
    for (const [key, at] of this.handled) if (now - at > HANDLED_MS) this.handled.delete(key);
    for (const call of this.ctx.pbx.dialledBy(guid)) {
      if (call.remote === '' || this.handled.has(call.key)) continue;
      const settings = await this.ctx.settings.get();
      const login = readLoginCode(call.remote, settings.keypad.loginCode);
      const logout = call.remote.replace(/#$/, '') === settings.keypad.logoutCode;
      if (!login && !logout) continue;
      this.handled.set(call.key, now);
      // The code was meant for us, not for anyone at the far end: the call ends before anything else.
      await this.ctx.pbx.clearCall(guid, call.id).catch((error: unknown) => {
        log.error({ error: errorField(error) }, `keypad call of ${caller.name} not cleared:`);
      });
      if (login) await this.login(caller, login.extension, login.pin, settings);
      else await this.logout(caller, settings);
    }
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
    if (await this.locked(extension)) return refuse('locked', desk.name);

    const person = this.ctx.pbx.listUsers().find((user) => user.e164 === extension && !isBaseObject(user)) ?? null;
    const [stored] = person
      ? await this.ctx.db.query<{ pin_hash: string }>('SELECT pin_hash FROM phone_pins WHERE user_name = $1', [
          person.name,
        ])
      : [];
    if (!person || !stored || !(await verifyPassword(pin, stored.pin_hash))) {
      await this.countWrongPin(extension);
      return refuse('wrong_pin', desk.name);
    }
    await this.ctx.db.query('DELETE FROM keypad_failures WHERE extension = $1', [extension]);
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
    await checkout(this.ctx, caller.name);
  }

  private async locked(extension: string): Promise<boolean> {
    const [row] = await this.ctx.db.query<{ locked_until: Date | null }>(
      'SELECT locked_until FROM keypad_failures WHERE extension = $1',
      [extension],
    );
    return row?.locked_until ? row.locked_until.getTime() > this.ctx.now() : false;
  }

  /** One more wrong PIN; the fifth in a row locks the extension (15 min, doubling per lockout, at most a day). */
  private async countWrongPin(extension: string): Promise<void> {
    const [row] = await this.ctx.db.query<{ failures: number; lockouts: number }>(
      `INSERT INTO keypad_failures (extension, failures) VALUES ($1, 1)
       ON CONFLICT (extension) DO UPDATE SET failures = keypad_failures.failures + 1
       RETURNING failures, lockouts`,
      [extension],
    );
    if (!row || row.failures < MAX_WRONG_PINS) return;
    const lockMs = Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** row.lockouts);
    await this.ctx.db.query(
      `UPDATE keypad_failures SET failures = 0, lockouts = lockouts + 1, locked_until = $2 WHERE extension = $1`,
      [extension, new Date(this.ctx.now() + lockMs)],
    );
  }
}
