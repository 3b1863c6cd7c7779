import type { Floor, Zone } from '../../../../contract/desks.ts';
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

export const noBoardFilters: BoardFilters = { query: '', floor: '', zone: '', state: 'all' };

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
