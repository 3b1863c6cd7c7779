import type { PbxState } from '../../../../contract/api.ts';
import { useHealth } from '../api/health.ts';

const labels: Record<PbxState, string> = {
  connected: 'PBX connected',
  connecting: 'Connecting to PBX…',
  unresponsive: 'PBX not answering',
  reconnecting: 'PBX reconnecting…',
  disconnected: 'PBX unreachable',
};

/** The PBX connection as everyone in the console should see it: text and a shape, not only a colour. */
export function PbxStatus() {
  const health = useHealth();
  const state: PbxState | 'unknown' = health.data?.pbx ?? (health.isError ? 'disconnected' : 'unknown');
  const label = state === 'unknown' ? 'Checking PBX…' : labels[state];
  return (
    <span className={`status-pill status-${state}`} role="status" aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
