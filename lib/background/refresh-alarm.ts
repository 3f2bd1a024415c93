// The background refresh that picks up accepted and rejected invitations: an alarm that runs
// while a key is connected, and not otherwise.
import { browser } from 'wxt/browser';

export const REFRESH_ALARM = 'refresh-group';
/** Often enough to notice an accepted invitation soon, rarely enough to cost nothing. */
export const REFRESH_MINUTES = 5;

export async function keepRefreshing(on: boolean): Promise<void> {
  const alarm = await browser.alarms.get(REFRESH_ALARM);
  if (on && !alarm) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  if (!on && alarm) await browser.alarms.clear(REFRESH_ALARM);
}

/** A sync soon after an action whose outcome is unknown, to settle it (operations.ts). */
export const SETTLE_ALARM = 'settle-unknown';

/** Half a minute: the shortest alarm delay browsers keep to, and time for a struggling server. */
export async function checkSoon(): Promise<void> {
  await browser.alarms.create(SETTLE_ALARM, { delayInMinutes: 0.5 });
}
