import { describe, expect, it } from 'vitest';
import { applyRules, diffRules, PRIORITY, RULE_ID, rulesFor, type RuleState } from '@/lib/background/projection/rules';
import type { HeaderRule } from '@/lib/background/worker/adapters/dnr';
import { fakeDnr, headerValue } from './fake-dnr';
import { initiatorMatches } from './initiator-match';

const acme = { workspaceId: '019ffad2-5cb9-7412-a999-646b69b0d7b4', name: 'Acme Outbound' };
const north = { workspaceId: '019ffad2-5cb9-7412-a999-646b69b0d7b5', name: 'Northwind Leads' };
const base: RuleState = {
  extensionHost: 'abcdefghijklmnop',
  allowedSites: [],
  actingAs: null,
  tabActing: {},
  unstructured: null,
};
const INSTANTLY_INITIATORS = ['api.instantly.ai', 'app.instantly.ai', 'developer.instantly.ai'];

describe('rulesFor', () => {
  it('adds no rule while acting as the admin workspace', () => {
    expect(rulesFor(base)).toEqual({ dynamic: [], session: [], guards: [] });
  });

  it('sets x-as-workspace on requests to the API host only, never from the extension itself', () => {
    const { dynamic } = rulesFor({ ...base, actingAs: acme });
    expect(dynamic).toHaveLength(1);
    const [rule] = dynamic;
    expect(rule!.id).toBe(RULE_ID.instantlyEverywhere);
    expect(rule!.action.requestHeaders).toEqual([
      { header: 'x-as-workspace', operation: 'set', value: acme.workspaceId },
    ]);
    expect(rule!.condition.requestDomains).toEqual(['api.instantly.ai']);
    expect(rule!.condition.excludedInitiatorDomains).toEqual(['abcdefghijklmnop']);
    expect(rule!.condition.tabIds).toBeUndefined();
  });

  it('sets x-as-workspace only for requests from Instantly’s own sites and the sites the user allowed', () => {
    const { dynamic } = rulesFor({
      ...base,
      actingAs: acme,
      allowedSites: ['https://crm.example.com', 'http://localhost:3000'],
    });
    // An explicit list: an opaque initiator (a sandboxed or data: iframe anywhere) and a tab the
    // extension reached only through activeTab are on none of these hosts, so they never match.
    expect(dynamic[0]!.condition.initiatorDomains).toEqual(
      [...INSTANTLY_INITIATORS, 'crm.example.com', 'localhost'].sort(),
    );
    expect(rulesFor({ ...base, actingAs: acme }).dynamic[0]!.condition.initiatorDomains).toEqual(INSTANTLY_INITIATORS);
  });

  it('x-as-workspace goes, by Chrome’s initiator matching, from Instantly’s sites and the allowed ones only', () => {
    const { dynamic, session } = rulesFor({
      ...base,
      actingAs: acme,
      allowedSites: ['https://crm.example.com'],
      tabActing: { '6': north },
    });
    for (const rule of [dynamic[0]!, session[0]!]) {
      const from = (initiator: string | null) => initiatorMatches(rule.condition, initiator);
      expect(from('https://app.instantly.ai')).toBe(true);
      expect(from('https://developer.instantly.ai')).toBe(true);
      expect(from('https://api.instantly.ai')).toBe(true);
      expect(from('https://crm.example.com')).toBe(true);
      expect(from('https://example.com')).toBe(false); // the allowed site's parent
      expect(from('https://instantly.ai.evil.example')).toBe(false);
      expect(from('https://evil.example')).toBe(false);
      expect(from(null)).toBe(false); // a sandboxed or data: frame, wherever it sits
      expect(from('chrome-extension://abcdefghijklmnop')).toBe(false);
    }
  });

  it('leaves out an allowed site whose host a rule cannot name, rather than fail to apply', () => {
    const { dynamic } = rulesFor({ ...base, actingAs: acme, allowedSites: ['http://[::1]:8080'] });
    expect(dynamic[0]!.condition.initiatorDomains).toEqual(INSTANTLY_INITIATORS);
  });

  it('gives a tab-only rule, also one that removes the header, the same initiators as the everywhere rule', () => {
    const { dynamic, session } = rulesFor({
      ...base,
      actingAs: acme,
      allowedSites: ['https://crm.example.com'],
      tabActing: { '5': null, '6': north },
    });
    expect(session.map((r) => r.action.requestHeaders[0]!.operation)).toEqual(['remove', 'set']);
    for (const rule of session) expect(rule.condition.initiatorDomains).toEqual(dynamic[0]!.condition.initiatorDomains);
  });

  it('gives each tab-only choice a session rule for that tab, above the everywhere rule', () => {
    const { dynamic, session } = rulesFor({ ...base, actingAs: acme, tabActing: { '42': north, '7': acme } });
    expect(dynamic).toHaveLength(1);
    expect(session.map((r) => r.condition.tabIds)).toEqual([[7], [42]]);
    expect(session.every((r) => r.priority === PRIORITY.tab)).toBe(true);
    expect(PRIORITY.tab).toBeGreaterThan(PRIORITY.everywhere);
    expect(headerValue(session[1])).toBe(north.workspaceId);
    expect(new Set(session.map((r) => r.id)).size).toBe(2);
  });

  it('sends the Unstructured key only for the allowed initiators, from a session rule (never written to disk)', () => {
    const { dynamic, session } = rulesFor({
      ...base,
      unstructured: {
        key: 'k-1',
        apiHost: 'platform.unstructuredapp.io',
        initiatorHosts: ['platform.unstructuredapp.io'],
        excludedHosts: [],
      },
    });
    expect(dynamic).toEqual([]);
    expect(session).toEqual([
      expect.objectContaining({
        id: RULE_ID.unstructuredKey,
        condition: expect.objectContaining({
          requestDomains: ['platform.unstructuredapp.io'],
          initiatorDomains: ['platform.unstructuredapp.io'],
          excludedInitiatorDomains: ['abcdefghijklmnop'],
        }),
      }),
    ]);
  });

  it('adds no Unstructured rule when no site is allowed to use the key', () => {
    const state = {
      ...base,
      unstructured: { key: 'k', apiHost: 'platform.unstructuredapp.io', initiatorHosts: [], excludedHosts: [] },
    };
    expect(rulesFor(state)).toEqual({ dynamic: [], session: [], guards: [] });
  });
});

