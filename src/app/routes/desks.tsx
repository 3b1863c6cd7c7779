import { allows } from '../../../contract/access.ts';
import { useState } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import type { Desk } from '../../../contract/desks.ts';
import type { DeskOccupancy, ForceLogoutResponse } from '../../../contract/occupancy.ts';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { DeskManager } from '../../features/desks/components/desk-manager.tsx';
import { useFloors } from '../../features/floors/api/floors.ts';
import type { DeskState } from '../../features/floors/components/floor-canvas.tsx';
import type { DeskLiveInfo } from '../../features/floors/components/floor-live-view.tsx';
import { FloorsWorkspace } from '../../features/floors/components/floors-workspace.tsx';
import { useAllZones, useForceLogout, useOccupancy } from '../../features/occupancy/api/occupancy.ts';
import { CheckinSomeoneDialog } from '../../features/occupancy/components/checkin-someone-dialog.tsx';
import { useSites } from '../../features/sites/api/sites.ts';
import { useUpcomingBookings } from '../use-upcoming-bookings.ts';
import { SitesManager } from '../../features/sites/components/sites-manager.tsx';
import { NeighbourhoodsManager } from '../../features/neighbourhoods/components/neighbourhoods-manager.tsx';
import { useT, type Translate } from '../../i18n/use-t.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { foldForSearch } from '../../../contract/search.ts';

function useRoles() {
  const roles = useSession().data?.user.roles ?? [];
  return {
    canEdit: allows(roles, 'desks.edit'),
    canLogout: allows(roles, 'people.logout'),
  };
}

function DesksTabs() {
  const t = useT();
  return (
    <nav className="sub-nav" aria-label={t('desks.subNav')}>
      <NavLink end to="/desks" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        {t('desks.tabTable')}
      </NavLink>
      <NavLink to="/desks/map" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        {t('desks.tabMaps')}
      </NavLink>
      <NavLink to="/desks/sites" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        {t('desks.tabSites')}
      </NavLink>
      <NavLink to="/desks/neighbourhoods" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        {t('desks.tabNeighbourhoods')}
      </NavLink>
    </nav>
  );
}

export function DeskTablePage() {
  const t = useT();
  const { canEdit } = useRoles();
  const floors = useFloors();
  const sites = useSites();
  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.desks')} description={t('desks.leadTable')} />
      <DesksTabs />
      <DeskManager floors={floors.data ?? []} sites={sites.data ?? []} canEdit={canEdit} />
    </section>
  );
}

export function SitesPage() {
  const t = useT();
  const { canEdit } = useRoles();
  const floors = useFloors();
  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.desks')} description={t('desks.leadSites')} />
      <DesksTabs />
      <SitesManager floors={floors.data ?? []} canEdit={canEdit} />
    </section>
  );
}

export function NeighbourhoodsPage() {
  const t = useT();
  const { canEdit } = useRoles();
  const floors = useFloors();
  const zones = useAllZones();
  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.desks')} description={t('desks.leadNeighbourhoods')} />
      <DesksTabs />
      <NeighbourhoodsManager canEdit={canEdit} zones={zones.data ?? []} floors={floors.data ?? []} />
    </section>
  );
}

