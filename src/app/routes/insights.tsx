import { PageHeader } from '../../components/page-header.tsx';
import { FloorHeatMap } from '../../features/floors/components/floor-heat-map.tsx';
import { InsightsPanel } from '../../features/insights/components/insights-panel.tsx';
import { useT } from '../../i18n/use-t.ts';

export function InsightsPage() {
  const t = useT();
  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.insights')} description={t('insights.lead')} />
      <InsightsPanel
        floorMap={(floorId, figures, zoneFigures) => (
          <FloorHeatMap floorId={floorId} heat={figures} zoneHeat={zoneFigures} />
        )}
      />
    </section>
  );
}
