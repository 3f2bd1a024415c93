// activeTab: a press of the extension's shortcut on a tab gives the extension host access to
// that tab's page. A subdomain of an allowed site, which the rules' host names also match, must
// still get neither header after it (lib/background/capabilities/active-tab-guard.ts). Headed,
// with a real key press through X (test/e2e/x-keys.ts): nothing else grants activeTab.
import type { Worker } from '@playwright/test';
import { expect, test, type Chrome } from './fixtures';
import { addUnstructured, connectKey, storedState } from './steps';
import { arrived, fetchFromPage, probeUrl } from './probes';
import { pressInBrowser } from './x-keys';

declare const chrome: Chrome;

test.use({ build: 'e2e', headless: false, seed: { subWorkspaces: 3, unstructuredWorkspaces: ['Research'] } });

const API = 'https://api.instantly.ai/api/v2/workspaces/current';
const WORKFLOWS = 'https://platform.unstructuredapp.io/api/v1/workflows/';

test('a subdomain of an allowed, ticked site gets neither header after the cycle shortcut is pressed on its tab', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  api,
  serviceWorker,
}) => {
  const [research] = seeded.unstructuredKeys;
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  await addUnstructured(options, 'Research', research!.key);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Use Research' }).click();
  await expect(popup.getByText('Using the key of Research.')).toBeVisible();
  await options.bringToFront();
  const box = options.getByRole('checkbox', {
    name: 'Send the Unstructured key from https://other.example',
    exact: true,
  });
  await box.click();
  await expect(box).toBeChecked();

  const allowed = await pageOn('https://other.example/crm');
  const deep = await pageOn('https://deep.other.example/crm');
  // The rules are in force: the ticked site gets the key (once the background has the tick).
  await expect
    .poll(async () => {
      const probe = `allowed-${Date.now()}`;
      await fetchFromPage(allowed, probeUrl(WORKFLOWS, probe));
      return (await arrived(api, probe))['unstructured-api-key'] ?? null;
    })
    .toBe(research!.key);
  await fetchFromPage(deep, probeUrl(WORKFLOWS, 'deep-before'));
  expect((await arrived(api, 'deep-before'))['unstructured-api-key']).toBeUndefined();

  // The cycle shortcut, pressed for real on the subdomain's tab: acting as the first sub workspace.
  await deep.bringToFront();
  pressInBrowser('alt+shift+period');
  await expect.poll(() => actingAsId(serviceWorker)).not.toBeNull();
  const acting = await actingAsId(serviceWorker);
  // The press gave the extension that tab (activeTab): it can read the page's address now.
  expect(await tabUrls(serviceWorker)).toContain('https://deep.other.example/crm');

  await fetchFromPage(deep, probeUrl(WORKFLOWS, 'deep-key-after'));
  await fetchFromPage(deep, probeUrl(API, 'deep-workspace-after'));
  await fetchFromPage(allowed, probeUrl(API, 'allowed-after'));
  expect((await arrived(api, 'deep-key-after'))['unstructured-api-key']).toBeUndefined();
  expect((await arrived(api, 'deep-workspace-after'))['x-as-workspace']).toBeUndefined();
  // Everyone else goes on as before: the allowed site acts as the workspace the press chose.
  expect((await arrived(api, 'allowed-after'))['x-as-workspace']).toBe(acting);
});

/** The stored everywhere choice's workspace id. */
const actingAsId = async (worker: Worker) =>
  ((await storedState(worker)).local.actingAs as { workspaceId?: string } | null | undefined)?.workspaceId ?? null;

/** The addresses of the tabs the extension can read. */
const tabUrls = (worker: Worker) =>
  worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url).filter(Boolean));
