import { useId } from 'react';
import type { EmergencyNoticeState } from '../../../../contract/occupancy.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useEmergencyNotices, useRetryEmergencyNotice } from '../api/occupancy.ts';

const stateLabels = {
  sending: 'notices.state.sending',
  retrying: 'notices.state.retrying',
  delivered: 'notices.state.delivered',
  failed: 'notices.state.failed',
} as const satisfies Record<EmergencyNoticeState, MessageId>;

/**
 * Settings → the emergency notices to security: every recent one with how it went, failures first in view (a
 * summary above the table), and a given-up notice can be sent again once the receiver works.
 */
export function EmergencyNotices() {
  const t = useT();
  const notices = useEmergencyNotices();
  const retry = useRetryEmergencyNotice();
  const headingId = useId();
  const undelivered = notices.data?.filter((notice) => notice.state === 'retrying' || notice.state === 'failed') ?? [];
  return (
    <section className="card settings-group emergency-notices" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('notices.title')}</h2>
      <p className="field-hint">{t('notices.hint')}</p>
      {notices.isPending ? (
        <LoadingPanel label={t('notices.loading')} />
      ) : notices.isError ? (
        <ErrorPanel error={notices.error} onRetry={() => void notices.refetch()} />
      ) : notices.data.length === 0 ? (
        <p>{t('notices.empty')}</p>
      ) : (
        <>
          {undelivered.length > 0 && (
            <p className="alert alert-error" role="alert">
              {t('notices.undelivered', { count: undelivered.length })}
            </p>
          )}
          {retry.isError && <ErrorPanel error={retry.error} />}
          <ScrollRegion label={t('notices.title')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('notices.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('notices.time')}</th>
                  <th scope="col">{t('notices.desk')}</th>
                  <th scope="col">{t('notices.number')}</th>
                  <th scope="col">{t('notices.state')}</th>
                  <th scope="col">{t('notices.detail')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('notices.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {notices.data.map((notice) => (
                  <tr key={notice.id} className={`notice-row notice-${notice.state}`}>
                    <td className="nowrap">{formatDateTime(notice.at)}</td>
                    <td className="nowrap">{notice.desk}</td>
                    <td>{notice.number}</td>
                    <td>
                      <span className={`notice-state notice-state-${notice.state}`}>
                        {t(stateLabels[notice.state])}
                      </span>
                    </td>
                    <td>
                      {t('notices.attempts', { count: notice.attempts })}
                      {notice.lastError && notice.state !== 'delivered' && <> · {notice.lastError}</>}
                      {notice.nextAttemptAt && (
                        <> · {t('notices.next', { at: formatDateTime(notice.nextAttemptAt) })}</>
                      )}
                    </td>
                    <td>
                      {notice.state === 'failed' && (
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={retry.isPending}
                          aria-label={t('notices.retryLabel', { desk: notice.desk, at: formatDateTime(notice.at) })}
                          onClick={() => retry.mutate(notice.id)}
                        >
                          {t('notices.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
