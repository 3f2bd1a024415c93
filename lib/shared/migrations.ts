// Migrations of stored items, one function per version step (see StoredItemOptions.migrations).
// Each may meet anything, a corrupt blob included: it changes only what it recognises.

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
