import { allows } from '../../../contract/access.ts';
import { useState } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import type { Desk } from '../../../contract/desks.ts';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { DeskManager } from '../../features/desks/components/desk-manager.tsx';
import { useFloors } from '../../features/floors/api/floors.ts';
import type { DeskLiveInfo } from '../../features/floors/components/floor-live-view.tsx';
import { FloorsWorkspace } from '../../features/floors/components/floors-workspace.tsx';
import { useForceLogout, useOccupancy } from '../../features/occupancy/api/occupancy.ts';

function useRoles() {
  const roles = useSession().data?.user.roles ?? [];
  return {
    canEdit: allows(roles, 'desks.edit'),
    canLogout: allows(roles, 'people.logout'),
  };
}

function DesksTabs() {
  return (
    <nav className="sub-nav" aria-label="Desks and floors">
      <NavLink end to="/desks" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        Desk table
      </NavLink>
      <NavLink to="/desks/map" className={({ isActive }) => (isActive ? 'sub-link active' : 'sub-link')}>
        Floor maps
      </NavLink>
    </nav>
  );
}

export function DeskTablePage() {
  const { canEdit } = useRoles();
  const floors = useFloors();
  return (
    <section className="page page-wide">
      <PageHeader title="Desks & floors" description="Every desk with its phone and the computers at it." />
      <DesksTabs />
      <DeskManager floors={floors.data ?? []} canEdit={canEdit} />
    </section>
  );
}

export function FloorMapPage() {
  const { canEdit, canLogout } = useRoles();
  const [params, setParams] = useSearchParams();
  const occupancy = useOccupancy();
  const logout = useForceLogout();
  const [confirming, setConfirming] = useState<{ desk: Desk; occupant: string } | null>(null);

  const live = new Map<string, DeskLiveInfo>();
  for (const desk of occupancy.data?.desks ?? []) {
    const state = !desk.enabled ? 'closed' : !desk.occupant ? 'free' : desk.phoneRegistered ? 'occupied' : 'offline';
    live.set(desk.deskId, {
      state,
      occupant: desk.occupant?.displayName ?? null,
      since: desk.since,
      phoneRegistered: desk.phoneRegistered,
    });
  }

  return (
    <section className="page page-wide">
      <PageHeader title="Desks & floors" description="Floor plans with every desk, live." />
      <DesksTabs />
      {occupancy.isError && (
        <div className="alert alert-warning" role="alert">
          Live occupancy is not available: {occupancy.error.message}
        </div>
      )}
      <FloorsWorkspace
        canEdit={canEdit}
        floorId={params.get('floor')}
        onFloorChange={(floorId) => setParams({ floor: floorId }, { replace: true })}
        live={live}
        onForceLogout={
          canLogout
            ? (desk) => setConfirming({ desk, occupant: live.get(desk.id)?.occupant ?? 'the occupant' })
            : undefined
        }
      />
      <ConfirmDialog
        open={confirming !== null}
        title={`Log ${confirming?.occupant ?? ''} out of desk ${confirming?.desk.name ?? ''}?`}
        confirmLabel="Log out"
        danger
        busy={logout.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) logout.mutate([confirming.desk.id], { onSettled: () => setConfirming(null) });
        }}
      >
        <p>The desk phone leaves their PBX device list at once; they can check in again anywhere.</p>
      </ConfirmDialog>
    </section>
  );
}
