// Telling the user about something that happened in the background: always in the popup (the
// stored notices, until dismissed), and as a system notification too when they allowed it.
import { browser } from 'wxt/browser';
import { browserPermissions, type PermissionsApi } from '../../common/sites/permissions';
import { done, type Reply } from '../../common/reply';
import { notices } from '../../common/storage';
import type { Notice } from '../../common/model';
import { serialQueue } from '../worker/queue';
import { RULES_NOT_APPLIED, RulesNotApplied } from '../worker/errors';
import { onRequest } from '../worker/message-router';

/** Enough for a burst (several invitations accepted at once) without burying the popup. */
const KEEP = 5;

// A queue of its own: telling the user must not wait behind (or inside) a state change.
const writes = serialQueue();
const update = (change: (list: Notice[]) => Notice[]) => writes(async () => notices.set(change(await notices.get())));

export async function tell(
  text: string,
  options: { notify?: boolean; once?: boolean } = {},
  permissions: PermissionsApi = browserPermissions,
): Promise<void> {
  await update((list) =>
    // once: not again while the latest notice already says it (a burst of failures is one notice).
    options.once && list.at(-1)?.text === text
      ? list
      : [...list, { id: crypto.randomUUID(), text, at: Date.now() }].slice(-KEEP),
  );
  if (!options.notify) return;
  const allowed = await permissions.contains({ permissions: ['notifications'] }).catch(() => false);
  if (!allowed) return;
  await browser.notifications
    .create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'Workspace Switcher',
      message: text,
    })
    .catch(() => undefined);
}

/**
 * For a browser event (a shortcut, a menu click: nobody waits for a reply): a change that was
 * stored but whose rules the browser refused is told in the popup instead of passing silently.
 */
export async function tellIfNotApplied(error: unknown): Promise<void> {
  if (error instanceof RulesNotApplied) await tell(RULES_NOT_APPLIED, { once: true });
}

export async function dismissNotice(id: string): Promise<Reply> {
  await update((list) => list.filter((n) => n.id !== id));
  return done;
}

export const clearNotices = () => update(() => []);

export function setUpNotices(): void {
  onRequest('dismissNotice', (r) => dismissNotice(r.id));
}
