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

/**
 * Stops every lower-priority rule for the requests it matches (Chrome's and Firefox's
 * declarativeNetRequest: a modifyHeaders rule applies only above the highest matching allow).
 */
export interface AllowRule {
  id: number;
  priority: number;
  action: { type: 'allow' };
  condition: {
    requestDomains: string[];
    resourceTypes: ('xmlhttprequest' | 'other')[];
    tabIds: number[];
  };
}

export type DnrRule = HeaderRule | AllowRule;

export interface RuleChange {
  removeRuleIds: number[];
  addRules: DnrRule[];
}

export interface DnrApi {
  getDynamicRules(): Promise<DnrRule[]>;
  updateDynamicRules(change: RuleChange): Promise<void>;
  getSessionRules(): Promise<DnrRule[]>;
  updateSessionRules(change: RuleChange): Promise<void>;
}

export const browserDnr: DnrApi = {
  getDynamicRules: async () => browser.declarativeNetRequest.getDynamicRules() as Promise<DnrRule[]>,
  updateDynamicRules: async (change) => browser.declarativeNetRequest.updateDynamicRules(change),
  getSessionRules: async () => browser.declarativeNetRequest.getSessionRules() as Promise<DnrRule[]>,
  updateSessionRules: async (change) => browser.declarativeNetRequest.updateSessionRules(change),
};
