import { useState } from 'react';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useCalendarFeed, useRenewCalendarFeed, useStopCalendarFeed } from '../api/bookings.ts';

/**
 * One's bookings in Outlook or Google Calendar: a private address to subscribe to, shown once when made; making a
 * new one (or stopping it) ends the old one, for an address that went where it should not.
 */
export function CalendarFeed() {
  const t = useT();
  const feed = useCalendarFeed();
  const renew = useRenewCalendarFeed();
  const stop = useStopCalendarFeed();
  const [confirming, setConfirming] = useState<'renew' | 'stop' | null>(null);
  const active = feed.data?.active === true;
  const url = renew.data?.url;
  return (
    <details className="card calendar-feed">
      <summary>
        <h2>{t('calendar.title')}</h2>
      </summary>
      <div className="calendar-body">
        <p className="muted">{t('calendar.lead')}</p>
        {url && (
          <div className="alert alert-success" role="status">
            <p>{t('calendar.copyNow')}</p>
            <code className="token-value">{url}</code>
          </div>
        )}
        {feed.isError && (
          <p className="field-error" role="alert">
            {feed.error.message}
          </p>
        )}
        {active && !url && feed.data?.since && (
          <p>{t('calendar.activeSince', { since: formatDateTime(feed.data.since) })}</p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={renew.isPending || feed.isPending}
            onClick={() => (active ? setConfirming('renew') : renew.mutate())}
          >
            {active ? t('calendar.renew') : t('calendar.make')}
          </button>
          {active && (
            <button type="button" className="button button-quiet-danger" onClick={() => setConfirming('stop')}>
              {t('calendar.stop')}
            </button>
          )}
        </div>
        {(renew.error ?? stop.error) && (
          <p className="field-error" role="alert">
            {(renew.error ?? stop.error)?.message}
          </p>
        )}
        <ConfirmDialog
          open={confirming !== null}
          title={confirming === 'stop' ? t('calendar.stopTitle') : t('calendar.renewTitle')}
          confirmLabel={confirming === 'stop' ? t('calendar.stop') : t('calendar.renew')}
          danger={confirming === 'stop'}
          busy={renew.isPending || stop.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const done = { onSettled: () => setConfirming(null) };
            if (confirming === 'stop') stop.mutate(undefined, { ...done, onSuccess: () => renew.reset() });
            else renew.mutate(undefined, done);
          }}
        >
          <p>{t('calendar.oldStops')}</p>
        </ConfirmDialog>
      </div>
    </details>
  );
}
