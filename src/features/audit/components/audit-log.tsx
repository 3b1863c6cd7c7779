import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../../contract/api.ts';
import { csvCell } from '../../../../contract/csv-cells.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { methodLabels } from '../../../lib/method-labels.ts';
import { allAuditEvents, noAuditFilters, useAuditLog, type AuditFilters } from '../api/audit.ts';
import { SearchField } from '../../../components/search-field.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { settingsChanges } from './settings-changes.ts';

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
  'emergency.notifyRetry': 'audit.action.emergencyNotifyRetry',
  'emergency.acknowledge': 'audit.action.emergencyAcknowledge',
  'pbx.base_objects': 'audit.action.baseObjects',
  'pbx.location': 'audit.action.location',
  'pbx.check': 'audit.action.pbxCheck',
  'analytics.history': 'audit.action.history',
  'analytics.retention': 'audit.action.retention',
  'booking.create': 'audit.action.bookingCreate',
  'booking.cancel': 'audit.action.bookingCancel',
  'booking.change': 'audit.action.bookingChange',
  'booking.confirm': 'audit.action.bookingConfirm',
  'booking.release': 'audit.action.bookingRelease',
  'mail.send': 'audit.action.mailSend',
  'mail.retry': 'audit.action.mailRetry',
  'mail.preferences': 'audit.action.mailPreferences',
  'calendar.renew': 'audit.action.calendarRenew',
  'calendar.stop': 'audit.action.calendarStop',
};

const resultLabels: Record<string, MessageId> = {
  ok: 'audit.result.ok',
  refused: 'audit.result.refused',
  failed: 'audit.result.failed',
  deferred: 'audit.result.deferred',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
  if (typeof detail.user === 'string') parts.push(t('audit.user', { user: event.subjectName ?? detail.user }));
  if (typeof detail.method === 'string') {
    const label = (methodLabels as Record<string, MessageId | undefined>)[detail.method];
    parts.push(t('audit.how', { method: label ? t(label) : detail.method }));
  }
  if (typeof detail.tookOverFrom === 'string') parts.push(t('audit.tookOver', { name: detail.tookOverFrom }));
  if (typeof detail.reason === 'string') parts.push(detail.reason.replaceAll('_', ' '));
  if (typeof detail.error === 'string') parts.push(detail.error);
  return parts.join(', ');
}

/** The "What" filter: groups of actions as people think of them. */
const actionGroups = {
  session: 'audit.group.signIns',
  'occupancy,keypad': 'audit.group.checkins',
  'desk,desks': 'audit.group.desks',
  floor: 'audit.group.floors',
  site: 'audit.group.sites',
  settings: 'audit.group.settings',
  token: 'audit.group.tokens',
  emergency: 'audit.group.emergencies',
  pbx: 'audit.group.pbx',
} as const satisfies Record<string, MessageId>;

/** A value that follows `value` once it has stopped changing for `ms` (typing does not send a request per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const EXPORT_MAX = 20_000;

function actionLabel(t: Translate, action: string): string {
  const label = actionLabels[action];
  return label ? t(label) : action;
}

/** The events as a CSV file, every cell safe from spreadsheet formulas (contract/csv-cells.ts). */
function auditCsv(t: Translate, events: readonly AuditEvent[]): string {
  const header = [
    t('audit.when'),
    t('audit.who'),
    t('audit.what'),
    t('audit.target'),
    t('audit.result'),
    t('audit.details'),
  ];
  const rows = events.map((event) => [
    event.at,
    event.actorName ? `${event.actorName} (${event.actor})` : event.actor,
    actionLabel(t, event.action),
    event.target ?? '',
    resultLabels[event.result] ? t(resultLabels[event.result] as MessageId) : event.result,
    describe(t, event),
  ]);
  return `${[header, ...rows].map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\r\n')}\r\n`;
}

