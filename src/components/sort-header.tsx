/** A sortable column header of the virtualised tables (role="table" grids), with `aria-sort`. */
export interface SortState<Key extends string> {
  key: Key;
  ascending: boolean;
}

export function SortHeader<Key extends string>({
  column,
  label,
  sort,
  onSort,
}: {
  column: Key;
  label: string;
  sort: SortState<Key>;
  onSort: (next: SortState<Key>) => void;
}) {
  const active = sort.key === column;
  return (
    <div
      role="columnheader"
      className="grid-cell"
      aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key: column, ascending: active ? !sort.ascending : true })}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.ascending ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}
