// One start-up path for a fresh install, a browser start and a wake-up of the worker: rebuild
// everything the browser holds (rules, badge, alarm) from storage. Listeners await `ready`.
import { syncAllowedSites } from './allowed-sites';
import { settleInterrupted } from './group-actions';
import { reconcile } from './reconcile';
import { forgetLostUnstructuredKey } from './unstructured-workspaces';
import { keepRefreshing } from './refresh-alarm';
import { account } from '../shared/storage';
import { startWith } from './lifecycle';
import { onRequest } from './requests';
import { done } from '../shared/reply';

export async function startUp(): Promise<void> {
  // Permissions may have changed while no worker ran (e.g. revoked in the browser's settings);
  // syncAllowedSites also rebuilds the rules, badge and menu. The rules first, before any
  // listener runs: a worker stopped between storing a choice and applying it left them behind.
  // If the rules are refused even then, start-up fails (logged, shown, tried again).
  await syncAllowedSites().catch(() => reconcile());
  await keepRefreshing((await account.get()) !== null);
  await forgetLostUnstructuredKey();
}

/** Work that needs the network: run after start-up, so switching never waits for a server. */
export async function afterStartUp(): Promise<void> {
  await settleInterrupted();
}

export function setUpStartUp(): void {
  // Interrupted actions are settled after the first start-up that succeeds.
  void startWith(startUp, afterStartUp).catch(() => undefined);
  // A page that opens asks this first: it wakes a stopped worker, whose start-up reconciles.
  onRequest('startUp', async () => done);
}
