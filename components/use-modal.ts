import { useEffect, type RefObject } from 'react';

/**
 * Opens a <dialog> as modal once it is mounted, puts focus in it, and on closing gives focus back
 * to what opened it — or, when that is gone (a removed row), to the search box.
 */
export function useModal(dialog: RefObject<HTMLDialogElement | null>, firstFocus: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    firstFocus.current?.focus();
    return () => {
      const back = opener?.isConnected ? opener : document.querySelector<HTMLElement>('input[type=search]');
      back?.focus();
    };
    // Once per dialog: the refs are stable.
  }, [dialog, firstFocus]);
}
