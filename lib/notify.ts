// Telling the user about something that happened in the background: always in the popup (the
// stored notice), and as a system notification too when they allowed notifications.
import { browser } from 'wxt/browser';
import { browserPermissions, type PermissionsApi } from './permissions';
import { notice } from './storage';

export async function tell(
  text: string,
  options: { notify?: boolean } = {},
  permissions: PermissionsApi = browserPermissions,
): Promise<void> {
  await notice.set({ text, at: Date.now() });
  if (!options.notify) return;
  const allowed = await permissions.contains({ permissions: ['notifications'] }).catch(() => false);
  if (!allowed) return;
  await browser.notifications
    .create({ type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: 'Workspace Switcher', message: text })
    .catch(() => undefined);
}
