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
  const master: PbxState | 'unknown' | 'service' = health.isError ? 'service' : (health.data?.pbx ?? 'unknown');
  // With several PBXs (one per site), a slave that is down is named while the master works.
  const siteDown = master === 'connected' ? health.data?.pbxs.find((pbx) => pbx.state !== 'connected') : undefined;
  const state = siteDown ? 'unresponsive' : master;
  const label =
    master === 'unknown'
      ? t('pbx.checking')
      : master === 'service'
        ? t('pbx.serviceDown')
        : siteDown
          ? t('pbx.siteDown', { name: siteDown.name })
          : t(labels[master]);
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
