import type { AuditEvent } from '../../../../contract/api.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { methodLabels } from '../../../lib/method-labels.ts';
import { useAuditLog } from '../api/audit.ts';

const actionLabels: Record<string, MessageId> = {
  'session.sign_in': 'audit.action.signIn',
  'session.sign_out': 'audit.action.signOut',
  'occupancy.checkin': 'audit.action.checkin',
  'occupancy.checkout': 'audit.action.checkout',
  'occupancy.force_logout': 'audit.action.forceLogout',
  'occupancy.pbx_change': 'audit.action.pbxChange',
  'occupancy.keypad_login': 'audit.action.keypadLogin',
  'occupancy.keypad_logout': 'audit.action.keypadLogout',
  'desk.create': 'audit.action.deskCreate',
  'desk.update': 'audit.action.deskUpdate',
  'desk.delete': 'audit.action.deskDelete',
  'desks.import': 'audit.action.import',
  'floor.create': 'audit.action.floorCreate',
  'floor.update': 'audit.action.floorUpdate',
  'floor.delete': 'audit.action.floorDelete',
  'floor.plan_upload': 'audit.action.planUpload',
  'floor.plan_replace': 'audit.action.planReplace',
  'floor.layout_save': 'audit.action.layoutSave',
  'site.create': 'audit.action.siteCreate',
  'site.update': 'audit.action.siteUpdate',
  'site.delete': 'audit.action.siteDelete',
  'settings.update': 'audit.action.settings',
  'token.create': 'audit.action.tokenCreate',
  'token.revoke': 'audit.action.tokenRevoke',
  'keypad.pin_set': 'audit.action.pinSet',
  'keypad.pin_delete': 'audit.action.pinDelete',
  'emergency.call': 'audit.action.emergencyCall',
  'emergency.notify': 'audit.action.emergencyNotify',
  'pbx.base_objects': 'audit.action.baseObjects',
  'pbx.location': 'audit.action.location',
  'analytics.history': 'audit.action.history',
  'analytics.retention': 'audit.action.retention',
};

const resultLabels: Record<string, MessageId> = {
  ok: 'audit.result.ok',
  refused: 'audit.result.refused',
  failed: 'audit.result.failed',
  deferred: 'audit.result.deferred',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A settings value as people read it: on/off, lists with commas, nothing as "—". */
function readable(t: Translate, value: unknown): string {
  if (value === true) return t('audit.on');
  if (value === false) return t('audit.off');
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => readable(t, item)).join(', ') || '—';
  if (isRecord(value)) return JSON.stringify(value);
  return String(value as string | number);
}

/** The fields that differ between two settings objects, as "path: before → after". */
export function settingsChanges(t: Translate, before: unknown, after: unknown, path = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => key !== 'version' && key !== 'updatedAt' && key !== 'updatedBy')
      .flatMap((key) => settingsChanges(t, before[key], after[key], path === '' ? key : `${path}.${key}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [`${path}: ${readable(t, before)} → ${readable(t, after)}`];
}

function describe(t: Translate, event: AuditEvent): string {
  const detail = event.detail;
  if (detail.reason === 'invalid_credentials') return t('audit.wrongPassword');
  if (detail.reason === 'too_many_attempts') return t('audit.tooMany');
  if (Array.isArray(detail.roles)) return t('audit.roles', { roles: detail.roles.join(', ') });
  if (event.action === 'desks.import' && isRecord(detail)) {
    return t('audit.imported', {
      mode: detail.mode === 'replace' ? t('audit.importReplace') : t('audit.importMerge'),
      added: Number(detail.added ?? 0),
      changed: Number(detail.changed ?? 0),
      removed: Number(detail.removed ?? 0),
      rows: Number(detail.rows ?? 0),
    });
  }
  if (event.action === 'settings.update' && 'before' in detail) {
    const changes = settingsChanges(t, detail.before, detail.after);
    return changes.length === 0 ? t('audit.noChange') : changes.join('; ');
  }
  const parts: string[] = [];
  if (typeof detail.user === 'string') parts.push(t('audit.user', { user: detail.user }));
  if (typeof detail.method === 'string') {
    const label = (methodLabels as Record<string, MessageId | undefined>)[detail.method];
    parts.push(t('audit.how', { method: label ? t(label) : detail.method }));
  }
  if (typeof detail.tookOverFrom === 'string') parts.push(t('audit.tookOver', { name: detail.tookOverFrom }));
  if (typeof detail.reason === 'string') parts.push(detail.reason.replaceAll('_', ' '));
  if (typeof detail.error === 'string') parts.push(detail.error);
  return parts.join(', ');
}

export function AuditLog() {
  const t = useT();
  const audit = useAuditLog();
  if (audit.isPending) return <LoadingPanel label={t('audit.loading')} />;
  if (audit.isError) return <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />;
  const events = audit.data.pages.flatMap((page) => page.events);
  if (events.length === 0) {
    return <EmptyState title={t('audit.emptyTitle')}>{t('audit.emptyBody')}</EmptyState>;
  }
  return (
    <div className="panel">
      <table className="data-table audit-table">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.result')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </td>
              <td>{event.actor}</td>
              <td>
                {actionLabels[event.action] ? t(actionLabels[event.action] as MessageId) : event.action}
                {event.target && <span className="muted"> · {event.target}</span>}
              </td>
              <td>
                <span className={`badge badge-${event.result}`}>
                  {resultLabels[event.result] ? t(resultLabels[event.result] as MessageId) : event.result}
                </span>
              </td>
              <td>{describe(t, event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit.hasNextPage && (
        <div className="panel-footer">
          <button
            type="button"
            className="button"
            onClick={() => void audit.fetchNextPage()}
            disabled={audit.isFetchingNextPage}
          >
            {audit.isFetchingNextPage ? t('common.loading') : t('audit.older')}
          </button>
        </div>
      )}
    </div>
  );
}
