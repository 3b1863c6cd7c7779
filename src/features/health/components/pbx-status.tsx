import type { PbxState } from '../../../../contract/api.ts';
import { useHealth } from '../api/health.ts';
import { useT } from '../../../i18n/use-t.ts';
import type { MessageId } from '../../../i18n/i18n.ts';

const labels = {
  connected: 'pbx.connected',
  connecting: 'pbx.connecting',
  unresponsive: 'pbx.unresponsive',
  reconnecting: 'pbx.reconnecting',
  disconnected: 'pbx.disconnected',
} as const satisfies Record<PbxState, MessageId>;

/** The PBX connection as everyone in the console should see it: text and a shape, not only a colour. */
export function PbxStatus() {
  const health = useHealth();
  const t = useT();
  // A failed check means the service itself is out of reach: what it said about the PBX before is stale.
  const state: PbxState | 'unknown' | 'service' = health.isError ? 'service' : (health.data?.pbx ?? 'unknown');
  const label = state === 'unknown' ? t('pbx.checking') : state === 'service' ? t('pbx.serviceDown') : t(labels[state]);
  return (
    <span
      className={`status-pill status-${state === 'service' ? 'disconnected' : state}`}
      role="status"
      aria-live="polite"
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
