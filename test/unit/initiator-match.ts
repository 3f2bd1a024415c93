import type { HeaderRule } from '@/lib/background/worker/adapters/dnr';

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
