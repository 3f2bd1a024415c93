// Before every unit test: a fresh fake browser, and in-memory stand-ins for the browser APIs
// WXT's fake browser lacks (declarativeNetRequest, contextMenus, permissions).
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sharedDnr } from './fake-dnr';

vi.mock('@/lib/background/worker/adapters/dnr', async () => ({
  browserDnr: (await import('./fake-dnr')).sharedDnr.api,
}));
vi.mock('@/lib/background/worker/adapters/menus', () => ({
  browserMenus: { removeAll: async () => {}, create: async () => {}, update: async () => {} },
}));
vi.mock('@/lib/common/sites/permissions', () => ({
  // Nothing optional granted (e.g. no notifications) unless a test passes its own.
  browserPermissions: {
    contains: async () => false,
    request: async () => false,
    remove: async () => false,
    getAll: async () => ({}),
  },
}));

beforeEach(async () => {
  fakeBrowser.reset();
  // Imported here, not at the top: lib/common/stored-item needs the fake browser, which is set up after this file loads.
  (await import('@/lib/common/stored-item')).dropStorageCaches();
  sharedDnr.clear();
  // The agencies' pacers live for the worker's life: each test is a fresh worker.
  (await import('@/lib/providers/pacer')).resetAgencyPacers();
});
