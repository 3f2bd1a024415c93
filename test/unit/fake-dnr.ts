import type { AllowRule, DnrApi, DnrRule, HeaderRule, RuleChange } from '@/lib/background/worker/adapters/dnr';

/** An in-memory declarativeNetRequest that also counts update calls. */
export function fakeDnr() {
  const sets = { dynamic: new Map<number, DnrRule>(), session: new Map<number, DnrRule>() };
  const updates: { area: 'dynamic' | 'session'; change: RuleChange }[] = [];
  const apply = (area: 'dynamic' | 'session', change: RuleChange) => {
    updates.push({ area, change: structuredClone(change) });
    for (const id of change.removeRuleIds) sets[area].delete(id);
    for (const rule of change.addRules) {
      if (sets[area].has(rule.id)) throw new Error(`Rule with id ${rule.id} already exists`);
      sets[area].set(rule.id, structuredClone(rule));
    }
  };
  const api: DnrApi = {
    getDynamicRules: async () => [...sets.dynamic.values()].map((r) => structuredClone(r)),
    getSessionRules: async () => [...sets.session.values()].map((r) => structuredClone(r)),
    updateDynamicRules: async (change) => apply('dynamic', change),
    updateSessionRules: async (change) => apply('session', change),
  };
  const clear = () => {
    sets.dynamic.clear();
    sets.session.clear();
    updates.length = 0;
  };
  const headerRules = (area: Map<number, DnrRule>) =>
    [...area.values()].filter((r): r is HeaderRule => r.action.type === 'modifyHeaders');
  return {
    api,
    updates,
    clear,
    dynamic: () => headerRules(sets.dynamic),
    session: () => headerRules(sets.session),
    /** The session allow rules (guarded tabs). */
    guards: () => [...sets.session.values()].filter((r): r is AllowRule => r.action.type === 'allow'),
  };
}

/** The value a rule sets its header to (undefined for a rule that removes it). */
export const headerValue = (rule: DnrRule | undefined) => {
  const header = rule?.action.type === 'modifyHeaders' ? rule.action.requestHeaders[0] : undefined;
  return header && 'value' in header ? header.value : undefined;
};

/** The one the extension's code gets in unit tests (test/unit/setup.ts), cleared before each test. */
export const sharedDnr = fakeDnr();
