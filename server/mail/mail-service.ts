import { allows } from '../../contract/access.ts';
import type { SessionUser } from '../../contract/api.ts';
import {
  asAdministratorsSee,
  type MailPreferences,
  type MailPreferencesInput,
  type OutboxMessageDetail,
  type OutboxQuery,
  type OutboxResponse,
} from '../../contract/mail.ts';
import { recordAudit } from '../audit/audit.ts';
import { DrainLoop } from '../db/drain-loop.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { GIVE_UP_AFTER_MS, MailSender, type MailTiming } from './mail-outbox.ts';
import {
  mailDailySummary,
  mailEmergencies,
  mailFromAudit,
  mailReminders,
  purgeMail,
  type MailDeps,
} from './mail-rounds.ts';
import { failedSince, listOutbox, outboxMessage, preferencesOf, requeueFailed, savePreferences } from './mail-store.ts';
import { smtpTransport, type SendMail } from './mail-transport.ts';
import { msg } from '../../i18n/message.ts';

const PAGE = 100;

/**
 * E-mail: the rounds that find what is to be mailed, the sender, each person's choices and the outbox for
 * administrators. Every instance runs both (each message is queued and sent once: keys and claims).
 */
export class MailService {
  private readonly sender: MailSender | null;
  private readonly closeTransport: () => void;
  private readonly rounds: DrainLoop;
  private readonly seenEvents = new Set<string>();
  private readonly seenReminders = new Set<string>();
  private lastPurge = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: MailDeps & { events: EventBus },
    transport: { smtpUrl: string | undefined; from: string; send?: SendMail },
    timing?: MailTiming,
  ) {
    const smtp = transport.smtpUrl === undefined ? null : smtpTransport(transport.smtpUrl, transport.from);
    const send = transport.send ?? smtp?.send;
    this.sender = send ? new MailSender(deps.db, deps.events, send, deps.now, timing) : null;
    this.closeTransport = () => smtp?.close();
    this.rounds = new DrainLoop(() => this.round(), 'finding mail to send failed');
    // Something that may call for mail happened (here or on another instance): look at once.
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type === 'bookings' || event.type === 'emergency' || event.type === 'occupancy' || event.type === 'me')
        this.rounds.soon();
    });
  }

  start(intervalMs = 5_000): void {
    this.rounds.start(intervalMs);
    this.sender?.start(intervalMs);
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.rounds.stop();
    await this.sender?.stop();
    this.closeTransport();
  }

  /** One round: emergencies first, then what the audit log, the bookings and the clock call for. */
  async round(): Promise<number> {
    let queued = await mailEmergencies(this.deps);
    if (queued > 0) this.sender?.sendSoon();
    queued += await mailFromAudit(this.deps, this.seenEvents);
    queued += await mailReminders(this.deps, this.seenReminders);
    queued += await mailDailySummary(this.deps);
    if (this.deps.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = this.deps.now();
      await purgeMail(this.deps);
    }
    if (queued > 0) {
      this.sender?.sendSoon();
      this.deps.events.publish({ type: 'mail' });
    }
    return queued;
  }

  /** Tests: everything due now, found and sent. */
  async flush(): Promise<void> {
    await this.round();
    await this.sender?.sendDue();
  }

  async preferences(user: SessionUser): Promise<MailPreferences> {
    const stored = await preferencesOf(this.deps.db, user.name);
    const settings = await this.deps.settings.get();
    const pbxAddress = (await this.deps.pbx.findUser(user.name).catch(() => null))?.email || null;
    return {
      ...stored,
      pbxAddress,
      effectiveAddress: stored.address ?? pbxAddress,
      effectiveLanguage: stored.language ?? settings.notifications.defaultLanguage,
      dailySummaryOffered: user.roles.includes('facility') || user.roles.includes('admin'),
      sending: this.sender !== null,
    };
  }

  async savePreferences(user: SessionUser, input: MailPreferencesInput): Promise<MailPreferences> {
    const offered = user.roles.includes('facility') || user.roles.includes('admin');
    await savePreferences(this.deps.db, user.name, { ...input, dailySummary: offered && input.dailySummary });
    await recordAudit(this.deps.db, {
      actor: user.name,
      action: 'mail.preferences',
      target: user.name,
      result: 'ok',
      detail: { ...input, address: input.address === null ? null : 'own' },
    });
    return this.preferences(user);
  }

  async outbox(query: OutboxQuery): Promise<OutboxResponse> {
    const listed = await listOutbox(this.deps.db, { state: query.state, before: query.before, limit: PAGE });
    const { aggregateOnly } = (await this.deps.settings.get()).privacy;
    const messages = listed.map((message) => asAdministratorsSee(message, aggregateOnly));
    return {
      transport: this.sender === null ? 'none' : 'smtp',
      failedRecently: await failedSince(this.deps.db, new Date(this.deps.now() - 7 * 86_400_000)),
      messages,
      nextBefore: messages.length === PAGE ? (messages.at(-1)?.id ?? null) : null,
    };
  }

  async message(viewer: SessionUser, id: string): Promise<OutboxMessageDetail> {
    return this.asSeen(allows(viewer.roles, 'admin') ? await outboxMessage(this.deps.db, id) : null);
  }

  private async asSeen(message: Omit<OutboxMessageDetail, 'withheld'> | null): Promise<OutboxMessageDetail> {
    if (!message) throw notFound();
    return asAdministratorsSee(message, (await this.deps.settings.get()).privacy.aggregateOnly);
  }

  /** An administrator sends a message that was given up on again (after fixing the mail server). */
  async retry(actor: string, id: string): Promise<OutboxMessageDetail> {
    const message = await this.asSeen(await outboxMessage(this.deps.db, id));
    const giveUp = message.kind === 'emergency' ? GIVE_UP_AFTER_MS.emergency : GIVE_UP_AFTER_MS.other;
    if (!(await requeueFailed(this.deps.db, id, new Date(this.deps.now()), giveUp)))
      throw new DomainError('conflict', 'mail_not_failed', msg('api.mail.onlyMessageGivenUp'));
    await recordAudit(this.deps.db, { actor, action: 'mail.retry', target: message.to, result: 'ok', detail: { id } });
    this.sender?.sendSoon();
    this.deps.events.publish({ type: 'mail' });
    return this.asSeen((await outboxMessage(this.deps.db, id)) ?? message);
  }
}

const notFound = () => new DomainError('not_found', 'not_found', msg('api.mail.thereSuchMessageAny'));
