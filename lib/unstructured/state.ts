import type { RuleState } from '../rules';

/** The Unstructured key in use and where it may be sent (issue: Unstructured provider). */
export async function unstructuredRuleState(): Promise<RuleState['unstructured']> {
  return null;
}
