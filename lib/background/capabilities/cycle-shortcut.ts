// The shortcut that cycles: admin → each accepted sub workspace in popup order (favourites first) → admin.
import { actAs } from './act-as';
import { serialQueue } from '../worker/queue';
import { COMMANDS } from '../../common/commands';
import type { Reply } from '../../common/reply';
import { actingAs, group, workspaceLooks } from '../../common/storage';
import { displayName, type Member, type Target, type WorkspaceLooks } from '../../common/model';
import { oneMembershipEach } from '../../common/memberships';
import { favouritesFirst } from '../../common/workspace-looks';
import { browser } from 'wxt/browser';
import { whenReady } from '../worker/start-up-gate';
import { tellIfNotApplied } from './notices';

export type Direction = 'next' | 'previous';

/**
 * The workspace after (or before) `current`; null is the admin workspace. Pending and rejected
 * are skipped, and so is a workspace's older membership next to the accepted one. Favourites
 * come first.
 */
export function cycleTarget(
  current: string | null,
  members: Member[],
  direction: Direction,
  looks: WorkspaceLooks = {},
): Target | null {
  const accepted = favouritesFirst(
    oneMembershipEach(members).filter((m) => m.status === 'accepted'),
    looks,
    (m) => m.workspaceId,
  );
  const ring: (Target | null)[] = [
    null,
    ...accepted.map((m) => ({ workspaceId: m.workspaceId, name: displayName(m) })),
  ];
  const at = Math.max(
    0,
    ring.findIndex((t) => (t === null ? null : t.workspaceId) === current),
  );
  const step = direction === 'next' ? 1 : -1;
  return ring[(at + step + ring.length) % ring.length] ?? null;
}

export function directionOf(command: string): Direction | null {
  if (command === COMMANDS.next) return 'next';
  if (command === COMMANDS.previous) return 'previous';
  return null;
}

const presses = serialQueue();

/**
 * One press, one step. Presses are queued so that each starts from where the last one ended:
 * ten quick presses are ten steps, and the rules end matching the last.
 */
export function cycle(direction: Direction): Promise<Reply> {
  return presses(async () => {
    const [current, { members }, looks] = await Promise.all([actingAs.get(), group.get(), workspaceLooks.get()]);
    const target = cycleTarget(current?.workspaceId ?? null, members, direction, looks);
    return actAs(target?.workspaceId ?? null);
  });
}

export function setUpCycleShortcut(): void {
  browser.commands.onCommand.addListener((command) => {
    const direction = directionOf(command);
    if (direction) whenReady('cycle shortcut', () => cycle(direction), tellIfNotApplied);
  });
}
