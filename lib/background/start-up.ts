// One start-up path for a fresh install, a browser start and a wake-up of the worker: rebuild
// everything the browser holds (rules, badge, alarm) from storage. Listeners await `ready`.
import { syncAllowedSites } from './capabilities/allowed-sites';
import { settleInterrupted } from './capabilities/group/group-actions';
import { markInterrupted } from './capabilities/group/operations';
import { settleInterruptedWrites } from './capabilities/instantly-call';
import { reconcile } from './projection/reconcile';
import { forgetLostUnstructuredKey, forgetOrphanedKeys } from './capabilities/unstructured-keys';
import { keepRefreshing } from './worker/alarms';
import { accounts, allItems } from '../common/storage';
import { moveSingleKeyLayout } from './migrations/single-key-layout';
import { migrateStoredItems } from '../common/stored-item';
import { startWith } from './worker/start-up-gate';
import { onRequest } from './worker/message-router';
import { done } from '../common/reply';

export async function startUp(): Promise<void> {
  // First, before anything reads or writes: values an older version stored are brought up to
  // date (every read also does this in memory; this writes them back, once).
  // The single-key layout's parts that need its workspace's id go first, while it is still there.
  await moveSingleKeyLayout();
  await migrateStoredItems(allItems);
  // Before any request is served, so an action begun now is not taken for an interrupted one.
  await markInterrupted();
  await settleInterruptedWrites();
  // Permissions may have changed while no worker ran (e.g. revoked in the browser's settings);
  // syncAllowedSites also rebuilds the rules, badge and menu. The rules first, before any
  // listener runs: a worker stopped between storing a choice and applying it left them behind.
  // If the rules are refused even then, start-up fails (logged, shown, tried again).
  await syncAllowedSites().catch(() => reconcile());
  await keepRefreshing((await accounts.get()).length > 0);
  await forgetLostUnstructuredKey();
  await forgetOrphanedKeys();
}

/** Work that needs the network: run after start-up, so switching never waits for a server. */
export async function afterStartUp(): Promise<void> {
  await settleInterrupted();
}

export function setUpStartUp(): void {
  // Interrupted actions are settled after the first start-up that succeeds.
  void startWith(startUp, afterStartUp).catch(() => undefined);
  // A page that opens asks this first: it wakes a stopped worker, whose start-up reconciles.
  onRequest('startUp', () => Promise.resolve(done));
}
