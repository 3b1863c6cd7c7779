import type { ReactNode } from 'react';

/**
 * A block that scrolls sideways where it is wider than the page (a long table, German headers): a named region
 * in the tab order, so that a keyboard can scroll it too.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
