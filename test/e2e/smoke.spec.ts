// The harness itself is real: Chromium reaches the fake under the real host names over TLS, the
// fake sees what the browser sent, and the built extension runs with its shortcuts assigned.
// Nothing here depends on the extension's UI.
import { expect, test, type Chrome } from './fixtures';

declare const chrome: Chrome; // exists where serviceWorker.evaluate runs its function

test('a page on app.instantly.ai reaches the fake as https://api.instantly.ai', async ({ pageOn, seeded, api }) => {
  const page = await pageOn('https://app.instantly.ai');
  await expect(page).toHaveTitle('app.instantly.ai'); // the fake's page, not the internet's
  await api.clearRequests();

  const workspace = await page.evaluate(
    (key) =>
      fetch('https://api.instantly.ai/api/v2/workspaces/current', { headers: { authorization: `Bearer ${key}` } }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; name?: string } }),
      ),
    seeded.adminKey,
  );
  expect(workspace.status).toBe(200);
  expect(workspace.body.name).toBe(seeded.admin.name);
  expect(workspace.body.id).toBe(seeded.admin.id);

  const log = await api.requests({ host: 'api.instantly.ai', path: '/api/v2/workspaces/current', method: 'GET' });
  expect(log).toHaveLength(1);
  expect(log[0]?.headers.origin).toBe('https://app.instantly.ai');
  expect(log[0]?.headers.authorization).toBe(`Bearer ${seeded.adminKey}`);
  expect(log[0]?.status).toBe(200);
});

test('each test starts from the seed option: fresh store, empty log', async ({ api, seeded }) => {
  expect(seeded.subs).toHaveLength(30);
  expect(await api.requests()).toEqual([]);
  const state = await api.state();
  expect(state.conditions).toEqual({ faults: [], latencyMs: 0, offline: false });
});

test.describe('with another seed', () => {
  test.use({ seed: { subWorkspaces: 3, pendingEvery: 0, rejectedEvery: 0 } });
  test('the seed option is honoured', async ({ seeded }) => {
    expect(seeded.subs.map((s) => s.status)).toEqual(['accepted', 'accepted', 'accepted']);
  });
});

test('the extension service worker runs and every command got a shortcut', async ({ serviceWorker, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const commands = await serviceWorker.evaluate(() => chrome.commands.getAll());
  const shortcuts: Record<string, string> = Object.fromEntries(commands.map((c) => [c.name, c.shortcut ?? '']));
  // Chromium leaves a suggested key unassigned without a word (e.g. Alt+Shift+N/P on Chromium 156).
  for (const name of ['_execute_action', 'cycle-next-workspace', 'cycle-previous-workspace']) {
    expect(shortcuts[name], `shortcut of ${name}; all: ${JSON.stringify(shortcuts)}`).toBeTruthy();
  }
});

test('the extension pages load from the build', async ({ openPopup, openOptions }) => {
  const popup = await openPopup();
  await expect(popup).toHaveURL(/^chrome-extension:\/\/[a-p]{32}\/popup\.html$/);
  const options = await openOptions();
  await expect(options).toHaveURL(/^chrome-extension:\/\/[a-p]{32}\/options\.html$/);
});

test('restartBrowser relaunches on the same profile: local storage survives, the worker starts again', async ({
  serviceWorker,
  restartBrowser,
  openPopup,
}) => {
  await serviceWorker.evaluate(() => chrome.storage.local.set({ harnessProbe: 42 }));
  const { serviceWorker: worker } = await restartBrowser();
  expect(await worker.evaluate(() => chrome.storage.local.get('harnessProbe'))).toEqual({ harnessProbe: 42 });
  const popup = await openPopup();
  await expect(popup).toHaveURL(/popup\.html$/);
});
