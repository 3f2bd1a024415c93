// Thin adapter over contextMenus (WXT's fake browser does not implement it).
import { browser } from 'wxt/browser';

export interface MenuItem {
  id: string;
  title: string;
  parentId?: string;
  type?: 'normal' | 'radio' | 'separator';
  checked?: boolean;
  enabled?: boolean;
  contexts: ('page' | 'action' | 'frame' | 'link' | 'selection')[];
}

export interface MenusApi {
  removeAll(): Promise<void>;
  create(item: MenuItem): Promise<void>;
  update(id: string, change: { checked: boolean }): Promise<void>;
}

export const browserMenus: MenusApi = {
  removeAll: async () => browser.contextMenus.removeAll(),
  create: (item) =>
    new Promise<void>((resolve, reject) => {
      browser.contextMenus.create(item as Parameters<typeof browser.contextMenus.create>[0], () => {
        const error = browser.runtime.lastError;
        if (error) reject(new Error(error.message));
        else resolve();
      });
    }),
  update: async (id, change) => browser.contextMenus.update(id, change),
};
