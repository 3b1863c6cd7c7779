import { PageHeader } from '../../components/page-header.tsx';
import { SettingsForm } from '../../features/settings/components/settings-form.tsx';

export function SettingsPage() {
  return (
    <section className="page">
      <PageHeader title="Settings" description="Login methods, the PBX device entry, policies and automatic logout." />
      <SettingsForm />
    </section>
  );
}
