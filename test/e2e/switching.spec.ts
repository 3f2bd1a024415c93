// Switching from anywhere: the cycling shortcut, the context menu (everywhere and this tab),
// sites beyond Instantly's own, and the popup with the keyboard alone.
import type { Page, Worker } from '@playwright/test';
import { expect, test, type Chrome } from './fixtures';
import { untilIdle } from './idle';
import { actingStatus, badgeText, connectKey, CURRENT_WORKSPACE, fetchFromPage } from './steps';

declare const chrome: Chrome;
/** Chromium lets an extension fire its own events: how a test stands in for a key press or a menu click. */
type Dispatchable = { dispatch(...args: unknown[]): void };

test.use({ seed: { subWorkspaces: 8 } });

/** Which workspace a request from this page goes out as, according to the API. */
async function actingAsSeenFrom(page: Page, key: string): Promise<string | undefined> {
  return (await fetchFromPage(page, CURRENT_WORKSPACE, key)).body?.id as string | undefined;
}

function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
}

test('the cycle shortcut walks the accepted workspaces only, and the header follows', async ({
  openOptions,
  pageOn,
  serviceWorker,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const app = await pageOn('https://app.instantly.ai');
  const accepted = seeded.subs.filter((s) => s.status === 'accepted');
  expect(accepted.length).toBeLessThan(seeded.subs.length); // there are pending/rejected ones to skip

  // Each press moves one step; the API sees each workspace in turn, then the admin again.
  for (const expected of [...accepted.map((s) => s.id), seeded.admin.id]) {
    await serviceWorker.evaluate(() =>
      (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-next-workspace'),
    );
    await expect.poll(() => actingAsSeenFrom(app, seeded.adminKey)).toBe(expected);
  }

  await serviceWorker.evaluate(() =>
    (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-previous-workspace'),
  );
  await expect.poll(() => actingAsSeenFrom(app, seeded.adminKey)).toBe(accepted.at(-1)!.id);
});

test.describe('a burst of presses', () => {
  // The e2e build's hook tells when the worker's queues are empty: a burst passes through the
  // final workspace on its way round the ring, so waiting for that state could read mid-burst.
  test.use({ build: 'e2e' });
  test('rapid presses end with the rule matching the final choice', async ({
    openOptions,
    pageOn,
    serviceWorker,
    seeded,
  }) => {
    await connectKey(await openOptions(), seeded.adminKey);
    const accepted = seeded.subs.filter((s) => s.status === 'accepted');
    const presses = 2 * (accepted.length + 1) + 3; // twice round the ring, then three more
    await serviceWorker.evaluate((n) => {
      for (let i = 0; i < n; i++)
        (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-next-workspace');
    }, presses);
    await untilIdle(serviceWorker);
    const expected = accepted[2]!.id;
    const stored = await serviceWorker.evaluate(
      async () =>
        ((await chrome.storage.local.get('actingAs')).actingAs as { workspaceId?: string } | null)?.workspaceId ?? null,
    );
    expect(stored).toBe(expected);
    const rules = await serviceWorker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
    expect(rules.map((r) => r.action.requestHeaders?.[0]?.value)).toEqual([expected]);
    expect(await serviceWorker.evaluate(() => chrome.action.getTitle({}))).toBe(
      `Workspace Switcher: acting as ${accepted[2]!.name}`,
    );
    expect(await actingAsSeenFrom(await pageOn('https://app.instantly.ai'), seeded.adminKey)).toBe(expected);
  });
});

test('the context menu exists and switches everywhere', async ({ openOptions, pageOn, serviceWorker, seeded }) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.filter((s) => s.status === 'accepted')[1]!;
  // The items are there: creating one of their ids again is refused as a duplicate.
  const duplicate = await serviceWorker.evaluate(
    (id) =>
      new Promise<string | undefined>((resolve) =>
        chrome.contextMenus.create({ id, title: 'x' }, () => resolve(chrome.runtime.lastError?.message)),
      ),
    `act-as:${sub.id}`,
  );
  expect(duplicate).toMatch(/duplicate id/i);

  const app = await pageOn('https://app.instantly.ai');
  const tabId = await tabIdOf(serviceWorker, 'https://app.instantly.ai/*');
  await serviceWorker.evaluate(
    ({ id, tabId }) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: `act-as:${id}`, editable: false, pageUrl: '' },
        { id: tabId },
      ),
    { id: sub.id, tabId },
  );
  await expect.poll(() => actingAsSeenFrom(app, seeded.adminKey)).toBe(sub.id);
  await expect.poll(() => badgeText(serviceWorker)).not.toBe('');

  await serviceWorker.evaluate(
    (tabId) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: 'act-as:admin', editable: false, pageUrl: '' },
        { id: tabId },
      ),
    tabId,
  );
  await expect.poll(() => actingAsSeenFrom(app, seeded.adminKey)).toBe(seeded.admin.id);
});

