// One start-up path for a fresh install, a browser start and a wake-up of the worker: rebuild
// everything the browser holds (rules, badge, alarm) from storage. Listeners await `ready`.
import { browser } from 'wxt/browser';
import { grantedOrigins } from './allowed-sites';
import { settleInterrupted } from './group-actions';
import { reconcile } from './reconcile';
import { forgetLostUnstructuredKey } from './unstructured/workspaces';
import { allowedSites } from './storage';

export const REFRESH_ALARM = 'refresh-group';
/** Often enough to notice an accepted invitation soon, rarely enough to cost nothing. */
export const REFRESH_MINUTES = 5;

export async function startUp(): Promise<void> {
  // Permissions may have changed while no worker ran (e.g. revoked in the browser's settings).
  await allowedSites.set(await grantedOrigins().catch(() => []));
  await reconcile();
  const alarm = await browser.alarms.get(REFRESH_ALARM);
  if (!alarm) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  await forgetLostUnstructuredKey();
}

/** Work that needs the network: run after start-up, so switching never waits for a server. */
export async function afterStartUp(): Promise<void> {
  await settleInterrupted();
}
