// The one path from stored state to the browser's state (rules, badge). Every change of state,
// an install, a start-up and a wake-up of the worker run it; runs are serialised, and each reads
// storage afresh, so a burst of changes ends with the browser matching the last one.
import { browser } from 'wxt/browser';
import { serialQueue } from '../worker/queue';
import { showBadges } from './badge';
import { browserDnr, type DnrApi } from '../worker/adapters/dnr';
import { applyRules, rulesFor, type RuleState } from './rules';
import { applyMenu, menuFor, menuStateFor } from './menu';
import {
  accounts,
  actingAs,
  allowedSites,
  group,
  guardedTabs,
  tabActing,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
  workspaceLooks,
} from '../../common/storage';
import { type GuardedTabs, type TabChoices, type Target, type UnstructuredWorkspace } from '../../common/model';
import { guardedTabIds, permittedOrigins } from './guarded-tabs';
import { readAll, type StoredItem } from '../../common/stored-item';
import { unstructuredRuleState } from './unstructured-rule';
import { describe, RulesNotApplied } from '../worker/errors';

export function extensionHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

/**
 * Everything the rules depend on, in one storage read per area (a switch waits for this), and
 * the name of the Unstructured workspace in use for the badge's tooltip, from the same read.
 */
async function readState(): Promise<{ state: RuleState; unstructuredName?: string }> {
  const [everywhere, tabs, guards, ...unstructured] = (await readAll([
    actingAs,
    tabActing,
    guardedTabs,
    unstructuredInUse,
    unstructuredWorkspaces,
    allowedSites,
    unstructuredSites,
  ] as StoredItem<unknown>[])) as [
    Target | null,
    TabChoices,
    GuardedTabs,
    string | null,
    UnstructuredWorkspace[],
    string[],
    string[],
  ];
  const state: RuleState = {
    extensionHost: extensionHost(),
    allowedSites: unstructured[2],
    actingAs: everywhere,
    tabActing: tabs,
    unstructured: await unstructuredRuleState(unstructured),
    guardedTabs: guardedTabIds(guards, permittedOrigins(unstructured[2], unstructured[1])),
  };
  const [inUse, workspaces] = unstructured;
  return { state, unstructuredName: state.unstructured ? workspaces.find((w) => w.id === inUse)?.name : undefined };
}

// Two queues: the rules (what a switch waits for) never wait behind the previous run's badge
// and menu work; the badge and menu follow, in order, from the same state.
const rulesQueue = serialQueue();
const looksQueue = serialQueue();

async function showLooks({ state, unstructuredName }: Awaited<ReturnType<typeof readState>>): Promise<void> {
  const [current, { members }, looks, [active]] = await Promise.all([
    accounts.get(),
    group.get(),
    workspaceLooks.get(),
    browser.tabs.query({ active: true, lastFocusedWindow: true }),
  ]);
  await showBadges(state.actingAs, state.tabActing, unstructuredName, looks);
  // The menu is a convenience: a browser without it must still switch.
  await applyMenu(
    menuFor(menuStateFor(current, members, state.actingAs, state.tabActing, active?.id ?? null, looks)),
  ).catch((error: unknown) => console.warn('Workspace Switcher: context menu not updated:', describe(error)));
}

/** After a failed run, reconcile runs again by itself after these delays (and at every change and wake-up). */
export const RECONCILE_RETRY_MS = [500, 2_000, 10_000, 30_000, 60_000];
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Forgets a pending retry (for tests that end while one waits). */
export function stopRetrying(): void {
  failures = 0;
  clearTimeout(retry);
}

function tryAgainLater(dnr: DnrApi): void {
  const delay = RECONCILE_RETRY_MS[failures];
  failures += 1;
  clearTimeout(retry);
  if (delay !== undefined) retry = setTimeout(() => void reconcile(dnr).catch(() => undefined), delay);
}

/**
 * Brings the rules, then the badge and menu, to the stored state. Resolves once the rules are
 * applied and the badge painted: a reply to the user waits for it. Rejects with RulesNotApplied
 * when the browser refuses the rules (and tries again later); a badge or menu that could not be
 * painted is logged and tried again, but does not fail the change.
 */
export async function reconcile(dnr: DnrApi = browserDnr): Promise<void> {
  const rules = rulesQueue(async () => {
    try {
      const read = await readState();
      await applyRules(dnr, rulesFor(read.state));
      return read;
    } catch (error) {
      console.error('Workspace Switcher: rules not applied; trying again:', describe(error));
      tryAgainLater(dnr);
      throw new RulesNotApplied(error);
    }
  });
  const looks = looksQueue(async () => {
    const read = await rules.catch(() => null);
    if (!read) return true;
    return showLooks(read).then(
      () => true,
      (error: unknown) => {
        console.warn('Workspace Switcher: badge not updated; trying again:', describe(error));
        return false;
      },
    );
  });
  await rules;
  if (await looks) {
    failures = 0;
    clearTimeout(retry);
  } else tryAgainLater(dnr);
}