test('this tab only: the tab gets its own workspace and badge, another tab does not, and closing it removes the rule', async ({
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const [everywhere, onlyHere] = seeded.subs.filter((s) => s.status === 'accepted');
  const popup = await openPopup();
  await popup.getByRole('button', { name: `Act as ${everywhere!.name}` }).click();

  const one = await pageOn('https://app.instantly.ai/one');
  const two = await pageOn('https://app.instantly.ai/two');
  const oneTab = await tabIdOf(serviceWorker, 'https://app.instantly.ai/one');
  const twoTab = await tabIdOf(serviceWorker, 'https://app.instantly.ai/two');
  await serviceWorker.evaluate(
    ({ id, tabId }) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: `act-as:tab:${id}`, editable: false, pageUrl: '' },
        { id: tabId },
      ),
    { id: onlyHere!.id, tabId: oneTab },
  );
  await expect.poll(() => actingAsSeenFrom(one, seeded.adminKey)).toBe(onlyHere!.id);
  expect(await actingAsSeenFrom(two, seeded.adminKey)).toBe(everywhere!.id);
  expect(await badgeText(serviceWorker, oneTab)).not.toBe(await badgeText(serviceWorker, twoTab));

  // "No sub workspace" in this tab: the tab goes out as the admin while the rest acts as a sub.
  await serviceWorker.evaluate(
    (tabId) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: 'act-as:tab:admin', editable: false, pageUrl: '' },
        { id: tabId },
      ),
    twoTab,
  );
  await expect.poll(() => actingAsSeenFrom(two, seeded.adminKey)).toBe(seeded.admin.id);
  expect(await serviceWorker.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).toHaveLength(2);

  // Back to "Same as everywhere": the tab's own badge gives way to the everywhere one.
  await serviceWorker.evaluate(
    (tabId) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: 'act-as:tab:follow', editable: false, pageUrl: '' },
        { id: tabId },
      ),
    twoTab,
  );
  await expect.poll(() => actingAsSeenFrom(two, seeded.adminKey)).toBe(everywhere!.id);
  await expect.poll(() => badgeText(serviceWorker, twoTab)).toBe(await badgeText(serviceWorker));
  const look = (tabId?: number) =>
    serviceWorker.evaluate(async (tab) => {
      const details = tab === undefined ? {} : { tabId: tab };
      return {
        colour: await chrome.action.getBadgeBackgroundColor(details),
        title: await chrome.action.getTitle(details),
      };
    }, tabId);
  expect(await look(twoTab)).toEqual(await look());
  await serviceWorker.evaluate(
    (tabId) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: 'act-as:tab:admin', editable: false, pageUrl: '' },
        { id: tabId },
      ),
    twoTab,
  );
  await expect.poll(() => actingAsSeenFrom(two, seeded.adminKey)).toBe(seeded.admin.id);

  await one.close();
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await chrome.declarativeNetRequest.getSessionRules()).length))
    .toBe(1);
  expect(
    await serviceWorker.evaluate(async () =>
      Object.keys((await chrome.storage.session.get('tabActing')).tabActing ?? {}),
    ),
  ).toEqual([String(twoTab)]);
});

test.describe('a site beyond Instantly’s own', () => {
  test.use({ build: 'e2e' });
  test('its requests get the header once its origin is allowed, and it shows in the options page', async ({
    openOptions,
    openPopup,
    pageOn,
    seeded,
    api,
  }) => {
    const options = await openOptions();
    await connectKey(options, seeded.adminKey);
    // Granted at install in this build, as "Allow on this site" would grant it.
    await expect(options.getByRole('list', { name: 'Allowed sites' })).toContainText('https://other.example');
    const sub = seeded.subs.find((s) => s.status === 'accepted')!;
    await (await openPopup()).getByRole('button', { name: `Act as ${sub.name}` }).click();
    const site = await pageOn('https://other.example/crm');
    await api.clearRequests();
    await expect.poll(() => actingAsSeenFrom(site, seeded.adminKey)).toBe(sub.id);
    const [arrived] = await api.requests({ path: '/api/v2/workspaces/current' });
    expect(arrived!.headers.origin).toBe('https://other.example');
  });
});

test('a site that was not allowed does not get the header', async ({ openOptions, openPopup, pageOn, seeded }) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await (await openPopup()).getByRole('button', { name: `Act as ${sub.name}` }).click();
  const app = await pageOn('https://app.instantly.ai');
  await expect.poll(() => actingAsSeenFrom(app, seeded.adminKey)).toBe(sub.id);
  expect(await actingAsSeenFrom(await pageOn('https://other.example/crm'), seeded.adminKey)).toBe(seeded.admin.id);
});

