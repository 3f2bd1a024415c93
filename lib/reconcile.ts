// The one path from stored state to the browser's state (rules, badge). Every change of state,
// an install, a start-up and a wake-up of the worker run it; runs are serialised, and each reads
// storage afresh, so a burst of changes ends with the browser matching the last one.
import { browser } from 'wxt/browser';
import { showBadges } from './badge';
import { browserDnr, type DnrApi } from './dnr';
import { applyRules, rulesFor, type RuleState } from './rules';
import { actingAs, tabActing } from './storage';
import { unstructuredRuleState } from './unstructured/state';

export function extensionHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

export async function ruleState(): Promise<RuleState> {
  const [everywhere, tabs, unstructured] = await Promise.all([actingAs.get(), tabActing.get(), unstructuredRuleState()]);
  return { extensionHost: extensionHost(), actingAs: everywhere, tabActing: tabs, unstructured };
}

let queue: Promise<unknown> = Promise.resolve();

export function reconcile(dnr: DnrApi = browserDnr): Promise<void> {
  const run = queue.then(async () => {
    const state = await ruleState();
    await applyRules(dnr, rulesFor(state));
    await showBadges(state.actingAs, state.tabActing);
  });
  // A failed run must not wedge the ones after it.
  queue = run.catch(() => undefined);
  return run;
}
