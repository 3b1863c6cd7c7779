import { useSearchParams } from 'react-router';
import type { Floor, Zone } from '../../../../contract/floors.ts';
import { SearchField } from '../../../components/search-field.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { useT } from '../../../i18n/use-t.ts';
import type { StateFilter } from './phone-cell.tsx';

/** What the board shows: a search, a floor and a zone ('' for all), and a state. */
export interface BoardFilters {
  query: string;
  floor: string;
  zone: string;
  state: StateFilter;
}

const STATES: readonly StateFilter[] = ['all', 'occupied', 'free', 'offline'];

export type BoardSortKey = 'desk' | 'floor' | 'occupant' | 'since' | 'phone';
const SORT_KEYS: readonly BoardSortKey[] = ['desk', 'floor', 'occupant', 'since', 'phone'];

export interface BoardSort {
  key: BoardSortKey;
  ascending: boolean;
}

/**
 * The board's filters and sort order in the page's address (`?q=…&floor=…&zone=…&state=…&sort=-since`), so that a
 * view can be shared as a link and the back button returns to the one before. Typing in the search replaces the
 * address's entry rather than adding one per keystroke; an unknown value reads as no filter.
 */
export function useBoardView() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') as StateFilter | null;
  const filters: BoardFilters = {
    query: params.get('q') ?? '',
    floor: params.get('floor') ?? '',
    zone: params.get('zone') ?? '',
    state: state !== null && STATES.includes(state) ? state : 'all',
  };
  const sortParam = params.get('sort') ?? '';
  const sortKey = sortParam.replace(/^-/, '') as BoardSortKey;
  const sort: BoardSort = SORT_KEYS.includes(sortKey)
    ? { key: sortKey, ascending: !sortParam.startsWith('-') }
    : { key: 'desk', ascending: true };
  const update = (changes: Record<string, string | null>, replace: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      },
      { replace },
    );
  const setFilters = (next: BoardFilters) =>
    update(
      {
        q: next.query === '' ? null : next.query,
        floor: next.floor === '' ? null : next.floor,
        zone: next.zone === '' ? null : next.zone,
        state: next.state === 'all' ? null : next.state,
      },
      next.query !== filters.query,
    );
  const setSort = (next: BoardSort) =>
    update({ sort: next.key === 'desk' && next.ascending ? null : `${next.ascending ? '' : '-'}${next.key}` }, false);
  return { filters, setFilters, sort, setSort };
}

/** The board's filters above its table; a floor chosen clears the zone, and the count of what is shown. */
export function BoardFilterBar({
  filters,
  onChange,
  floors,
  zones,
  count,
}: {
  filters: BoardFilters;
  onChange: (next: BoardFilters) => void;
  floors: readonly Floor[];
  zones: readonly Zone[];
  count: string;
}) {
  const t = useT();
  const floorNames = new Map(floors.map((floor) => [floor.id, floor.name]));
  return (
    <div className="table-toolbar">
      <SearchField
        id="occupancy-search"
        label={t('board.search')}
        placeholder={t('board.searchPlaceholder')}
        value={filters.query}
        onChange={(query) => onChange({ ...filters, query })}
      />
      <div className="field field-inline">
        <label htmlFor="occupancy-floor">{t('board.floor')}</label>
        <select
          id="occupancy-floor"
          value={filters.floor}
          onChange={(event) => onChange({ ...filters, floor: event.target.value, zone: '' })}
        >
          <option value="">{t('board.allFloors')}</option>
          {floors.map((floor) => (
            <option key={floor.id} value={floor.id}>
              {floor.name}
            </option>
          ))}
        </select>
      </div>
      {zones.some((zone) => filters.floor === '' || zone.floorId === filters.floor) && (
        <div className="field field-inline">
          <label htmlFor="occupancy-zone">{t('board.zone')}</label>
          <select
            id="occupancy-zone"
            value={filters.zone}
            onChange={(event) => onChange({ ...filters, zone: event.target.value })}
          >
            <option value="">{t('board.allZones')}</option>
            {zones
              .filter((zone) => filters.floor === '' || zone.floorId === filters.floor)
              .map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {filters.floor === '' ? `${floorNames.get(zone.floorId) ?? ''} · ${zone.name}` : zone.name}
                </option>
              ))}
          </select>
        </div>
      )}
      <SelectField<StateFilter>
        id="occupancy-state"
        label={t('board.show')}
        value={filters.state}
        options={[
          { value: 'all', label: t('board.showAll') },
          { value: 'occupied', label: t('board.showOccupied') },
          { value: 'free', label: t('board.showFree') },
          { value: 'offline', label: t('board.showOffline') },
        ]}
        onChange={(state) => onChange({ ...filters, state })}
      />
      <p className="table-count" role="status">
        {count}
      </p>
    </div>
  );
}