test('the popup works with the keyboard alone', async ({ openOptions, openPopup, seeded }) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  const accepted = seeded.subs.filter((s) => s.status === 'accepted');
  const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
  await expect(search).toBeFocused();

  // Arrow down to the second accepted workspace among all rows, Enter acts as it.
  const target = accepted[1]!;
  const index = seeded.subs.findIndex((s) => s.id === target.id);
  for (let i = 0; i < index; i++) await popup.keyboard.press('ArrowDown');
  // A screen reader hears where the arrows are.
  await expect(popup.locator('[aria-live=polite]')).toHaveText(
    `${target.name}, accepted, ${index + 1} of ${seeded.subs.length}`,
  );
  await popup.keyboard.press('Enter');
  await expect(actingStatus(popup)).toContainText(`Acting as ${target.name}`);

  // Type to narrow, Enter on the only match.
  const other = accepted[2]!;
  await popup.keyboard.type(other.name!);
  await expect(popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem')).toHaveCount(1);
  await popup.keyboard.press('Enter');
  await expect(actingStatus(popup)).toContainText(`Acting as ${other.name}`);

  // Escape clears the search first.
  await popup.keyboard.press('Escape');
  await expect(search).toHaveValue('');

  // Remove with the keyboard: the dialog takes focus (on Cancel), Escape closes it and nothing is sent.
  await popup.getByRole('button', { name: `Remove ${other.name}` }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('dialog')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await popup.keyboard.press('Escape');
  await expect(popup.getByRole('dialog')).toHaveCount(0);
  await expect(popup.getByRole('listitem').filter({ hasText: other.id })).toHaveCount(1);

  // Tab reaches the rows' buttons too.
  await search.focus();
  for (let i = 0; i < 6 && !(await popup.locator('[role=list] :focus').count()); i++) await popup.keyboard.press('Tab');
  await expect(popup.getByRole('list', { name: 'Sub workspaces' }).locator(':focus')).toHaveAttribute(
    'aria-label',
    /^(Favourite|Act as|Details of|Remove) /,
  );
});

test.describe('a group of 1,000', () => {
  test.use({ seed: { subWorkspaces: 1000, namePrefix: 'Client ' } });

  test('typing a workspace’s whole name puts it on top, and Enter acts as it, though its digits are in other ids', async ({
    openOptions,
    openPopup,
    pageOn,
    seeded,
  }) => {
    // A workspace whose name, searched word by word in names and ids, also matched members
    // listed before it (their ids hold its digits): the case that used to act as another.
    const oldFirstMatch = (query: string) => {
      const words = query.toLowerCase().split(/\s+/);
      return seeded.subs.find((s) => words.every((w) => `${s.name ?? ''} ${s.id}`.toLowerCase().includes(w)));
    };
    const target = seeded.subs.find(
      (s) => s.status === 'accepted' && /\d$/.test(s.name ?? '') && oldFirstMatch(s.name!) !== s,
    )!;
    expect(target).toBeDefined();

    const options = await openOptions();
    await options.getByLabel('Instantly API key').fill(seeded.adminKey);
    await options.getByRole('button', { name: 'Save key' }).click();
    // Saving lists the whole group first: ten pages of 100, slower than the usual step allows.
    await expect(options.getByRole('button', { name: 'Save key' })).toBeEnabled({ timeout: 20_000 });
    const popup = await openPopup();
    await expect(popup.getByText('1000 sub workspaces')).toBeVisible();
    const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
    await search.click();
    await popup.keyboard.type(target.name!);
    const first = popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem').first();
    await expect(first).toContainText(target.id);
    await expect(search).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    await popup.keyboard.press('Enter');
    await expect(actingStatus(popup)).toContainText(`Acting as ${target.name}`);
    expect(await actingAsSeenFrom(await pageOn('https://app.instantly.ai'), seeded.adminKey)).toBe(target.id);
  });
});

test('a browser restart drops per-tab choices and leaves no stale rule', async ({
  openOptions,
  pageOn,
  serviceWorker,
  restartBrowser,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey, { remember: true });
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await pageOn('https://app.instantly.ai/tab');
  const tabId = await tabIdOf(serviceWorker, 'https://app.instantly.ai/tab');
  await serviceWorker.evaluate(
    ({ id, tabId }) =>
      (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
        { menuItemId: `act-as:tab:${id}`, editable: false, pageUrl: '' },
        { id: tabId },
      ),
    { id: sub.id, tabId },
  );
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await chrome.declarativeNetRequest.getSessionRules()).length))
    .toBe(1);

  const { serviceWorker: worker } = await restartBrowser();
  await expect
    .poll(() => worker.evaluate(async () => (await chrome.storage.session.get('tabActing')).tabActing ?? {}))
    .toEqual({});
  expect(await worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).toEqual([]);
  const page = await pageOn('https://app.instantly.ai/tab');
  expect(await actingAsSeenFrom(page, seeded.adminKey)).toBe(seeded.admin.id);
});
