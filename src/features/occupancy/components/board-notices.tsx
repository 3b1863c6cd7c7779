import type { ForceLogoutResponse } from '../../../../contract/occupancy.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { rowStatusOf } from './phone-cell.tsx';

/** What a force logout did, summed up above the table. */
export interface LogoutSummary {
  total: number;
  done: number;
  deferred: number;
  failed: { deskName: string; message: string }[];
}

export function summarise(
  t: Translate,
  response: ForceLogoutResponse,
  names: ReadonlyMap<string, string>,
): LogoutSummary {
  const summary: LogoutSummary = { total: response.results.length, done: 0, deferred: 0, failed: [] };
  for (const result of response.results) {
    const status = rowStatusOf(result);
    if (status.kind === 'done') summary.done += 1;
    else if (status.kind === 'deferred') summary.deferred += 1;
    else if (status.kind === 'failed') {
      summary.failed.push({
        deskName: names.get(result.deskId) ?? result.deskId,
        message: status.message ?? t('board.logoutFailed'),
      });
    }
  }
  return summary;
}

/**
 * What the board says above its table: the PBX connection down (what is shown is as of then), the directory
 * still loading, a check-in made for someone, and what the last force logout did.
 */
export function BoardNotices({
  pbxDownSince,
  complete,
  checkedIn,
  summary,
}: {
  pbxDownSince: string | null;
  complete: boolean;
  checkedIn: string | null;
  summary: LogoutSummary | null;
}) {
  const t = useT();
  return (
    <>
      {pbxDownSince !== null && (
        <p className="alert alert-warning" role="status">
          {t('board.pbxDown', { since: formatDateTime(pbxDownSince) })}
        </p>
      )}
      {!complete && (
        <p className="alert alert-warning" role="status">
          {t('board.incomplete')}
        </p>
      )}
      {checkedIn && (
        <p className="alert alert-success" role="status">
          {checkedIn}
        </p>
      )}
      {summary && (
        <div
          className={summary.failed.length === 0 ? 'alert alert-success' : 'alert alert-warning'}
          role="status"
          aria-live="polite"
        >
          <p>
            <strong>{t('board.summary', { done: summary.done, total: summary.total })}</strong>
            {summary.deferred > 0 && <> {t('board.summaryDeferred', { count: summary.deferred })}</>}
          </p>
          {summary.failed.length > 0 && (
            <>
              <p>{t('board.summaryFailed', { count: summary.failed.length })}</p>
              <ul className="summary-failures">
                {summary.failed.map((failure) => (
                  <li key={failure.deskName}>
                    <strong>{failure.deskName}</strong>: {failure.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </>
  );
}
