// The one path from stored state to the browser's state (rules, badge). Every change of state,
// an install, a start-up and a wake-up of the worker run it; runs are serialised, and each reads
// storage afresh, so a burst of changes ends with the browser matching the last one.
import { browser } from 'wxt/browser';
import { serialQueue } from './queue';
import { showBadges } from './badge';
import { browserDnr, type DnrApi } from './adapters/dnr';
import { applyRules, rulesFor, type RuleState } from './rules';
import { applyMenu, menuFor, menuStateFor } from './context-menu';
import { account, actingAs, allowedSites, group, tabActing, unstructuredInUse, unstructuredSites, unstructuredWorkspaces } from '../shared/storage';
import { type TabChoices, type Target, type UnstructuredWorkspace } from '../shared/model';
import { readAll, type StoredItem } from '../shared/stored-item';
import { unstructuredRuleState } from './unstructured-rule';

export function extensionHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

/**
 * Everything the rules depend on, in one storage read per area (a switch waits for this), and
 * the name of the Unstructured workspace in use for the badge's tooltip, from the same read.
 */
async function readState(): Promise<{ state: RuleState; unstructuredName?: string }> {
  const [everywhere, tabs, ...unstructured] = (await readAll([
    actingAs,
    tabActing,
    unstructuredInUse,
    unstructuredWorkspaces,
    allowedSites,
    unstructuredSites,
  ] as StoredItem<unknown>[])) as [Target | null, TabChoices, string | null, UnstructuredWorkspace[], string[], string[]];
  const state: RuleState = {
    extensionHost: extensionHost(),
    actingAs: everywhere,
    tabActing: tabs,
    unstructured: await unstructuredRuleState(unstructured),
  };
  const [inUse, workspaces] = unstructured;
  return { state, unstructuredName: state.unstructured ? workspaces.find((w) => w.id === inUse)?.name : undefined };
}

// Two queues: the rules (what a switch waits for) never wait behind the previous run's badge
// and menu work; the badge and menu follow, in order, from the same state.
const rulesQueue = serialQueue();
const looksQueue = serialQueue();

async function showLooks({ state, unstructuredName }: Awaited<ReturnType<typeof readState>>): Promise<void> {
  const [current, { members }, [active]] = await Promise.all([
    account.get(),
    group.get(),
    browser.tabs.query({ active: true, lastFocusedWindow: true }),
  ]);
  await showBadges(state.actingAs, state.tabActing, unstructuredName);
  // The menu is a convenience: a browser without it must still switch.
  await applyMenu(menuFor(menuStateFor(current, members, state.actingAs, state.tabActing, active?.id ?? null))).catch((error: unknown) =>
    console.warn('Workspace Switcher: context menu not updated:', error instanceof Error ? error.message : error),
  );
}

export function reconcile(dnr: DnrApi = browserDnr): Promise<void> {
  const rules = rulesQueue(async () => {
    const read = await readState();
    await applyRules(dnr, rulesFor(read.state));
    return read;
  });
  return looksQueue(async () => showLooks(await rules));
}
