import { SortHeader } from '../../../components/sort-header.tsx';
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { Desk } from '../../../../contract/desks.ts';
import type { Floor } from '../../../../contract/floors.ts';
import type { Site } from '../../../../contract/sites.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { foldForSearch, matchesWords, searchWords } from '../../../../contract/search.ts';
import { LABELS_BY_ID_MAX, LabelsLink } from '../../../components/labels-link.tsx';
import { SearchField } from '../../../components/search-field.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { sortNaturally } from '../../../lib/natural-sort.ts';
import { useT } from '../../../i18n/use-t.ts';
import { VirtualGrid } from '../../../components/virtual-grid.tsx';

type SortKey = 'name' | 'mac' | 'computerNames' | 'floor' | 'enabled';

interface DeskTableProps {
  desks: Desk[];
  floors: Floor[];
  /** For the dispatchable location (site address, floor, desk). */
  sites: Site[];
  canEdit: boolean;
  onEdit: (desk: Desk) => void;
  onDelete: (desk: Desk) => void;
  /** Rows chosen for a change to many desks (for those who may edit), and the bar that acts on them. */
  selection?:
    | {
        selected: ReadonlySet<string>;
        onSelect: (ids: readonly string[], selected: boolean) => void;
        bar: ReactNode;
      }
    | undefined;
}

const ROW_HEIGHT = 44;

/** What a desk can be found by: its name and computer names (accents, case and word order aside), its MAC. */
const searchTextOf = (desk: Desk): string => foldForSearch([desk.name, ...desk.computerNames, desk.mac].join(' '));

