import type { DnrRule, HeaderRule } from '@/lib/background/worker/adapters/dnr';

/**
 * Whether a rule's initiator conditions let a request from `initiator` (an origin, or null for an
 * opaque one) through, as Chrome documents them (RuleCondition): a listed domain also matches its
 * subdomains, scheme and port are not looked at, the most specific listed domain decides, and a
 * rule with initiatorDomains never matches an opaque initiator (measured:
 * docs/browsers.md#opaque-initiators). Host access, which the browser checks on top, is left out.
 */
export function initiatorMatches(condition: HeaderRule['condition'], initiator: string | null): boolean {
  const included = condition.initiatorDomains;
  if (initiator === null) return !included;
  const host = new URL(initiator).hostname;
  const covers = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  const best = (domains: string[] = []) => Math.max(-1, ...domains.filter(covers).map((d) => d.length));
  const include = best(included);
  const exclude = best(condition.excludedInitiatorDomains);
  if (exclude >= 0 && exclude >= include) return false;
  return !included || include >= 0;
}

/** What the extension may access, as the browser checks it: host permissions, and activeTab. */
export interface HostAccess {
  /** Origins granted (the manifest's and the user's). */
  origins: string[];
  /** activeTab: the tab where the user opened the popup, pressed a shortcut or used the menu, and its page's origin then. */
  activeTab?: { tabId: number; origin: string };
}

export interface PageRequest {
  /** The page's origin; null for an opaque one (a sandboxed or data: iframe). */
  initiator: string | null;
  tabId: number;
  /** Host of the URL requested. */
  host: string;
}

/**
 * The value `header` leaves with, under `rules` (dynamic and session together), as Chrome
 * applies them: only if the extension may access the initiator (its host permissions, or
 * activeTab in that tab on that origin; never checked for an opaque one); an allow rule stops
 * every rule of its priority and below; among the modifyHeaders rules left, the highest
 * priority that names the header decides. undefined: sent without it.
 */
export function headerSent(
  rules: DnrRule[],
  request: PageRequest,
  access: HostAccess,
  header: string,
): string | undefined {
  if (request.initiator !== null) {
    const origin = new URL(request.initiator).origin;
    const viaActiveTab = access.activeTab?.tabId === request.tabId && access.activeTab.origin === origin;
    if (!access.origins.includes(origin) && !viaActiveTab) return undefined;
  }
  const covers = (domain: string) => request.host === domain || request.host.endsWith(`.${domain}`);
  const matching = rules.filter(
    (rule) =>
      rule.condition.requestDomains.some(covers) &&
      (!rule.condition.tabIds || rule.condition.tabIds.includes(request.tabId)) &&
      (rule.action.type === 'allow' || initiatorMatches((rule as HeaderRule).condition, request.initiator)),
  );
  const allowAt = Math.max(-Infinity, ...matching.filter((r) => r.action.type === 'allow').map((r) => r.priority));
  const operation = matching
    .filter((rule): rule is HeaderRule => rule.action.type === 'modifyHeaders' && rule.priority > allowAt)
    .sort((a, b) => b.priority - a.priority)
    .flatMap((rule) => rule.action.requestHeaders)
    .find((h) => h.header === header);
  return operation && 'value' in operation ? operation.value : undefined;
}
