// Thin adapter over declarativeNetRequest: WXT's fake browser does not implement it, so unit
// tests pass an in-memory one, and the shapes we use are spelled out here.
import { browser } from 'wxt/browser';

export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: ({ header: string; operation: 'set'; value: string } | { header: string; operation: 'remove' })[];
  };
  condition: {
    requestDomains: string[];
    resourceTypes: ('xmlhttprequest' | 'other')[];
    initiatorDomains?: string[];
    excludedInitiatorDomains?: string[];
    tabIds?: number[];
  };
}

export interface RuleChange {
  removeRuleIds: number[];
  addRules: HeaderRule[];
}

export interface DnrApi {
  getDynamicRules(): Promise<HeaderRule[]>;
  updateDynamicRules(change: RuleChange): Promise<void>;
  getSessionRules(): Promise<HeaderRule[]>;
  updateSessionRules(change: RuleChange): Promise<void>;
}

export const browserDnr: DnrApi = {
  getDynamicRules: async () => browser.declarativeNetRequest.getDynamicRules() as Promise<HeaderRule[]>,
  updateDynamicRules: async (change) => browser.declarativeNetRequest.updateDynamicRules(change),
  getSessionRules: async () => browser.declarativeNetRequest.getSessionRules() as Promise<HeaderRule[]>,
  updateSessionRules: async (change) => browser.declarativeNetRequest.updateSessionRules(change),
};
