import { PageHeader } from '../../components/page-header.tsx';
import { ImportWizard } from '../../features/import/components/import-wizard.tsx';
import { useT } from '../../i18n/use-t.ts';

export function ImportPage() {
  const t = useT();
  return (
    <section className="page">
      <PageHeader title={t('nav.import')} description={t('wizard.lead')} />
      <ImportWizard />
    </section>
  );
}
