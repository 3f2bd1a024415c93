// Migrations of stored items, one function per version step (see StoredItemOptions.migrations).
// Each may meet anything, a corrupt blob included: it changes only what it recognises.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * operations v1 → v2: entries gain `state`. A v1 entry was journalled just before its request
 * went out, and is still there only if the worker stopped before it ended: it was 'sending'
 * (start-up then marks it unknown, interrupted, and the next sync settles it).
 */
export function operationsV2(old: unknown): unknown {
  if (!Array.isArray(old)) return old;
  const entries: unknown[] = old;
  return entries.map((op) => (isRecord(op) && !('state' in op) ? { ...op, state: 'sending' } : op));
}

/**
 * account v1 → v2: one connected workspace (or null) becomes the list of connected ones. The
 * rest of the single-key layout (the key's name, the rows' admin) needs the workspace's id
 * across items: background/migrations/single-key-layout.ts moves it at start-up.
 */
export function accountsV2(old: unknown): unknown {
  if (Array.isArray(old)) return old;
  return isRecord(old) ? [old] : [];
}