export function FloorMapPage() {
  const t = useT();
  const { canEdit, canLogout } = useRoles();
  const [params, setParams] = useSearchParams();
  const occupancy = useOccupancy();
  const logout = useForceLogout();
  const [confirming, setConfirming] = useState<{ desk: Desk; occupant: string; now: boolean } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [checkingIn, setCheckingIn] = useState<{ id: string; name: string } | null>(null);

  const floors = useFloors();
  const sites = useSites();
  const bookingOf = useUpcomingBookings();
  const live = new Map<string, DeskLiveInfo>();
  const pbxDownSince = occupancy.data?.pbxDownSince ?? null;
  for (const desk of occupancy.data?.desks ?? []) {
    const floor = floors.data?.find((candidate) => candidate.id === desk.floorId);
    const site = sites.data?.find((candidate) => candidate.id === floor?.siteId);
    live.set(desk.deskId, {
      deskName: desk.deskName,
      floorId: desk.floorId,
      searchText: foldForSearch(
        [
          desk.deskName,
          desk.occupant?.displayName ?? '',
          desk.occupant?.name ?? '',
          ...desk.computerNames,
          desk.mac,
        ].join(' '),
      ),
      state: liveState(desk, pbxDownSince === null, bookingOf.has(desk.deskId)),
      booking: bookingOf.get(desk.deskId) ?? null,
      occupant: desk.occupant?.displayName ?? null,
      since: desk.since,
      phoneRegistered: pbxDownSince === null ? desk.phoneRegistered : null,
      onCall: desk.onCall,
      logoutDeferred: desk.logoutDeferred,
      emergency: desk.emergency,
      location:
        floor && site?.address
          ? t('desks.location', { address: site.address, floor: floor.name, desk: desk.deskName })
          : null,
    });
  }
  const confirmingInfo = confirming ? live.get(confirming.desk.id) : undefined;

  return (
    <section className="page page-wide">
      <PageHeader title={t('nav.desks')} description={t('desks.leadMaps')} />
      <DesksTabs />
      {occupancy.isError && (
        <div className="alert alert-warning" role="alert">
          {t('desks.noLive', { message: occupancy.error.message })}
        </div>
      )}
      {pbxDownSince !== null && (
        <p className="alert alert-warning" role="status">
          {t('board.pbxDown', { since: formatDateTime(pbxDownSince) })}
        </p>
      )}
      <FloorsWorkspace
        canEdit={canEdit}
        floorId={params.get('floor')}
        focusDeskId={params.get('desk')}
        onFloorChange={(floorId, deskId) =>
          setParams(deskId ? { floor: floorId, desk: deskId } : { floor: floorId }, { replace: true })
        }
        live={live}
        onForceLogout={
          canLogout
            ? (desk) => {
                const info = live.get(desk.id);
                setOutcome(null);
                setConfirming({
                  desk,
                  occupant: info?.occupant ?? t('desks.theOccupant'),
                  now: info?.logoutDeferred ?? false,
                });
              }
            : undefined
        }
        onCheckIn={canLogout ? (desk) => setCheckingIn({ id: desk.id, name: desk.name }) : undefined}
      />
      <CheckinSomeoneDialog desk={checkingIn} onClose={() => setCheckingIn(null)} onDone={(text) => setOutcome(text)} />
      {outcome && (
        <p className="alert alert-info" role="status">
          {outcome}
        </p>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.now
            ? t('board.confirmNowTitle', { name: confirming.occupant, desk: confirming.desk.name })
            : t('board.confirmOneTitle', { name: confirming?.occupant ?? '', desk: confirming?.desk.name ?? '' })
        }
        confirmLabel={confirming?.now ? t('board.confirmNow') : t('board.logout')}
        danger
        busy={logout.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (!confirming) return;
          logout.mutate(
            { deskIds: [confirming.desk.id], evenDuringCall: confirming.now },
            {
              onSuccess: (response) => setOutcome(logoutOutcome(t, confirming.occupant, response.results[0])),
              onError: (error) => setOutcome(error.message),
              onSettled: () => setConfirming(null),
            },
          );
        }}
      >
        {confirming?.now ? (
          <p>{t('board.confirmNowBody')}</p>
        ) : confirmingInfo?.onCall ? (
          <p>{t('desks.onCallBody')}</p>
        ) : (
          <p>{t('desks.logoutBody')}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}

/**
 * The map's colour for a desk: an emergency call's callback window first, then closed, free, on a call…
 * With the PBX connection down (`pbxKnown` false) an occupied desk is not called offline: nobody knows.
 */
function liveState(desk: DeskOccupancy, pbxKnown: boolean, booked: boolean): DeskState {
  if (desk.emergency) return 'emergency';
  if (!desk.enabled) return 'closed';
  if (!desk.occupant) return booked ? 'booked' : 'free';
  if (desk.onCall) return 'oncall';
  return desk.phoneRegistered || !pbxKnown ? 'occupied' : 'offline';
}

function logoutOutcome(
  t: Translate,
  occupant: string,
  result: ForceLogoutResponse['results'][number] | undefined,
): string {
  switch (result?.status) {
    case 'logged_out':
      return t('desks.loggedOut', { name: occupant });
    case 'was_free':
      return t('desks.wasFree');
    case 'deferred':
      return t('desks.deferred', { name: occupant });
    default:
      return result?.message ?? t('desks.notDone');
  }
}