describe('applyRules', () => {
  it('changes only what differs, in one update per rule set', async () => {
    const dnr = fakeDnr();
    await applyRules(dnr.api, rulesFor({ ...base, actingAs: acme }));
    expect(headerValue(dnr.dynamic()[0])).toBe(acme.workspaceId);

    // Same state again: nothing to do.
    const again = await applyRules(dnr.api, rulesFor({ ...base, actingAs: acme }));
    expect(again.dynamic).toEqual({ removeRuleIds: [], addRules: [] });
    expect(dnr.updates).toHaveLength(1);

    await applyRules(dnr.api, rulesFor({ ...base, actingAs: north }));
    expect(dnr.updates).toHaveLength(2);
    expect(dnr.updates[1]!.change.removeRuleIds).toEqual([RULE_ID.instantlyEverywhere]);
    expect(headerValue(dnr.dynamic()[0])).toBe(north.workspaceId);

    await applyRules(dnr.api, rulesFor(base));
    expect(dnr.dynamic()).toEqual([]);
  });

  it('treats rules handed back with keys in another order as unchanged', () => {
    const [rule] = rulesFor({ ...base, actingAs: acme }).dynamic;
    const reordered = JSON.parse(
      JSON.stringify({ condition: rule!.condition, action: rule!.action, priority: rule!.priority, id: rule!.id }),
    ) as HeaderRule;
    expect(diffRules([reordered], [rule!])).toEqual({ removeRuleIds: [], addRules: [] });
  });

  it('removes a closed tab’s session rule', async () => {
    const dnr = fakeDnr();
    await applyRules(dnr.api, rulesFor({ ...base, tabActing: { '3': acme, '9': north } }));
    expect(dnr.session()).toHaveLength(2);
    await applyRules(dnr.api, rulesFor({ ...base, tabActing: { '9': north } }));
    expect(dnr.session().map((r) => r.condition.tabIds)).toEqual([[9]]);
  });
});
