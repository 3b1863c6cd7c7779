import { useVirtualizer } from '@tanstack/react-virtual';
import { SortHeader } from '../../../components/sort-header.tsx';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Floor } from '../../../../contract/desks.ts';
import { macSearchKey } from '../../../../contract/mac.ts';
import type { DeskOccupancy } from '../../../../contract/occupancy.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useAllZones, useForceLogout, useOccupancy } from '../api/occupancy.ts';
import { CheckinSomeoneDialog } from './checkin-someone-dialog.tsx';
import { PhoneCell, rowStatusOf, type RowStatus, type StateFilter } from './phone-cell.tsx';
import { SearchField } from '../../../components/search-field.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { sortNaturally } from '../../../lib/natural-sort.ts';

type SortKey = 'desk' | 'floor' | 'occupant' | 'since' | 'phone';

const ROW_HEIGHT = 46;
const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const methodText: Record<string, string> = {
  desk: 'Desk name',
  computer: 'Computer',
  thinclient: 'Thin client',
  console: 'Console',
  phone: 'Phone',
  pbx: 'Set on the PBX',
};

export function matchesOccupancy(row: DeskOccupancy, query: string): boolean {
  const text = query.trim().toLowerCase();
  if (text === '') return true;
  if (row.deskName.toLowerCase().includes(text)) return true;
  if (
    row.occupant &&
    (row.occupant.displayName.toLowerCase().includes(text) || row.occupant.name.toLowerCase().includes(text))
  )
    return true;
  if (row.computerNames.some((name) => name.toLowerCase().includes(text))) return true;
  const hex = macSearchKey(text);
  return hex !== null && row.mac.includes(hex);
}

const stateOf = (row: DeskOccupancy): StateFilter =>
  !row.occupant ? 'free' : row.phoneRegistered ? 'occupied' : 'offline';

