import { allows } from '../../../contract/access.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { useFloors } from '../../features/floors/api/floors.ts';
import { OccupancyBoard } from '../../features/occupancy/components/occupancy-board.tsx';

export function OccupancyPage() {
  const roles = useSession().data?.user.roles ?? [];
  const floors = useFloors();
  return (
    <section className="page page-wide">
      <PageHeader title="Occupancy" description="Who sits at which desk right now, live from the PBX." />
      <OccupancyBoard floors={floors.data ?? []} canLogout={allows(roles, 'people.logout')} />
    </section>
  );
}