/** The whole desk table, virtualised: only the rows in view are in the DOM, so 20,000 desks scroll smoothly. */
export function DeskTable({ desks, floors, sites, canEdit, onEdit, onDelete, selection }: DeskTableProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [floorFilter, setFloorFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const deferredQuery = useDeferredValue(query);
  const floorNames = useMemo(() => new Map(floors.map((floor) => [floor.id, floor.name])), [floors]);
  /** Floor id → the site address in front of the floor's name, where the floor's site has an address. */
  const floorPlaces = useMemo(() => {
    const addresses = new Map(sites.filter((site) => site.address !== '').map((site) => [site.id, site.address]));
    return new Map(
      floors.flatMap((floor) => {
        const address = floor.siteId ? addresses.get(floor.siteId) : undefined;
        return address ? [[floor.id, `${address}, ${floor.name}`] as const] : [];
      }),
    );
  }, [floors, sites]);

  const searchText = useMemo(() => new Map(desks.map((desk) => [desk.id, searchTextOf(desk)])), [desks]);
  const rows = useMemo(() => {
    const words = searchWords(deferredQuery);
    const value = (desk: Desk): string | number => {
      switch (sort.key) {
        case 'name':
          return desk.name;
        case 'mac':
          return desk.mac;
        case 'computerNames':
          return desk.computerNames.join(', ');
        case 'floor':
          return desk.floorId ? (floorNames.get(desk.floorId) ?? '') : '';
        case 'enabled':
          return desk.enabled ? 1 : 0;
      }
    };
    const filtered = desks.filter(
      (desk) =>
        (words.length === 0 || matchesWords(words, searchText.get(desk.id) ?? '')) &&
        (floorFilter === '' || (floorFilter === 'none' ? desk.floorId === null : desk.floorId === floorFilter)),
    );
    return sortNaturally(filtered, value, sort.ascending);
  }, [desks, searchText, deferredQuery, floorFilter, sort, floorNames]);

  const shownSelected = selection ? rows.filter((desk) => selection.selected.has(desk.id)).length : 0;
  const header = (key: SortKey, label: string) => (
    <SortHeader column={key} label={label} sort={sort} onSort={setSort} />
  );

  return (
    <div className="panel desk-table">
      <div className="table-toolbar">
        <SearchField
          id="desk-search"
          label={t('board.search')}
          placeholder={t('deskTable.searchPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <SelectField
          id="desk-floor-filter"
          label={t('board.floor')}
          value={floorFilter}
          options={[
            { value: '', label: t('board.allFloors') },
            { value: 'none', label: t('deskTable.noFloor') },
            ...floors.map((floor) => ({ value: floor.id, label: floor.name })),
          ]}
          onChange={setFloorFilter}
        />
        {floorFilter !== '' && floorFilter !== 'none' && query.trim() === '' ? (
          <LabelsLink floorId={floorFilter} label={t('floors.labels')} />
        ) : (
          rows.length > 0 &&
          rows.length <= LABELS_BY_ID_MAX && (
            <LabelsLink
              deskIds={rows.map((desk) => desk.id)}
              label={t('deskTable.labelsCount', { count: rows.length })}
            />
          )
        )}
        <p className="table-count" role="status">
          {rows.length === desks.length
            ? t('deskTable.count', { count: desks.length })
            : t('deskTable.countOf', { shown: rows.length, count: desks.length })}
        </p>
      </div>
      {selection?.bar}
      <VirtualGrid
        label={t('deskTable.label')}
        className={`desk-grid${selection ? ' selectable' : ''}`}
        rows={rows}
        rowKey={(desk) => desk.id}
        rowHeight={ROW_HEIGHT}
        empty={desks.length === 0 ? t('deskTable.none') : t('deskTable.noMatch')}
        head={
          <>
            {selection && (
              <div role="columnheader" className="grid-cell">
                <input
                  type="checkbox"
                  aria-label={t('deskTable.selectShown', { count: rows.length })}
                  checked={rows.length > 0 && shownSelected === rows.length}
                  ref={(box) => {
                    if (box) box.indeterminate = shownSelected > 0 && shownSelected < rows.length;
                  }}
                  disabled={rows.length === 0}
                  onChange={(event) =>
                    selection.onSelect(
                      rows.map((desk) => desk.id),
                      event.target.checked,
                    )
                  }
                />
              </div>
            )}
            {header('name', t('board.desk'))}
            {header('mac', t('deskTable.mac'))}
            {header('computerNames', t('deskTable.computers'))}
            {header('floor', t('board.floor'))}
            <div role="columnheader" className="grid-cell">
              {t('deskTable.location')}
            </div>
            {header('enabled', t('deskTable.checkin'))}
            <div role="columnheader" className="grid-cell">
              <span className="visually-hidden">{t('board.actions')}</span>
            </div>
          </>
        }
        cells={(desk) => {
          return (
            <>
              {selection && (
                <div role="cell" className="grid-cell">
                  <input
                    type="checkbox"
                    aria-label={t('board.selectDesk', { desk: desk.name })}
                    checked={selection.selected.has(desk.id)}
                    onChange={(event) => selection.onSelect([desk.id], event.target.checked)}
                  />
                </div>
              )}
              <div role="cell" className="grid-cell cell-strong">
                {desk.name}
              </div>
              <div role="cell" className="grid-cell mono">
                {formatMac(desk.mac)}
              </div>
              <div role="cell" className="grid-cell truncate" title={desk.computerNames.join(', ')}>
                {desk.computerNames.join(', ') || <span className="muted">—</span>}
              </div>
              <div role="cell" className="grid-cell">
                {desk.floorId ? (
                  (floorNames.get(desk.floorId) ?? '')
                ) : (
                  <span className="muted">{t('deskTable.notPlaced')}</span>
                )}
              </div>
              <DispatchableLocation place={desk.floorId ? floorPlaces.get(desk.floorId) : undefined} desk={desk} />
              <div role="cell" className="grid-cell">
                {desk.enabled ? (
                  t('deskTable.open')
                ) : (
                  <span className="badge badge-refused">{t('deskTable.closed')}</span>
                )}
              </div>
              <div role="cell" className="grid-cell cell-actions">
                {canEdit && (
                  <>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => onEdit(desk)}
                      aria-label={t('deskTable.editLabel', { desk: desk.name })}
                    >
                      {t('deskTable.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet-danger"
                      onClick={() => onDelete(desk)}
                      aria-label={t('deskTable.deleteLabel', { desk: desk.name })}
                    >
                      {t('deskTable.delete')}
                    </button>
                  </>
                )}
              </div>
            </>
          );
        }}
      />
    </div>
  );
}

/** Where emergency services are sent for this desk; "none" when its floor has no site with an address. */
function DispatchableLocation({ place, desk }: { place: string | undefined; desk: Desk }) {
  const t = useT();
  const location = place === undefined ? null : t('deskTable.place', { place, desk: desk.name });
  return (
    <div role="cell" className="grid-cell truncate" title={location ?? undefined}>
      {location ?? <span className="muted">{t('deskTable.noLocation')}</span>}
    </div>
  );
}