function AuditFilterBar({
  filters,
  onChange,
  choosesWhat,
}: {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
  /** Whether "What" is offered (helpdesk's view holds only logouts and check-ins: nothing to choose). */
  choosesWhat: boolean;
}) {
  const t = useT();
  const set = (key: keyof AuditFilters) => (value: string) => onChange({ ...filters, [key]: value });
  return (
    <div className="table-toolbar audit-filters">
      <SearchField
        id="audit-actor"
        label={t('audit.who')}
        placeholder={t('audit.actorPlaceholder')}
        value={filters.actor}
        onChange={set('actor')}
      />
      {choosesWhat && (
        <SelectField
          id="audit-action"
          label={t('audit.what')}
          value={filters.action}
          options={[
            { value: '', label: t('audit.group.all') },
            ...(Object.keys(actionGroups) as (keyof typeof actionGroups)[]).map((group) => ({
              value: group,
              label: t(actionGroups[group]),
            })),
          ]}
          onChange={set('action')}
        />
      )}
      <SearchField
        id="audit-target"
        label={t('board.desk')}
        placeholder={t('audit.targetPlaceholder')}
        value={filters.target}
        onChange={set('target')}
      />
      <div className="field field-inline">
        <label htmlFor="audit-from">{t('audit.from')}</label>
        <input id="audit-from" type="date" value={filters.from} onChange={(event) => set('from')(event.target.value)} />
      </div>
      <div className="field field-inline">
        <label htmlFor="audit-to">{t('audit.to')}</label>
        <input id="audit-to" type="date" value={filters.to} onChange={(event) => set('to')(event.target.value)} />
      </div>
      <button
        type="button"
        className="button button-small"
        disabled={Object.values(filters).every((value) => value === '')}
        onClick={() => onChange(noAuditFilters)}
      >
        {t('audit.resetFilters')}
      </button>
    </div>
  );
}

/** `scope`: what the service shows this reader (`helpdesk`: logouts and check-ins staff made for others). */
export function AuditLog({ scope = 'all' }: { scope?: 'all' | 'helpdesk' }) {
  const t = useT();
  const [filters, setFilters] = useState<AuditFilters>(noAuditFilters);
  const settled = useSettled(filters, 300);
  const audit = useAuditLog(settled);
  const [exporting, setExporting] = useState<'idle' | 'busy' | { error: string } | { capped: number }>('idle');
  const filtered = Object.values(settled).some((value) => value !== '');

  const download = async () => {
    setExporting('busy');
    try {
      const { events, complete } = await allAuditEvents(settled, EXPORT_MAX);
      const url = URL.createObjectURL(new Blob([auditCsv(t, events)], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'audit.csv';
      link.click();
      URL.revokeObjectURL(url);
      setExporting(complete ? 'idle' : { capped: EXPORT_MAX });
    } catch (error) {
      setExporting({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="panel">
      <AuditFilterBar filters={filters} onChange={setFilters} choosesWhat={scope === 'all'} />
      <div className="table-toolbar">
        <button
          type="button"
          className="button button-small"
          disabled={exporting === 'busy' || !audit.data || audit.data.pages[0]?.events.length === 0}
          onClick={() => void download()}
        >
          {exporting === 'busy' ? t('audit.exporting') : t('audit.export')}
        </button>
        {typeof exporting === 'object' && 'error' in exporting && (
          <span className="field-error" role="alert">
            {exporting.error}
          </span>
        )}
        {typeof exporting === 'object' && 'capped' in exporting && (
          <span className="muted" role="status">
            {t('audit.exportCapped', { count: exporting.capped })}
          </span>
        )}
      </div>
      {audit.isPending ? (
        <LoadingPanel label={t('audit.loading')} />
      ) : audit.isError ? (
        <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <AuditTable
          events={audit.data.pages.flatMap((page) => page.events)}
          filtered={filtered}
          more={audit.hasNextPage}
          loadingMore={audit.isFetchingNextPage}
          onMore={() => void audit.fetchNextPage()}
        />
      )}
    </div>
  );
}

function AuditTable({
  events,
  filtered,
  more,
  loadingMore,
  onMore,
}: {
  events: AuditEvent[];
  filtered: boolean;
  more: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const t = useT();
  if (events.length === 0) {
    return filtered ? (
      <EmptyState title={t('audit.noMatchTitle')}>{t('audit.noMatchBody')}</EmptyState>
    ) : (
      <EmptyState title={t('audit.emptyTitle')}>{t('audit.emptyBody')}</EmptyState>
    );
  }
  return (
    <>
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
              <td title={event.actorName ? event.actor : undefined}>{event.actorName ?? event.actor}</td>
              <td>
                {actionLabel(t, event.action)}
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
      {more && (
        <div className="panel-footer">
          <button type="button" className="button" onClick={onMore} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('audit.older')}
          </button>
        </div>
      )}
    </>
  );
}
