import { PageHeader } from '../../components/page-header.tsx';
import { ImportWizard } from '../../features/import/components/import-wizard.tsx';

export function ImportPage() {
  return (
    <section className="page">
      <PageHeader title="Import" description="Bulk-import and export the desk table as CSV." />
      <ImportWizard />
    </section>
  );
}
