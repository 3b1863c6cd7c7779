import { PageHeader } from '../../components/page-header.tsx';
import { FloorHeatMap } from '../../features/floors/components/floor-heat-map.tsx';
import { InsightsPanel } from '../../features/insights/components/insights-panel.tsx';

export function InsightsPage() {
  return (
    <section className="page page-wide">
      <PageHeader
        title="Insights"
        description="How the office is used: utilisation over time, when it is full, and the desks nobody uses."
      />
      <InsightsPanel floorMap={(floorId, figures) => <FloorHeatMap floorId={floorId} heat={figures} />} />
    </section>
  );
}
