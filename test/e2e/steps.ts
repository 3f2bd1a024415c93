// Steps a user takes, shared by the specs.
import type { Page, Worker } from '@playwright/test';
import { expect, type Chrome } from './fixtures';

declare const chrome: Chrome;

/** Pastes a key in the options page and saves it; resolves once the outcome is on screen. */
export async function connectKey(options: Page, key: string, { remember = false } = {}): Promise<void> {
  await options.getByLabel('Instantly API key').fill(key);
  if (remember) await options.getByRole('checkbox', { name: 'Remember on this device' }).check();
  await options.getByRole('button', { name: 'Save key' }).click();
  await expect(options.getByRole('button', { name: 'Save key' })).toBeEnabled();
}

/** Adds an Unstructured workspace in the options page; resolves once the key's check is over. */
export async function addUnstructured(options: Page, name: string, key: string): Promise<void> {
  await options.getByRole('textbox', { name: 'Unstructured workspace name' }).fill(name);
  await options.getByLabel('Unstructured API key').fill(key);
  await options.getByRole('button', { name: 'Add Unstructured workspace' }).click();
  await expect(options.getByRole('button', { name: 'Add Unstructured workspace' })).toBeEnabled();
}

/** What the extension stored, read in its service worker. */
export function storedState(worker: Worker) {
  return worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    sync: await chrome.storage.sync.get(null),
  }));
}

/** Every stored item, in any area, that is a secret or holds one of `keys` ("area:name"); [] when nothing is stored. */
export async function storedKeyMaterial(worker: Worker, ...keys: string[]): Promise<string[]> {
  const stored = await storedState(worker);
  return Object.entries(stored).flatMap(([area, items]) =>
    Object.entries(items)
      .filter(([name, value]) => name.startsWith('secret:') || keys.some((key) => JSON.stringify(value).includes(key)))
      .map(([name]) => `${area}:${name}`),
  );
}

export function badgeText(worker: Worker, tabId?: number) {
  return worker.evaluate((tab) => chrome.action.getBadgeText(tab === undefined ? {} : { tabId: tab }), tabId);
}

/** A fetch from the page, as Instantly's own app would make it. */
export function fetchFromPage(page: Page, url: string, key: string) {
  return page.evaluate(
    async ({ url, key }) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
      return {
        status: response.status,
        body: (await response.json().catch(() => null)) as Record<string, unknown> | null,
      };
    },
    { url, key },
  );
}

export const CURRENT_WORKSPACE = 'https://api.instantly.ai/api/v2/workspaces/current';

/** The popup's status line that says whom requests go out as. */
export const actingStatus = (popup: Page) => popup.getByRole('status').filter({ hasText: 'Acting as' });
