import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { CheckinPanel } from '../../features/checkin/components/checkin-panel.tsx';
import { MyBookings } from '../../features/bookings/components/my-bookings.tsx';
import { KeypadPanel } from '../../features/checkin/components/keypad-panel.tsx';
import { TokenManager } from '../../features/checkin/components/token-manager.tsx';
import { MailPreferencesPanel } from '../../features/mail/components/mail-preferences.tsx';
import { useT } from '../../i18n/use-t.ts';

export function CheckinPage() {
  const [params] = useSearchParams();
  const t = useT();
  return (
    <section className="page page-narrow">
      <PageHeader title={t('nav.checkin')} description={t('checkin.pageLead')} />
      <MyBookings compact />
      <CheckinPanel
        computerName={params.get('computer')}
        clientName={params.get('client')}
        deskLink={params.get('desk')}
      />
      <KeypadPanel />
      <TokenManager />
      <MailPreferencesPanel />
    </section>
  );
}
