// The declarativeNetRequest rules are a pure function of stored state (rulesFor), applied by
// diff (applyRules): one update call per rule set, only for what changed. The rule space:
import type { AllowRule, DnrApi, DnrRule, HeaderRule, RuleChange } from '../worker/adapters/dnr';
import type { TabChoices, Target } from '../../common/model';
import {
  AS_WORKSPACE_HEADER,
  INSTANTLY_API_HOST,
  INSTANTLY_PAGE_ORIGINS,
  UNSTRUCTURED_KEY_HEADER,
} from '../../common/sites/hosts';
import { ruleHost } from '../../common/sites/unstructured-key-sites';

export const RULE_ID = {
  /** Dynamic: x-as-workspace everywhere (survives a browser restart). */
  instantlyEverywhere: 1,
  /**
   * Session: the Unstructured key in use. A credential, so never a dynamic rule, which the
   * browser writes to disk: a key the user did not ask to remember must not outlive the session.
   */
  unstructuredKey: 2,
  /** Session: no header at all from the tabs in RuleState.guardedTabs. */
  guardedTabs: 3,
  /** Session: x-as-workspace for one tab; ids from here up, one per tab. */
  instantlyTabBase: 1000,
} as const;

export const PRIORITY = { everywhere: 1, tab: 2, guard: 3 } as const;

export interface RuleState {
  /** The extension's own host (Chrome: its id; Firefox: its internal uuid). */
  extensionHost: string;
  /** Sites the user allowed beyond Instantly's own (origins, kept in step with the permissions). */
  allowedSites: string[];
  actingAs: Target | null;
  /** tab id → the workspace acted as in that tab only (null: the admin workspace there). */
  tabActing: TabChoices;
  /** The key in use and the pages it may go from (lib/common/sites/unstructured-key-sites.ts). */
  unstructured: { key: string; apiHost: string; initiatorHosts: string[]; excludedHosts: string[] } | null;
  /**
   * Tabs whose page the extension reached through activeTab alone (lib/background/capabilities/
   * active-tab-guard.ts): none of their requests may carry a header. Absent: none.
   */
  guardedTabs?: number[];
}

/**
 * The pages whose requests may carry x-as-workspace: Instantly's own sites, the API's own origin
 * (where an interactive API reference may be served) and the sites the user allowed. Without
 * this list a request from an opaque origin (a sandboxed or data: iframe on any site) got the
 * header, because Chromium checks the initiator's host permission only for non-opaque initiators
 * (docs/browsers.md#opaque-initiators). The list names hosts, so it also matches their subdomains
 * and other ports: a tab reached through activeTab there is guarded (guardsFor, below).
 */
export function workspaceInitiators(allowedSites: string[]): string[] {
  const hosts = [INSTANTLY_API_HOST, ...[...INSTANTLY_PAGE_ORIGINS, ...allowedSites].map(ruleHost)];
  return [...new Set(hosts.filter((host): host is string => !!host))].sort();
}

export interface RuleSet {
  dynamic: HeaderRule[];
  session: HeaderRule[];
  /** Session rules too, applied with `session`. */
  guards: AllowRule[];
}

/** target null: strip the header, so one tab goes out as the admin while others act as a sub. */
function asWorkspaceRule(
  id: number,
  priority: number,
  target: Target | null,
  state: RuleState,
  tabId?: number,
): HeaderRule {
  return {
    id,
    priority,
    action: {
      type: 'modifyHeaders',
      // A header removed by a higher-priority rule cannot be set again by a lower one
      // (Chrome's modifyHeaders ordering), which is what makes the per-tab override win.
      requestHeaders: [
        target
          ? { header: AS_WORKSPACE_HEADER, operation: 'set', value: target.workspaceId }
          : { header: AS_WORKSPACE_HEADER, operation: 'remove' },
      ],
    },
    condition: {
      requestDomains: [INSTANTLY_API_HOST],
      resourceTypes: ['xmlhttprequest', 'other'],
      initiatorDomains: workspaceInitiators(state.allowedSites),
      // The extension's own calls (listing the group, invite, remove) must go out as the admin
      // workspace. The list above leaves them out already; this says so outright (without
      // either, the rule matched them: docs/browsers.md#declarativenetrequest).
      excludedInitiatorDomains: [state.extensionHost],
      ...(tabId === undefined ? {} : { tabIds: [tabId] }),
    },
  };
}

