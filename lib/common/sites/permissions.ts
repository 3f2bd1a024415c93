// Thin adapter over browser.permissions (WXT's fake browser does not implement it).
import { browser } from 'wxt/browser';

export interface PermissionSet {
  origins?: string[];
  permissions?: string[];
}

export interface PermissionsApi {
  contains(set: PermissionSet): Promise<boolean>;
  /** Must be called from a user gesture in a page (popup/options), never from the background. */
  request(set: PermissionSet): Promise<boolean>;
  remove(set: PermissionSet): Promise<boolean>;
  getAll(): Promise<PermissionSet>;
}

type BrowserPermissions = Parameters<typeof browser.permissions.contains>[0];

export const browserPermissions: PermissionsApi = {
  contains: async (set) => browser.permissions.contains(set as BrowserPermissions),
  request: async (set) => browser.permissions.request(set as BrowserPermissions),
  remove: async (set) => browser.permissions.remove(set as BrowserPermissions),
  getAll: async () => browser.permissions.getAll(),
};
