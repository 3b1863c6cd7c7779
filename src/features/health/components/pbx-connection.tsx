import { useId, useState } from 'react';
import type { PbxState } from '../../../../contract/api.ts';
import type { PbxCheckItem, PbxCheckReport } from '../../../../contract/pbx-check.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { TextField } from '../../../components/form-parts.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import type { MessageId } from '../../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useCheckPbx, usePbxHealth } from '../api/pbx.ts';

const stateLabels = {
  connected: 'pbx.connected',
  connecting: 'pbx.connecting',
  unresponsive: 'pbx.unresponsive',
  reconnecting: 'pbx.reconnecting',
  disconnected: 'pbx.disconnected',
} as const satisfies Record<PbxState, MessageId>;

const statusLabels = {
  ok: 'pbxCheck.status.ok',
  warning: 'pbxCheck.status.warning',
  failed: 'pbxCheck.status.failed',
  skipped: 'pbxCheck.status.skipped',
} as const satisfies Record<PbxCheckItem['status'], MessageId>;

/** Settings → PBX: every PBX of the system as the service sees it, and the installer's connection check. */
export function PbxConnection() {
  const t = useT();
  const health = usePbxHealth();
  const check = useCheckPbx();
  const [writeTest, setWriteTest] = useState('');
  const headingId = useId();
  return (
    <section className="card settings-group pbx-connection" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('pbxCheck.title')}</h2>
      {health.isPending ? (
        <LoadingPanel label={t('pbxCheck.loading')} />
      ) : health.isError ? (
        <ErrorPanel error={health.error} onRetry={() => void health.refetch()} />
      ) : (
        <>
          <ul className="pbx-links">
            {health.data.pbxs.map((pbx) => (
              <li key={pbx.url}>
                <span className={`status-pill status-${pbx.state}`}>
                  <span className="status-dot" aria-hidden="true" />
                  {t(stateLabels[pbx.state])}
                </span>{' '}
                <strong>{pbx.name}</strong> ({t(pbx.master ? 'pbxCheck.master' : 'pbxCheck.slave')}, {pbx.url}) —{' '}
                {t('pbxCheck.registrations', { count: formatNumber(pbx.registrations) })}
                {pbx.lastError && <span className="field-error"> {pbx.lastError}</span>}
              </li>
            ))}
          </ul>
          {health.data.unreached.length > 0 && (
            <p className="alert alert-warning" role="status">
              {t('pbxCheck.unreached', { names: health.data.unreached.join(', ') })}
            </p>
          )}
        </>
      )}
      <p className="field-hint">{t('pbxCheck.hint')}</p>
      <div className="field-row">
        <TextField
          id="pbx-write-test"
          label={t('pbxCheck.writeTest')}
          hint={t('pbxCheck.writeTestHint')}
          value={writeTest}
          onChange={(event) => setWriteTest(event.target.value)}
        />
      </div>
      <button type="button" className="button" disabled={check.isPending} onClick={() => check.mutate(writeTest)}>
        {check.isPending ? t('pbxCheck.running') : t('pbxCheck.run')}
      </button>
      {check.isError && <ErrorPanel error={check.error} />}
      {check.data && <PbxCheckResult report={check.data} />}
    </section>
  );
}

function PbxCheckResult({ report }: { report: PbxCheckReport }) {
  const t = useT();
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `pbx-check-${report.checkedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="pbx-check-result" aria-live="polite">
      <p className={`alert ${report.ok ? 'alert-success' : 'alert-error'}`} role="status">
        {t(report.ok ? 'pbxCheck.usable' : 'pbxCheck.notUsable', { at: formatDateTime(report.checkedAt) })}
      </p>
      <ul className="pbx-check-items">
        {report.items.map((item, index) => (
          <li key={`${item.id}-${String(index)}`} className={`pbx-check-${item.status}`}>
            <strong>
              {t(statusLabels[item.status])} · {item.id}
            </strong>{' '}
            {item.detail}
            {item.fix && <p className="field-hint">{t('pbxCheck.fix', { fix: item.fix })}</p>}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={download}>
        {t('pbxCheck.download')}
      </button>
    </div>
  );
}
