// The last search, kept briefly so reopening the popup a moment later continues where it was.
// It is the popup's own view state, so it lives in the page's localStorage, not in the
// extension's state.
const KEY = 'lastSearch';
const KEEP_MS = 2 * 60_000;

export function recallSearch(now = Date.now()): string {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { text?: unknown; at?: unknown } | null;
    return saved && typeof saved.text === 'string' && typeof saved.at === 'number' && now - saved.at < KEEP_MS
      ? saved.text
      : '';
  } catch {
    return '';
  }
}

export function rememberSearch(text: string, now = Date.now()): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ text, at: now }));
  } catch {
    // Storage full or disabled: forgetting a search is harmless.
  }
}
