import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a narrow screen. Keyboard users can reach and scroll it (it is
 * focusable, with a name), which axe's scrollable-region-focusable rule asks of every scrolling region.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