export function rulesFor(state: RuleState): RuleSet {
  const dynamic: HeaderRule[] = [];
  if (state.actingAs)
    dynamic.push(asWorkspaceRule(RULE_ID.instantlyEverywhere, PRIORITY.everywhere, state.actingAs, state));
  const session = Object.entries(state.tabActing)
    .map(([tab, target]) => [Number(tab), target] as const)
    .filter(([tab]) => Number.isInteger(tab) && tab >= 0)
    .sort(([a], [b]) => a - b)
    .map(([tab, target], index) => asWorkspaceRule(RULE_ID.instantlyTabBase + index, PRIORITY.tab, target, state, tab));
  if (state.unstructured && state.unstructured.initiatorHosts.length > 0) {
    session.push({
      id: RULE_ID.unstructuredKey,
      priority: PRIORITY.everywhere,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: UNSTRUCTURED_KEY_HEADER, operation: 'set', value: state.unstructured.key }],
      },
      condition: {
        requestDomains: [state.unstructured.apiHost],
        resourceTypes: ['xmlhttprequest', 'other'],
        // The header is a credential: only the pages the user opted in may have it sent for them.
        initiatorDomains: [...state.unstructured.initiatorHosts].sort(),
        excludedInitiatorDomains: [state.extensionHost, ...state.unstructured.excludedHosts],
      },
    });
  }
  return { dynamic, session, guards: guardsFor(state) };
}

/**
 * activeTab (a click on the button, a shortcut or the menu on a tab) gives the extension host
 * access to that tab's page, and the header rules name initiators by host only, which the
 * browser matches on every subdomain, scheme and port: without this a page on
 * https://deep.other.example got both headers once the user pressed a shortcut there, with
 * https://other.example allowed and ticked. An allow rule of a higher priority stops every
 * modifyHeaders rule below it for the requests it matches, in Chrome and in Firefox
 * (docs/browsers.md#activetab).
 */
function guardsFor(state: RuleState): AllowRule[] {
  const tabs = [...new Set(state.guardedTabs ?? [])]
    .filter((tab) => Number.isInteger(tab) && tab >= 0)
    .sort((a, b) => a - b);
  if (tabs.length === 0) return [];
  const hosts = [INSTANTLY_API_HOST, ...(state.unstructured ? [state.unstructured.apiHost] : [])];
  return [
    {
      id: RULE_ID.guardedTabs,
      priority: PRIORITY.guard,
      action: { type: 'allow' },
      condition: {
        requestDomains: [...new Set(hosts)].sort(),
        resourceTypes: ['xmlhttprequest', 'other'],
        tabIds: tabs,
      },
    },
  ];
}

/** JSON with sorted keys: the browser may hand rules back with keys in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function diffRules(current: DnrRule[], desired: DnrRule[]): RuleChange {
  const wanted = new Map(desired.map((rule) => [rule.id, canonical(rule)]));
  const have = new Map(current.map((rule) => [rule.id, canonical(rule)]));
  return {
    removeRuleIds: current.filter((rule) => wanted.get(rule.id) !== have.get(rule.id)).map((rule) => rule.id),
    addRules: desired.filter((rule) => have.get(rule.id) !== wanted.get(rule.id)),
  };
}

const isEmpty = (change: RuleChange) => change.addRules.length === 0 && change.removeRuleIds.length === 0;

/** Brings the browser's rules to `rules`, touching only what differs. Returns what it changed. */
export async function applyRules(dnr: DnrApi, rules: RuleSet): Promise<{ dynamic: RuleChange; session: RuleChange }> {
  const [dynamicNow, sessionNow] = await Promise.all([dnr.getDynamicRules(), dnr.getSessionRules()]);
  const dynamic = diffRules(dynamicNow, rules.dynamic);
  const session = diffRules(sessionNow, [...rules.session, ...rules.guards]);
  await Promise.all([
    isEmpty(dynamic) ? undefined : dnr.updateDynamicRules(dynamic),
    isEmpty(session) ? undefined : dnr.updateSessionRules(session),
  ]);
  return { dynamic, session };
}
