import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

/**
 * A virtualised table's rows: only those in view (and a dozen around them) are rendered, so tens of thousands
 * scroll smoothly. `scrollRef` goes on the table's scroll box.
 */
export function useTableRows(count: number, rowHeight: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as its docs show
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // Until the scroll box is measured (and where it cannot be, as in jsdom), assume a typical one.
    initialRect: { width: 1000, height: 600 },
  });
  return { scrollRef, virtualizer };
}
