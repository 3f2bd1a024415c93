import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Rows beyond the visible ones rendered above and below, so scrolling never shows a gap. */
const OVERSCAN = 6;

/**
 * Which rows of a fixed-height list are in view of a scrolling element. Rows are all the same
 * height, so this is arithmetic on scrollTop: no measuring, no dependency.
 */
export function useVirtualList(count: number, rowHeight: number, viewport: number) {
  const scroller: RefObject<HTMLDivElement | null> = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => setScrollTop(element.scrollTop);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  /** Scrolls just enough to show row `index`. */
  const reveal = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (!element) return;
      const top = index * rowHeight;
      // The list shrinks to fit the popup, so its height can be fractional; clientHeight rounds it,
      // which would leave the last row a fraction of a pixel cut off. Measure the real inner height.
      const borders = element.offsetHeight - element.clientHeight;
      const inner = (element.getBoundingClientRect().height || element.clientHeight + borders) - borders;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + inner) element.scrollTop = Math.ceil(top + rowHeight - inner);
    },
    [rowHeight],
  );
  // One pixel more than the rows: the browser's scroll range is whole pixels of a rounded
  // clientHeight, so without it the last row could never come wholly into a fractional-height list.
  return { scroller, first, last, totalHeight: count * rowHeight + 1, reveal };
}
