import type { ReactNode } from 'react';

interface Props {
  /** Names the region for screen readers, e.g. "Retention table". */
  label: string;
  className?: string;
  children: ReactNode;
}

/**
 * A horizontally scrolling wrapper for wide tables. It takes keyboard focus so people who do
 * not use a mouse can scroll it with the arrow keys (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, className = 'table-wrap', children }: Props) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
    <section className={className} tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
