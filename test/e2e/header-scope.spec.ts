// Where each header goes, as Chromium really applies the rules: x-as-workspace only from
// Instantly's sites and the sites the user allowed, the Unstructured key only from the exact
// sites opted in for it. The e2e build holds https://other.example and https://sub.other.example
// as allowed sites; https://never-allowed.example is served by the fake but never allowed.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { actingStatus, connectKey } from './steps';
import { arrived, fetchFromPage, probeUrl } from './probes';

test.use({ build: 'e2e', seed: { subWorkspaces: 3, unstructuredWorkspaces: ['Research'] } });

const API = 'https://api.instantly.ai/api/v2/workspaces/current';
const WORKFLOWS = 'https://platform.unstructuredapp.io/api/v1/workflows/';

/** A sandboxed iframe, built by the page's script, fetches: its initiator is opaque. */
function fetchFromSandboxedFrame(page: Page, url: string) {
  return page.evaluate((u) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = `<script>fetch(${JSON.stringify(u)}).catch(() => {})</script>`;
    document.body.append(frame);
  }, url);
}

/** A data: iframe fetches: its initiator is opaque too. */
function fetchFromDataFrame(page: Page, url: string) {
  return page.evaluate((u) => {
    const frame = document.createElement('iframe');
    frame.src = `data:text/html,${encodeURIComponent(`<script>fetch(${JSON.stringify(u)}).catch(() => {})</script>`)}`;
    document.body.append(frame);
  }, url);
}

test('x-as-workspace: Instantly’s and allowed sites get it; opaque iframes and a site never allowed do not', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const popup = await openPopup();
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as ${sub.name}`);

  const app = await pageOn('https://app.instantly.ai');
  const allowed = await pageOn('https://other.example/crm');
  const never = await pageOn('https://never-allowed.example/');
  await api.clearRequests();

  await fetchFromPage(app, probeUrl(API, 'instantly'));
  await fetchFromPage(allowed, probeUrl(API, 'allowed'));
  await fetchFromPage(never, probeUrl(API, 'never-allowed'));
  await fetchFromSandboxedFrame(never, probeUrl(API, 'sandboxed'));
  await fetchFromDataFrame(never, probeUrl(API, 'data'));
  await fetchFromSandboxedFrame(allowed, probeUrl(API, 'sandboxed-on-allowed'));

  expect((await arrived(api, 'instantly'))['x-as-workspace']).toBe(sub.id);
  expect((await arrived(api, 'allowed'))['x-as-workspace']).toBe(sub.id);
  for (const probe of ['never-allowed', 'sandboxed', 'data', 'sandboxed-on-allowed']) {
    const headers = await arrived(api, probe);
    expect(headers['x-as-workspace'], probe).toBeUndefined();
  }
  // The opaque ones really were opaque (the fake saw `Origin: null`), so the test tests that.
  expect((await arrived(api, 'sandboxed')).origin).toBe('null');
  expect((await arrived(api, 'data')).origin).toBe('null');
});

test('the Unstructured key: from its API’s site and the one site opted in, not its subdomain, not elsewhere', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  api,
}) => {
  const [research] = seeded.unstructuredKeys;
  const options = await openOptions();
  await options.getByRole('textbox', { name: 'Unstructured workspace name' }).fill('Research');
  await options.getByLabel('Unstructured API key').fill(research!.key);
  await options.getByRole('button', { name: 'Add Unstructured workspace' }).click();
  await expect(options.getByRole('button', { name: 'Delete Research' })).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Use Research' }).click();
  await expect(popup.getByText('Using the key of Research.')).toBeVisible();

  // Both allowed sites are offered; only the parent is ticked. The settings say what that means.
  await options.bringToFront();
  const sites = options.getByRole('region', { name: 'Allowed sites' });
  await expect(sites).toContainText('any script running on that site');
  const subBox = options.getByRole('checkbox', {
    name: 'Send the Unstructured key from https://sub.other.example',
    exact: true,
  });
  await expect(subBox).not.toBeChecked();
  // The box shows the stored choice, so it turns checked once the background has it.
  const box = options.getByRole('checkbox', {
    name: 'Send the Unstructured key from https://other.example',
    exact: true,
  });
  await box.click();
  await expect(box).toBeChecked();

  const docs = await pageOn('https://platform.unstructuredapp.io/docs');
  const optedIn = await pageOn('https://other.example/crm');
  const subdomain = await pageOn('https://sub.other.example/crm');
  const never = await pageOn('https://never-allowed.example/');
  const app = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  // The rule follows the tick a moment later (the background applies it): wait for it there.
  await expect
    .poll(async () => {
      const probe = `opted-in-${Date.now()}`;
      await fetchFromPage(optedIn, probeUrl(WORKFLOWS, probe));
      return (await arrived(api, probe))['unstructured-api-key'] ?? null;
    })
    .toBe(research!.key);

  await fetchFromPage(docs, probeUrl(WORKFLOWS, 'docs'));
  await fetchFromPage(subdomain, probeUrl(WORKFLOWS, 'subdomain'));
  await fetchFromPage(never, probeUrl(WORKFLOWS, 'never-allowed'));
  await fetchFromPage(app, probeUrl(WORKFLOWS, 'instantly'));
  await fetchFromSandboxedFrame(optedIn, probeUrl(WORKFLOWS, 'sandboxed-on-opted-in'));
  await fetchFromDataFrame(optedIn, probeUrl(WORKFLOWS, 'data-on-opted-in'));

  expect((await arrived(api, 'docs'))['unstructured-api-key']).toBe(research!.key);
  for (const probe of ['subdomain', 'never-allowed', 'instantly', 'sandboxed-on-opted-in', 'data-on-opted-in']) {
    const headers = await arrived(api, probe);
    expect(headers['unstructured-api-key'], probe).toBeUndefined();
  }

  // Unticked: the site no longer gets it.
  await options.bringToFront();
  await box.click();
  await expect(box).not.toBeChecked();
  await expect
    .poll(async () => {
      const probe = `unticked-${Date.now()}`;
      await fetchFromPage(optedIn, probeUrl(WORKFLOWS, probe));
      return (await arrived(api, probe))['unstructured-api-key'] ?? null;
    })
    .toBeNull();
});
