// The journal of group changes in flight (see `operations` in storage.ts).
import { operations } from '../shared/storage';
import { type Operation } from '../shared/model';
import { serialQueue } from './queue';

/** Serialised read-modify-write, so two actions at once do not overwrite each other's entry. */
const writes = serialQueue();
const update = (change: (list: Operation[]) => Operation[]): Promise<void> =>
  writes(async () => operations.set(change(await operations.get())));

export async function begin(op: Omit<Operation, 'id' | 'at' | 'state' | 'cause'>): Promise<Operation> {
  const entry: Operation = { ...op, id: crypto.randomUUID(), at: Date.now(), state: 'sending' };
  await update((list) => [...list, entry]);
  return entry;
}

/** The action is over (done or failed, and the user told): its entry goes. */
export function end(id: string): Promise<void> {
  return update((list) => list.filter((op) => op.id !== id));
}

/** Entries left when a worker starts belong to one that was stopped mid-action. */
export const interrupted = (): Promise<Operation[]> => operations.get();
