import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { CheckinPanel } from '../../features/checkin/components/checkin-panel.tsx';
import { KeypadPanel } from '../../features/checkin/components/keypad-panel.tsx';
import { TokenManager } from '../../features/checkin/components/token-manager.tsx';

export function CheckinPage() {
  const [params] = useSearchParams();
  return (
    <section className="page page-narrow">
      <PageHeader title="My desk" description="Check in at a desk so that its phone rings for you." />
      <CheckinPanel
        computerName={params.get('computer')}
        clientName={params.get('client')}
        deskLink={params.get('desk')}
      />
      <KeypadPanel />
      <TokenManager />
    </section>
  );
}
