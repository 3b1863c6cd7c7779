import { PageHeader } from '../../components/page-header.tsx';
import { PbxConnection } from '../../features/health/components/pbx-connection.tsx';
import { EmergencyNotices } from '../../features/occupancy/components/emergency-notices.tsx';
import { SettingsForm } from '../../features/settings/components/settings-form.tsx';
import { useT } from '../../i18n/use-t.ts';

export function SettingsPage() {
  const t = useT();
  return (
    <section className="page">
      <PageHeader title={t('nav.settings')} description={t('settings.lead')} />
      <SettingsForm />
      <EmergencyNotices />
      <PbxConnection />
    </section>
  );
}
