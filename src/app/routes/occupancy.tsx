import { allows } from '../../../contract/access.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { useFloors } from '../../features/floors/api/floors.ts';
import { OccupancyBoard } from '../../features/occupancy/components/occupancy-board.tsx';
import { useT } from '../../i18n/use-t.ts';
import { useUpcomingBookings } from '../use-upcoming-bookings.ts';

export function OccupancyPage() {
  const roles = useSession().data?.user.roles ?? [];
  const floors = useFloors();
  const t = useT();
  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.occupancy')} description={t('board.lead')} />
      <OccupancyBoard
        floors={floors.data ?? []}
        canLogout={allows(roles, 'people.logout')}
        bookings={useUpcomingBookings()}
      />
    </section>
  );
}
