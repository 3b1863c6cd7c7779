import { useState } from 'react';
import type { MailKind, MailState, OutboxMessage } from '../../../../contract/mail.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useOutbox, useOutboxMessage, useRetryMail } from '../api/mail.ts';

const KIND_LABELS: Record<MailKind, MessageId> = {
  booking_made: 'outbox.kind.bookingMade',
  booking_changed: 'outbox.kind.bookingChanged',
  booking_cancelled: 'outbox.kind.bookingCancelled',
  booking_reminder: 'outbox.kind.reminder',
  booking_released: 'outbox.kind.released',
  logged_out: 'outbox.kind.loggedOut',
  daily_summary: 'outbox.kind.summary',
  emergency: 'outbox.kind.emergency',
};

const STATE_LABELS: Record<MailState, MessageId> = {
  queued: 'outbox.state.queued',
  sent: 'outbox.state.sent',
  failed: 'outbox.state.failed',
  held: 'outbox.state.held',
};

const STATE_BADGES: Record<MailState, string> = {
  queued: 'badge-neutral',
  sent: 'badge-ok',
  failed: 'badge-failed',
  held: 'badge-muted',
};

/** The mail outbox for administrators: what went out, what is retried, what was given up on, what is only kept. */
export function Outbox() {
  const t = useT();
  const [state, setState] = useState<MailState | ''>('');
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useOutbox(state);
  return (
    <div className="panel">
      <div className="table-toolbar">
        <div className="field field-inline">
          <label htmlFor="outbox-state">{t('outbox.show')}</label>
          <select id="outbox-state" value={state} onChange={(event) => setState(event.target.value as MailState | '')}>
            <option value="">{t('outbox.all')}</option>
            {(['failed', 'queued', 'sent', 'held'] as const).map((one) => (
              <option key={one} value={one}>
                {t(STATE_LABELS[one])}
              </option>
            ))}
          </select>
        </div>
      </div>
      {outbox.isPending ? (
        <LoadingPanel label={t('outbox.loading')} />
      ) : outbox.isError ? (
        <ErrorPanel error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : (
        <>
          {outbox.data.transport === 'none' && (
            <p className="alert alert-info outbox-notice" role="status">
              {t('outbox.noServer')}
            </p>
          )}
          {outbox.data.failedRecently > 0 && (
            <p className="alert alert-error outbox-notice" role="alert">
              {t('outbox.failedRecently', { count: outbox.data.failedRecently })}
            </p>
          )}
          <OutboxTable messages={outbox.data.messages} filtered={state !== ''} onOpen={setOpen} />
        </>
      )}
      <MessageDialog id={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function OutboxTable({
  messages,
  filtered,
  onOpen,
}: {
  messages: OutboxMessage[];
  filtered: boolean;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  if (messages.length === 0)
    return (
      <EmptyState title={t('outbox.emptyTitle')}>{filtered ? t('outbox.noMatch') : t('outbox.emptyBody')}</EmptyState>
    );
  return (
    <ScrollRegion label={t('outbox.caption')}>
      <table className="data-table outbox-table">
        <caption className="visually-hidden">{t('outbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outbox.when')}</th>
            <th scope="col">{t('outbox.to')}</th>
            <th scope="col">{t('outbox.subject')}</th>
            <th scope="col">{t('outbox.state')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td className="nowrap">
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              </td>
              <td>{message.to}</td>
              <td>
                <button type="button" className="button-link" onClick={() => onOpen(message.id)}>
                  {message.withheld ? t('outbox.withheldSubject') : message.subject}
                </button>
                <span className="muted"> · {t(KIND_LABELS[message.kind])}</span>
              </td>
              <td>
                <span className={`badge ${STATE_BADGES[message.state]}`}>{t(STATE_LABELS[message.state])}</span>
                {message.lastError && message.state !== 'sent' && (
                  <span className="muted">
                    {' '}
                    {t('outbox.attempts', { count: message.attempts, error: message.lastError })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function MessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const message = useOutboxMessage(id);
  const retry = useRetryMail();
  const close = () => {
    retry.reset();
    onClose();
  };
  const data = message.data;
  return (
    <Dialog
      open={id !== null}
      title={data && !data.withheld ? data.subject : t('outbox.message')}
      onClose={close}
      footer={
        <div className="button-row">
          {data?.state === 'failed' && (
            <button
              type="button"
              className="button button-primary"
              disabled={retry.isPending}
              onClick={() => retry.mutate(data.id)}
            >
              {retry.isPending ? t('common.saving') : t('outbox.retry')}
            </button>
          )}
          <button type="button" className="button" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      }
    >
      {message.isPending ? (
        <LoadingPanel label={t('outbox.loading')} />
      ) : message.isError ? (
        <ErrorPanel error={message.error} onRetry={() => void message.refetch()} />
      ) : (
        <>
          <dl className="details">
            <dt>{t('outbox.to')}</dt>
            <dd>{message.data.to}</dd>
            <dt>{t('outbox.state')}</dt>
            <dd>
              {t(STATE_LABELS[message.data.state])}
              {message.data.lastError && ` — ${message.data.lastError}`}
            </dd>
            {message.data.attachments.length > 0 && (
              <>
                <dt>{t('outbox.attachments')}</dt>
                <dd>{message.data.attachments.join(', ')}</dd>
              </>
            )}
          </dl>
          {message.data.withheld ? (
            <p className="muted">{t('outbox.withheld')}</p>
          ) : (
            <pre className="mail-text">{message.data.text}</pre>
          )}
          {retry.isError && (
            <p className="alert alert-error" role="alert">
              {retry.error.message}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
