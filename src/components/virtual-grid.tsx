import type { ReactNode } from 'react';
import { useTableRows } from '../lib/use-table-rows.ts';

interface VirtualGridProps<Row> {
  /** The table's name for assistive technology. */
  label: string;
  /** Its class beside `grid-table` (the columns' widths live there). */
  className: string;
  /** A class for the scroll box beside `grid-scroll`. */
  scrollClassName?: string;
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowHeight: number;
  /** The header row's cells (`role="columnheader"`). */
  head: ReactNode;
  /** What the one row says when there are none (nothing: an empty body). */
  empty?: ReactNode;
  /** A row's cells (`role="cell"`). */
  cells: (row: Row, index: number) => ReactNode;
}

/**
 * The console's one table of many rows (the desk table, the occupancy board, the import's changes): an ARIA table
 * of which only the rows in view are in the document, so tens of thousands scroll smoothly, with a fixed header
 * row and each row's index for assistive technology.
 */
export function VirtualGrid<Row>({
  label,
  className,
  scrollClassName,
  rows,
  rowKey,
  rowHeight,
  head,
  empty,
  cells,
}: VirtualGridProps<Row>) {
  const { scrollRef, virtualizer } = useTableRows(rows.length, rowHeight);
  return (
    <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className={`grid-table ${className}`}>
      <div role="rowgroup">
        <div role="row" className="grid-row grid-head" aria-rowindex={1}>
          {head}
        </div>
      </div>
      <div ref={scrollRef} className={`grid-scroll${scrollClassName ? ` ${scrollClassName}` : ''}`} role="rowgroup">
        {rows.length === 0 && empty !== undefined ? (
          <div role="row" className="grid-empty">
            <div role="cell">{empty}</div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              return (
                <div
                  role="row"
                  key={rowKey(row, item.index)}
                  className="grid-row"
                  aria-rowindex={item.index + 2}
                  style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
                >
                  {cells(row, item.index)}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
