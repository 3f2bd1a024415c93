// Keyboard use of the popup's list, as a pure function: the search box keeps the focus, and the
// arrow keys move a highlight over the (virtualised, never focused) rows.
export type ListKeyOutcome =
  | { kind: 'move'; to: number }
  | { kind: 'choose'; index: number }
  | { kind: 'clear-search' }
  | { kind: 'close' }
  | { kind: 'none' };

export function listKey(key: string, highlighted: number, count: number, hasQuery: boolean): ListKeyOutcome {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const step = key === 'ArrowDown' ? 1 : -1;
      return { kind: 'move', to: Math.min(Math.max(highlighted + step, 0), Math.max(count - 1, 0)) };
    }
    case 'Enter':
      return count > 0 ? { kind: 'choose', index: highlighted } : { kind: 'none' };
    // Escape clears the search first, and only then closes the popup.
    case 'Escape':
      return hasQuery ? { kind: 'clear-search' } : { kind: 'close' };
    default:
      return { kind: 'none' };
  }
}
