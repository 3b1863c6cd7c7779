import { Link } from 'react-router';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Floor } from '../../../../contract/floors.ts';
import type { DeskOccupancy } from '../../../../contract/occupancy.ts';
import { foldForSearch, matchesWords, searchWords } from '../../../../contract/search.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { SortHeader } from '../../../components/sort-header.tsx';
import { VirtualGrid } from '../../../components/virtual-grid.tsx';
import { formatDateTime, formatTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { methodLabels } from '../../../lib/method-labels.ts';
import { sortNaturally } from '../../../lib/natural-sort.ts';
import { useAllZones, useForceLogout, useOccupancy } from '../api/occupancy.ts';
import { BoardFilterBar, useBoardView, type BoardSortKey } from './board-filters.tsx';
import { BoardNotices, summarise, type LogoutSummary } from './board-notices.tsx';
import { CheckinSomeoneDialog } from './checkin-someone-dialog.tsx';
import { LogoutDialog, type LogoutRequest } from './logout-dialog.tsx';
import { matchesState, PhoneCell, rowStatusOf, type RowStatus } from './phone-cell.tsx';

const ROW_HEIGHT = 46;

/** Everything a row can be found by, folded once per answer: desk, person, extension, computers, MAC. */
const searchTextOf = (row: DeskOccupancy): string =>
  foldForSearch(
    [
      row.deskName,
      row.occupant?.displayName ?? '',
      row.occupant?.name ?? '',
      row.occupant?.extension ?? '',
      ...row.computerNames,
      row.mac,
    ].join(' '),
  );

const phoneOrder = (row: DeskOccupancy): string => (row.occupant === null ? 'c' : row.phoneRegistered ? 'a' : 'b');

/** Who is on which phone right now: one virtualised table, live, with force logout for helpdesk and admins. */
export function OccupancyBoard({
  floors,
  canLogout,
  bookings = new Map(),
}: {
  floors: Floor[];
  canLogout: boolean;
  /** Free desks booked for now or the next hours: said in the occupant's cell (given by the page). */
  bookings?: ReadonlyMap<string, { person: string | null; start: string; end: string }>;
}) {
  const t = useT();
  const occupancy = useOccupancy();
  const logout = useForceLogout();
  const freeText = (row: DeskOccupancy) => {
    const booking = bookings.get(row.deskId);
    return booking
      ? t('board.freeBooked', {
          name: booking.person ?? '',
          from: formatTime(booking.start),
          to: formatTime(booking.end),
        })
      : row.bookable
        ? t('board.free')
        : t('board.freeWalkIn');
  };
  const { filters, setFilters, sort, setSort } = useBoardView();
  const { query, floor: floorFilter, zone: zoneFilter, state: stateFilter } = filters;
  const zones = useAllZones();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** Rows a logout touched stay in view with their outcome until the filters change. */
  const [statuses, setStatuses] = useState<ReadonlyMap<string, RowStatus>>(new Map());
  const [summary, setSummary] = useState<LogoutSummary | null>(null);
  /** The desks to log out; `now`: the second confirmation, people on a call are logged out at once. */
  const [confirming, setConfirming] = useState<LogoutRequest | null>(null);
  /** The free desk someone is being checked in at, and what the last such check-in did. */
  const [checkingIn, setCheckingIn] = useState<{ id: string; name: string } | null>(null);
  const [checkedIn, setCheckedIn] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query);
  const floorNames = useMemo(() => new Map(floors.map((floor) => [floor.id, floor.name])), [floors]);

  // Sorted and indexed for search once per answer and sort order; a keystroke only filters (see BENCHMARKS.md).
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
          return phoneOrder(row);
      }
    };
    return sortNaturally(occupancy.data?.desks ?? [], value, sort.ascending);
  }, [occupancy.data, sort.key, sort.ascending, floorNames]);
  const searchText = useMemo(
    () => new Map((occupancy.data?.desks ?? []).map((row) => [row.deskId, searchTextOf(row)])),
    [occupancy.data],
  );
  const rows = useMemo(() => {
    const words = searchWords(deferredQuery);
    return sorted.filter(
      (row) =>
        statuses.has(row.deskId) ||
        ((floorFilter === '' || row.floorId === floorFilter) &&
          (zoneFilter === '' || row.zoneId === zoneFilter) &&
          matchesState(row, stateFilter) &&
          (words.length === 0 || matchesWords(words, searchText.get(row.deskId) ?? ''))),
    );
  }, [sorted, searchText, deferredQuery, floorFilter, zoneFilter, stateFilter, statuses]);

  if (occupancy.isPending) return <LoadingPanel label={t('board.loading')} />;
  if (occupancy.isError) return <ErrorPanel error={occupancy.error} onRetry={() => void occupancy.refetch()} />;
  if (occupancy.data.desks.length === 0) {
    return (
      <EmptyState title={t('board.emptyTitle')}>
        <p>{t('board.emptyBody')}</p>
      </EmptyState>
    );
  }

  /** The person changed what they look at: the outcomes of the last logout have been seen. */
  const moveOn = () => {
    if (statuses.size > 0 && !logout.isPending) setStatuses(new Map());
    setSummary(null);
  };
  const occupiedShown = rows.filter((row) => row.occupant && !row.emergency).map((row) => row.deskId);
  const byId = new Map(occupancy.data.desks.map((row) => [row.deskId, row]));
  const toggle = (deskId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(deskId)) next.delete(deskId);
      else next.add(deskId);
      return next;
    });
  const startLogout = ({ deskIds, now, note }: LogoutRequest & { note: string }) => {
    setConfirming(null);
    setSummary(null);
    setStatuses((current) => new Map([...current, ...deskIds.map((id) => [id, { kind: 'pending' }] as const)]));
    const names = new Map(deskIds.map((id) => [id, byId.get(id)?.deskName ?? id]));
    logout.mutate(
      { deskIds, evenDuringCall: now, note },
      {
        onSuccess: (response) => {
          setStatuses((current) => {
            const next = new Map(current);
            for (const result of response.results) next.set(result.deskId, rowStatusOf(result));
            return next;
          });
          setSummary(summarise(t, response, names));
          setSelected(new Set());
        },
        onError: (error) => {
          setStatuses(
            (current) =>
              new Map([...current, ...deskIds.map((id) => [id, { kind: 'failed', message: error.message }] as const)]),
          );
          setSummary({
            total: deskIds.length,
            done: 0,
            deferred: 0,
            failed: deskIds.map((id) => ({ deskName: names.get(id) ?? id, message: error.message })),
          });
        },
      },
    );
  };

  const header = (key: BoardSortKey, label: string) => (
    <SortHeader column={key} label={label} sort={sort} onSort={setSort} />
  );

  return (
    <div className="panel occupancy-board">
      <BoardNotices
        pbxDownSince={occupancy.data.pbxDownSince}
        complete={occupancy.data.complete}
        checkedIn={checkedIn}
        summary={summary}
      />
      <BoardFilterBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          moveOn();
        }}
        floors={floors}
        zones={zones.data ?? []}
        count={t('board.count', { desks: rows.length, occupied: occupiedShown.length })}
      />
      {canLogout && (
        <div className="bulk-bar">
          <button
            type="button"
            className="button button-small"
            disabled={selected.size === 0}
            onClick={() => setConfirming({ deskIds: [...selected], now: false })}
          >
            {t('board.logoutSelected', { count: selected.size })}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={occupiedShown.length === 0}
            onClick={() => setConfirming({ deskIds: occupiedShown, now: false })}
          >
            {t('board.logoutShown', { count: occupiedShown.length })}
          </button>
        </div>
      )}
      <VirtualGrid
        label={t('nav.occupancy')}
        className="occupancy-grid"
        rows={rows}
        rowKey={(row) => row.deskId}
        rowHeight={ROW_HEIGHT}
        empty={t('board.noMatch')}
        head={
          <>
            <div role="columnheader" className="grid-cell">
              <span className="visually-hidden">{t('board.select')}</span>
            </div>
            {header('desk', t('board.desk'))}
            {header('floor', t('board.floor'))}
            {header('occupant', t('board.occupant'))}
            {header('since', t('board.since'))}
            <div role="columnheader" className="grid-cell cell-wrap">
              {t('board.how')}
            </div>
            {header('phone', t('board.phone'))}
            <div role="columnheader" className="grid-cell">
              <span className="visually-hidden">{t('board.actions')}</span>
            </div>
          </>
        }
        cells={(row) => {
          const status = statuses.get(row.deskId);
          return (
            <>
              <div role="cell" className="grid-cell">
                {canLogout && row.occupant && (
                  <input
                    type="checkbox"
                    aria-label={t('board.selectDesk', { desk: row.deskName })}
                    checked={selected.has(row.deskId)}
                    onChange={() => toggle(row.deskId)}
                  />
                )}
              </div>
              <div role="cell" className="grid-cell cell-strong">
                {row.floorId ? (
                  <Link
                    to={`/desks/map?floor=${row.floorId}&desk=${row.deskId}`}
                    title={t('board.showOnMap', { desk: row.deskName })}
                  >
                    {row.deskName}
                  </Link>
                ) : (
                  row.deskName
                )}
              </div>
              <div role="cell" className="grid-cell">
                {row.floorId ? (floorNames.get(row.floorId) ?? '') : <span className="muted">—</span>}
              </div>
              <div role="cell" className="grid-cell truncate">
                {row.occupant ? (
                  <>
                    {row.occupant.displayName}
                    {row.occupant.extension && <span className="muted"> · {row.occupant.extension}</span>}
                  </>
                ) : (
                  <span className="muted">{freeText(row)}</span>
                )}
              </div>
              <div role="cell" className="grid-cell">
                {row.since ? formatDateTime(row.since) : <span className="muted">—</span>}
              </div>
              <div role="cell" className="grid-cell cell-wrap">
                {row.method ? t(methodLabels[row.method]) : <span className="muted">—</span>}
              </div>
              <div role="cell" className="grid-cell">
                <PhoneCell row={row} stale={occupancy.data.pbxDownSince !== null} />
              </div>
              <div role="cell" className="grid-cell cell-actions">
                {status?.kind === 'pending' ? (
                  <span className="muted" role="status">
                    {t('board.loggingOut')}
                  </span>
                ) : status?.kind === 'failed' ? (
                  <span className="field-error cell-wrap" role="alert" title={status.message ?? undefined}>
                    {status.message ?? t('board.logoutFailed')}
                  </span>
                ) : status?.kind === 'done' && !row.occupant ? (
                  <span className="badge badge-ok">{t('board.loggedOut')}</span>
                ) : canLogout && row.occupant && row.emergency === null && row.logoutDeferred ? (
                  <button
                    type="button"
                    className="button button-small button-quiet-danger"
                    onClick={() => setConfirming({ deskIds: [row.deskId], now: true })}
                    aria-label={t('board.logoutNowLabel', {
                      name: row.occupant.displayName,
                      desk: row.deskName,
                    })}
                  >
                    {t('board.logoutNow')}
                  </button>
                ) : canLogout && row.occupant && row.emergency === null ? (
                  <button
                    type="button"
                    className="button button-small button-quiet-danger"
                    onClick={() => setConfirming({ deskIds: [row.deskId], now: false })}
                    aria-label={t('board.logoutLabel', { name: row.occupant.displayName, desk: row.deskName })}
                  >
                    {t('board.logout')}
                  </button>
                ) : (
                  canLogout &&
                  !row.occupant &&
                  row.enabled && (
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      onClick={() => setCheckingIn({ id: row.deskId, name: row.deskName })}
                      aria-label={t('board.checkinLabel', { desk: row.deskName })}
                    >
                      {t('board.checkin')}
                    </button>
                  )
                )}
              </div>
            </>
          );
        }}
      />
      <LogoutDialog
        request={confirming}
        rows={byId}
        onCancel={() => setConfirming(null)}
        onConfirm={(request, note) => startLogout({ ...request, note })}
      />
      <CheckinSomeoneDialog desk={checkingIn} onClose={() => setCheckingIn(null)} onDone={setCheckedIn} />
    </div>
  );
}
