import { allows } from '../../../contract/access.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorPanel } from '../../components/error-panel.tsx';
import { LoadingPanel } from '../../components/loading-panel.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { useMyBookings } from '../../features/bookings/api/bookings.ts';
import { AllBookings } from '../../features/bookings/components/all-bookings.tsx';
import { BookDesk } from '../../features/bookings/components/book-desk.tsx';
import { CalendarFeed } from '../../features/bookings/components/calendar-feed.tsx';
import { MyBookings } from '../../features/bookings/components/my-bookings.tsx';
import { useT } from '../../i18n/use-t.ts';

/** Booking desks: one's own bookings and booking one; staff also every booking of a day. */
export function BookingsPage() {
  const t = useT();
  const roles = useSession().data?.user.roles ?? [];
  const employee = roles.includes('user');
  const mine = useMyBookings(employee);
  const staff = allows(roles, 'staff.read');
  // The office's zone comes with one's bookings; the local administrator (no PBX user) reads in the browser's.
  const timeZone = mine.data?.policy.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section className="page bookings-page">
      <PageHeader title={t('nav.bookings')} description={t('bookings.pageLead')} />
      {employee && mine.isPending && <LoadingPanel label={t('bookings.loadingMine')} />}
      {employee && mine.isError && <ErrorPanel error={mine.error} onRetry={() => void mine.refetch()} />}
      {employee && mine.data && (
        <div className="bookings-columns">
          <BookDesk
            timeZone={timeZone}
            horizonDays={mine.data.policy.horizonDays}
            forOthers={allows(roles, 'people.checkin')}
          />
          <div className="bookings-side">
            <MyBookings />
            <CalendarFeed />
          </div>
        </div>
      )}
      {staff && (!employee || mine.data) && (
        <AllBookings timeZone={timeZone} canCancel={allows(roles, 'people.checkin')} />
      )}
    </section>
  );
}
