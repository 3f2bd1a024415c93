// The journal of group changes (see `operations` in storage.ts).
import { operations, type Operation } from './storage';

/** Settled entries are kept briefly so a popup opened later still shows how they ended. */
const KEEP_SETTLED_MS = 10 * 60_000;

let writes: Promise<unknown> = Promise.resolve();
/** Serialised read-modify-write, so two actions at once do not overwrite each other's entry. */
function update(change: (list: Operation[]) => Operation[]): Promise<void> {
  const run = writes.then(async () => {
    const now = Date.now();
    const list = (await operations.get()).filter((op) => op.state === 'running' || now - op.at < KEEP_SETTLED_MS);
    await operations.set(change(list));
  });
  writes = run.catch(() => undefined);
  return run;
}

export async function begin(op: Omit<Operation, 'id' | 'state' | 'at'>): Promise<Operation> {
  const entry: Operation = { ...op, id: crypto.randomUUID(), state: 'running', at: Date.now() };
  await update((list) => [...list, entry]);
  return entry;
}

export function settle(id: string, state: 'done' | 'failed', message?: string): Promise<void> {
  return update((list) => list.map((op) => (op.id === id ? { ...op, state, message, at: Date.now() } : op)));
}

export function dismiss(id: string): Promise<void> {
  return update((list) => list.filter((op) => op.id !== id));
}

export async function running(): Promise<Operation[]> {
  return (await operations.get()).filter((op) => op.state === 'running');
}
