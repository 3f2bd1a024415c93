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
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight)
        element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [rowHeight],
  );
  return { scroller, first, last, totalHeight: count * rowHeight, reveal };
}