/** Who is on which phone right now: one virtualised table, live, with force logout for helpdesk and admins. */
export function OccupancyBoard({ floors, canLogout }: { floors: Floor[]; canLogout: boolean }) {
  const occupancy = useOccupancy();
  const logout = useForceLogout();
  const [query, setQuery] = useState('');
  const [floorFilter, setFloorFilter] = useState('');
  const [zoneFilter, setZoneFilter] = useState('');
  const zones = useAllZones();
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'desk', ascending: true });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [statuses, setStatuses] = useState<ReadonlyMap<string, RowStatus>>(new Map());
  /** The desks to log out; `now`: the second confirmation, people on a call are logged out at once. */
  const [confirming, setConfirming] = useState<{ deskIds: string[]; now: boolean } | null>(null);
  /** The free desk someone is being checked in at, and what the last such check-in did. */
  const [checkingIn, setCheckingIn] = useState<{ id: string; name: string } | null>(null);
  const [checkedIn, setCheckedIn] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query);
  const floorNames = useMemo(() => new Map(floors.map((floor) => [floor.id, floor.name])), [floors]);

  // Sorted once per answer and sort order; a keystroke only filters (50,000 desks: see BENCHMARKS.md).
  const sorted = useMemo(() => {
    const value = (row: DeskOccupancy): string => {
      switch (sort.key) {
        case 'desk':
          return row.deskName;
        case 'floor':
          return row.floorId ? (floorNames.get(row.floorId) ?? '') : '';
        case 'occupant':
          return row.occupant?.displayName ?? '\uffff';
        case 'since':
          return row.since ?? '\uffff';
        case 'phone':
          return stateOf(row);
      }
    };
    return sortNaturally(occupancy.data?.desks ?? [], value, sort.ascending);
  }, [occupancy.data, sort, floorNames]);
  const rows = useMemo(
    () =>
      sorted.filter(
        (row) =>
          (floorFilter === '' || row.floorId === floorFilter) &&
          (zoneFilter === '' || row.zoneId === zoneFilter) &&
          (stateFilter === 'all' || stateOf(row) === stateFilter) &&
          matchesOccupancy(row, deferredQuery),
      ),
    [sorted, deferredQuery, floorFilter, zoneFilter, stateFilter],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as its docs show
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });

  if (occupancy.isPending) return <LoadingPanel label="Loading who sits where…" />;
  if (occupancy.isError) return <ErrorPanel error={occupancy.error} onRetry={() => void occupancy.refetch()} />;
  if (occupancy.data.desks.length === 0) {
    return (
      <EmptyState title="No desks yet">
        <p>Once facility managers have set up desks, this board shows who sits at each of them, live.</p>
      </EmptyState>
    );
  }

  const occupiedShown = rows.filter((row) => row.occupant && !row.emergency).map((row) => row.deskId);
  const byId = new Map(occupancy.data.desks.map((row) => [row.deskId, row]));
  const toggle = (deskId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(deskId)) next.delete(deskId);
      else next.add(deskId);
      return next;
    });
  const startLogout = ({ deskIds, now }: { deskIds: string[]; now: boolean }) => {
    setConfirming(null);
    setStatuses((current) => new Map([...current, ...deskIds.map((id) => [id, { kind: 'pending' }] as const)]));
    logout.mutate(
      { deskIds, evenDuringCall: now },
      {
        onSuccess: (response) => {
          setStatuses((current) => {
            const next = new Map(current);
            for (const result of response.results) next.set(result.deskId, rowStatusOf(result));
            return next;
          });
          setSelected(new Set());
        },
        onError: (error) =>
          setStatuses(
            (current) =>
              new Map([...current, ...deskIds.map((id) => [id, { kind: 'failed', message: error.message }] as const)]),
          ),
      },
    );
  };
  const confirmingPeople = confirming?.deskIds.length ?? 0;
  const confirmingOnCall = (confirming?.deskIds ?? []).filter((id) => byId.get(id)?.onCall).length;
  const single = confirming?.deskIds.length === 1 ? byId.get(confirming.deskIds[0] ?? '') : undefined;

  const header = (key: SortKey, label: string) => (
    <SortHeader column={key} label={label} sort={sort} onSort={setSort} />
  );

  return (
    <div className="panel occupancy-board">
      {!occupancy.data.complete && (
        <p className="alert alert-warning" role="status">
          The PBX is still sending its directory; some occupants may not show yet.
        </p>
      )}
      {checkedIn && (
        <p className="alert alert-success" role="status">
          {checkedIn}
        </p>
      )}
      <div className="table-toolbar">
        <SearchField
          id="occupancy-search"
          label="Search"
          placeholder="Person, desk, computer or MAC"
          value={query}
          onChange={setQuery}
        />
        <div className="field field-inline">
          <label htmlFor="occupancy-floor">Floor</label>
          <select
            id="occupancy-floor"
            value={floorFilter}
            onChange={(event) => {
              setFloorFilter(event.target.value);
              setZoneFilter('');
            }}
          >
            <option value="">All floors</option>
            {floors.map((floor) => (
              <option key={floor.id} value={floor.id}>
                {floor.name}
              </option>
            ))}
          </select>
        </div>
        {(zones.data ?? []).some((zone) => floorFilter === '' || zone.floorId === floorFilter) && (
          <div className="field field-inline">
            <label htmlFor="occupancy-zone">Zone</label>
            <select id="occupancy-zone" value={zoneFilter} onChange={(event) => setZoneFilter(event.target.value)}>
              <option value="">All zones</option>
              {(zones.data ?? [])
                .filter((zone) => floorFilter === '' || zone.floorId === floorFilter)
                .map((zone) => (
                  <option key={zone.id} value={zone.id}>
                    {floorFilter === '' ? `${floorNames.get(zone.floorId) ?? ''} · ${zone.name}` : zone.name}
                  </option>
                ))}
            </select>
          </div>
        )}
        <SelectField<StateFilter>
          id="occupancy-state"
          label="Show"
          value={stateFilter}
          options={[
            { value: 'all', label: 'All desks' },
            { value: 'occupied', label: 'Occupied' },
            { value: 'free', label: 'Free' },
            { value: 'offline', label: 'Phone offline' },
          ]}
          onChange={setStateFilter}
        />
        <p className="table-count" role="status">
          {rows.length.toLocaleString()} desks, {occupiedShown.length.toLocaleString()} occupied
        </p>
      </div>
      {canLogout && (
        <div className="bulk-bar">
          <button
            type="button"
            className="button button-small"
            disabled={selected.size === 0}
            onClick={() => setConfirming({ deskIds: [...selected], now: false })}
          >
            Log out selected ({selected.size})
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={occupiedShown.length === 0}
            onClick={() => setConfirming({ deskIds: occupiedShown, now: false })}
          >
            Log out everyone shown ({occupiedShown.length})
          </button>
        </div>
      )}
      <div role="table" aria-label="Occupancy" aria-rowcount={rows.length + 1} className="grid-table occupancy-grid">
        <div role="rowgroup">
          <div role="row" className="grid-row grid-head" aria-rowindex={1}>
            <div role="columnheader" className="grid-cell">
              <span className="visually-hidden">Select</span>
            </div>
            {header('desk', 'Desk')}
            {header('floor', 'Floor')}
            {header('occupant', 'Occupant')}
            {header('since', 'Since')}
            <div role="columnheader" className="grid-cell">
              How
            </div>
            {header('phone', 'Phone')}
            <div role="columnheader" className="grid-cell">
              <span className="visually-hidden">Actions</span>
            </div>
          </div>
        </div>
        <div ref={scrollRef} className="grid-scroll" role="rowgroup">
          {rows.length === 0 ? (
            <div role="row" className="grid-empty">
              <div role="cell">No desk matches.</div>
            </div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                const status = statuses.get(row.deskId);
                const state = stateOf(row);
                return (
                  <div
                    role="row"
                    key={row.deskId}
                    className="grid-row"
                    aria-rowindex={item.index + 2}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  >
                    <div role="cell" className="grid-cell">
                      {canLogout && row.occupant && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${row.deskName}`}
                          checked={selected.has(row.deskId)}
                          onChange={() => toggle(row.deskId)}
                        />
                      )}
                    </div>
                    <div role="cell" className="grid-cell cell-strong">
                      {row.deskName}
                    </div>
                    <div role="cell" className="grid-cell">
                      {row.floorId ? (floorNames.get(row.floorId) ?? '') : <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="grid-cell truncate">
                      {row.occupant ? row.occupant.displayName : <span className="muted">Free</span>}
                    </div>
                    <div role="cell" className="grid-cell">
                      {row.since ? timeFormat.format(new Date(row.since)) : <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="grid-cell">
                      {row.method ? methodText[row.method] : <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="grid-cell">
                      <PhoneCell row={row} state={state} />
                    </div>
                    <div role="cell" className="grid-cell cell-actions">
                      {status?.kind === 'pending' ? (
                        <span className="muted" role="status">
                          Logging out…
                        </span>
                      ) : status?.kind === 'failed' ? (
                        <span className="field-error" role="alert">
                          {status.message}
                        </span>
                      ) : status?.kind === 'done' && !row.occupant ? (
                        <span className="badge badge-ok">Logged out</span>
                      ) : canLogout && row.occupant && row.emergency === null && row.logoutDeferred ? (
                        <button
                          type="button"
                          className="button button-small button-quiet-danger"
                          onClick={() => setConfirming({ deskIds: [row.deskId], now: true })}
                          aria-label={`End the call of ${row.occupant.displayName} and log out of ${row.deskName} now`}
                        >
                          Log out now
                        </button>
                      ) : canLogout && row.occupant && row.emergency === null ? (
                        <button
                          type="button"
                          className="button button-small button-quiet-danger"
                          onClick={() => setConfirming({ deskIds: [row.deskId], now: false })}
                          aria-label={`Log out ${row.occupant.displayName} from ${row.deskName}`}
                        >
                          Log out
                        </button>
                      ) : (
                        canLogout &&
                        !row.occupant &&
                        row.enabled && (
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => setCheckingIn({ id: row.deskId, name: row.deskName })}
                            aria-label={`Check someone in at ${row.deskName}`}
                          >
                            Check in…
                          </button>
                        )
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.now && single?.occupant
            ? `End ${single.occupant.displayName}’s call and log them out of ${single.deskName} now?`
            : single?.occupant
              ? `Log ${single.occupant.displayName} out of ${single.deskName}?`
              : `Log out ${confirmingPeople} people?`
        }
        confirmLabel={
          confirming?.now
            ? 'End the call and log out'
            : confirmingPeople === 1
              ? 'Log out'
              : `Log out ${confirmingPeople} people`
        }
        danger
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && startLogout(confirming)}
      >
        {confirming?.now ? (
          <p>The call is cut off at once. Only do this when the call must end.</p>
        ) : (
          <>
            <p>Their desk phones go back to their desks at once. They can check in again anywhere.</p>
            {confirmingOnCall > 0 && (
              <p>
                {confirmingOnCall === 1 ? 'One of them is' : `${confirmingOnCall} of them are`} on a call: logged out as
                soon as the call ends.
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
      <CheckinSomeoneDialog desk={checkingIn} onClose={() => setCheckingIn(null)} onDone={setCheckedIn} />
    </div>
  );
}
