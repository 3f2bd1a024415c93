// The background refreshes, while a key is connected and not otherwise: the group (picking up
// accepted and rejected invitations) and the glance (each sub workspace's figures).
import { browser } from 'wxt/browser';

export const REFRESH_ALARM = 'refresh-group';
/** Often enough to notice an accepted invitation soon, rarely enough to cost nothing. */
export const REFRESH_MINUTES = 5;

export const GLANCE_ALARM = 'refresh-glance';
/**
 * A 1,000-workspace glance takes over ten minutes at its pace (glance.ts; an alarm during a run
 * joins it). The first comes one period after connecting (Refresh glance does it sooner).
 */
export const GLANCE_MINUTES = 15;

export async function keepRefreshing(on: boolean): Promise<void> {
  const [alarm, glance] = await Promise.all([browser.alarms.get(REFRESH_ALARM), browser.alarms.get(GLANCE_ALARM)]);
  if (on && !alarm) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  if (on && !glance) await browser.alarms.create(GLANCE_ALARM, { periodInMinutes: GLANCE_MINUTES });
  if (!on && alarm) await browser.alarms.clear(REFRESH_ALARM);
  if (!on && glance) await browser.alarms.clear(GLANCE_ALARM);
}

/** A sync soon after an action whose outcome is unknown, to settle it (operations.ts). */
export const SETTLE_ALARM = 'settle-unknown';

/** Half a minute: the shortest alarm delay browsers keep to, and time for a struggling server. */
export async function checkSoon(): Promise<void> {
  await browser.alarms.create(SETTLE_ALARM, { delayInMinutes: 0.5 });
}
