import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { DrainLoop } from '../db/drain-loop.ts';
import type { EventBus } from '../lib/events.ts';
import { log } from '../lib/log.ts';
import { claimDueMail, markFailed, markSent, type ClaimedMail } from './mail-store.ts';
import type { SendMail } from './mail-transport.ts';

export interface MailTiming {
  /** The wait after the first failed try; it doubles after each further one, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** How long an instance holds a message it is sending: a crashed instance's hold runs out then. */
  leaseMs: number;
}

export const DEFAULT_MAIL_TIMING: MailTiming = { firstRetryMs: 10_000, maxRetryMs: 15 * 60_000, leaseMs: 60_000 };

/** A message is tried this long (an emergency's, two hours: after that it is news to nobody). */
export const GIVE_UP_AFTER_MS = { emergency: 2 * 3_600_000, other: 24 * 3_600_000 };

/**
 * Sends what the outbox holds: every instance sends what is due, one claim per message, so that a message goes
 * out once whichever instance is up, and survives a restart. A failed try is retried with backoff until the
 * message's give-up time; each try is audited, and administrators see what was given up on.
 */
export class MailSender {
  private readonly loop = new DrainLoop(() => this.sendDue(), 'sending mail failed');

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly send: SendMail,
    private readonly now: () => number,
    private readonly timing: MailTiming = DEFAULT_MAIL_TIMING,
  ) {}

  start(intervalMs = 5_000): void {
    this.loop.start(Math.min(intervalMs, this.timing.firstRetryMs));
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Something was queued: send now. */
  sendSoon(): void {
    this.loop.soon();
  }

  /** Sends every message that is due; answers how many were tried. */
  async sendDue(): Promise<number> {
    let tried = 0;
    for (;;) {
      if (this.loop.isStopped) return tried;
      const mail = await claimDueMail(this.db, new Date(this.now()), this.timing.leaseMs);
      if (!mail) return tried;
      tried += 1;
      await this.deliver(mail);
    }
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    let failure: string | null = null;
    try {
      await this.send({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        language: mail.language,
        messageId: `<mail-${mail.id}@hotdesk>`,
        attachments: mail.attachments,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const now = this.now();
    const detail = { id: mail.id, kind: mail.kind, attempt: mail.attempts };
    if (failure === null) {
      await markSent(this.db, mail.id, new Date(now));
      await recordAudit(this.db, {
        actor: 'service',
        action: 'mail.send',
        target: mail.recipient,
        result: 'ok',
        detail,
      });
    } else {
      const next =
        now + Math.min(this.timing.maxRetryMs, this.timing.firstRetryMs * 2 ** Math.max(0, mail.attempts - 1));
      const givesUp = next > mail.give_up_at.getTime();
      await markFailed(this.db, mail.id, failure, givesUp ? null : new Date(next));
      await recordAudit(this.db, {
        actor: 'service',
        action: 'mail.send',
        target: mail.recipient,
        result: 'failed',
        detail: {
          ...detail,
          error: failure,
          ...(givesUp ? { gaveUp: true } : { retryAt: new Date(next).toISOString() }),
        },
      });
      log.warn({ kind: mail.kind, attempt: mail.attempts, error: failure, gaveUp: givesUp }, 'a message was not sent');
    }
    if (mail.emergency_call_id !== null) this.events.publish({ type: 'emergency' });
    this.events.publish({ type: 'mail' });
  }
}
