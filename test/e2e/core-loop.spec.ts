// The core loop in real Chromium: key → group → act as → the header arrives at the API.
import { expect, test } from './fixtures';
import {
  actingStatus,
  badgeText,
  connectKey,
  CURRENT_WORKSPACE,
  fetchFromPage,
  storedKeyMaterial,
  storedState,
} from './steps';

test('a valid admin key shows its workspace and that it is an admin workspace', async ({ openOptions, seeded }) => {
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  await expect(options.getByRole('status')).toContainText(`Connected to ${seeded.admin.name}`);
  await expect(options.getByRole('status')).toContainText('an admin workspace with 30 sub workspaces');
  await expect(options.getByRole('alert')).toHaveCount(0);
});

test('a sub workspace key shows its admin workspace', async ({ openOptions, seeded }) => {
  const options = await openOptions();
  await connectKey(options, seeded.subKey);
  await expect(options.getByRole('status')).toContainText(`a sub workspace of ${seeded.admin.name}`);
});

test('a wrong key, a revoked one, an unpaid workspace and no network each get their own alert, and nothing is stored', async ({
  openOptions,
  serviceWorker,
  seeded,
  api,
}) => {
  const options = await openOptions();
  await connectKey(options, 'not-a-real-key', { remember: true });
  await expect(options.getByRole('alert')).toContainText('Instantly rejected this API key');
  await expect(options.getByRole('status')).toContainText('No key connected');
  expect(await storedKeyMaterial(serviceWorker, 'not-a-real-key')).toEqual([]);
  expect((await storedState(serviceWorker)).local.account ?? []).toEqual([]);

  // A revoked key and an unpaid workspace's key: each its own sentence.
  await connectKey(options, seeded.revokedKey);
  await expect(options.getByRole('alert')).toContainText('this API key has been revoked');
  await connectKey(options, seeded.unpaidKey);
  await expect(options.getByRole('alert')).toContainText('no active paid Instantly plan');
  // No network: a sentence of its own too.
  await api.offline(true);
  await connectKey(options, seeded.adminKey);
  await expect(options.getByRole('alert')).toContainText('Can’t reach Instantly');
  await api.offline(false);
  expect(await storedKeyMaterial(serviceWorker, seeded.revokedKey, seeded.unpaidKey, seeded.adminKey)).toEqual([]);
  expect((await storedState(serviceWorker)).local.account ?? []).toEqual([]);
});

test('the key stays in session storage unless remembered, never in sync storage', async ({
  openOptions,
  serviceWorker,
  seeded,
}) => {
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  await expect(options.getByRole('status')).toContainText('kept until the browser closes');
  let stored = await storedState(serviceWorker);
  expect(JSON.stringify(stored.session)).toContain(seeded.adminKey);
  expect(JSON.stringify(stored.local)).not.toContain(seeded.adminKey);

  await connectKey(options, seeded.adminKey, { remember: true });
  await expect(options.getByRole('status')).toContainText('remembered on this device');
  stored = await storedState(serviceWorker);
  expect(JSON.stringify(stored.local)).toContain(seeded.adminKey);
  expect(JSON.stringify(stored.session)).not.toContain(seeded.adminKey);
  expect(stored.sync).toEqual({});

  await options.getByRole('button', { name: 'Forget key' }).click();
  await expect(options.getByRole('status')).toContainText('No key connected');
  expect(JSON.stringify(await storedState(serviceWorker))).not.toContain(seeded.adminKey);
});

test.describe('a group of 150', () => {
  test.use({ seed: { subWorkspaces: 150, nullNameEvery: 25 } });

  test('the popup lists every member with its status, searchable by name or id', async ({
    openOptions,
    openPopup,
    seeded,
    api,
  }) => {
    await connectKey(await openOptions(), seeded.adminKey);
    const popup = await openPopup();
    const count = (status: string) => seeded.subs.filter((s) => s.status === status).length;
    await expect(popup.getByText('150 sub workspaces')).toContainText(
      `${count('accepted')} accepted · ${count('pending')} pending · ${count('rejected')} rejected`,
    );
    // All pages were fetched: 100 + 50 + the empty page that ends the walk.
    const pages = await api.requests({ path: '/api/v2/workspace-group-members', method: 'GET' });
    expect(pages.filter((r) => r.query.limit === '100').length).toBeGreaterThanOrEqual(3);

    const list = popup.getByRole('list', { name: 'Sub workspaces' });
    // The last member is reachable by scrolling to the end of the list.
    await list.evaluate((el) => el.parentElement!.scrollTo(0, el.scrollHeight));
    const last = seeded.subs.at(-1)!;
    await expect(list.getByRole('listitem').filter({ hasText: last.id }).last()).toContainText(last.status);

    // Search by name, and by id for a member without a name (shown by its id).
    const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
    await expect(search).toBeFocused();
    for (const sub of [seeded.subs[137]!, seeded.subs.find((s) => s.name === null)!]) {
      await search.fill(sub.name ?? sub.id.slice(-12));
      const row = list.getByRole('listitem').filter({ hasText: sub.id });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(sub.status);
      await expect(row).toContainText(sub.name ?? sub.id);
    }
  });
});

test('acting as a sub workspace: pages on app.instantly.ai send the header, the extension itself never does', async ({
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const pending = seeded.subs.find((s) => s.status === 'pending')!;

  // Pending (and rejected) rows offer no way to act as them.
  await expect(popup.getByRole('listitem').filter({ hasText: pending.id })).toContainText('pending');
  await expect(popup.getByRole('button', { name: `Act as ${pending.name}` })).toHaveCount(0);

  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as ${sub.name}`);
  // The badge names the workspace by its initials, e.g. "AO" for Acme Outbound.
  const initials = sub
    .name!.split(/\s+/)
    .map((word) => word[0])
    .join('')
    .slice(0, 3)
    .toUpperCase();
  await expect.poll(() => badgeText(serviceWorker)).toBe(initials);

  const app = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  const answer = await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey);
  expect(answer.status).toBe(200);
  expect(answer.body?.id).toBe(sub.id); // the API answered as the sub workspace
  const [arrived] = await api.requests({ path: '/api/v2/workspaces/current' });
  expect(arrived!.headers['x-as-workspace']).toBe(sub.id);

  // The extension's own calls go out as the admin workspace.
  await api.clearRequests();
  await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect
    .poll(async () => (await api.requests({ path: '/api/v2/workspace-group-members' })).length)
    .toBeGreaterThan(0);
  const own = await api.requests({ host: 'api.instantly.ai' });
  expect(own.length).toBeGreaterThan(0);
  expect(own.map((r) => r.headers['x-as-workspace'] ?? null)).toEqual(own.map(() => null));

  // Another host never gets it.
  await api.clearRequests();
  await app.evaluate(() => fetch('https://other.example/anything', { mode: 'no-cors' }).then(() => undefined));
  const other = await api.requests({ host: 'other.example' });
  expect(other).toHaveLength(1);
  expect(other[0]!.headers['x-as-workspace']).toBeUndefined();

  // Stop acting: the header is gone, and so is the badge.
  await popup.getByRole('button', { name: 'Stop acting' }).click();
  await expect(actingStatus(popup)).toContainText('Acting as the admin workspace');
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
  await api.clearRequests();
  const after = await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey);
  expect(after.body?.id).toBe(seeded.admin.id);
  const [plain] = await api.requests({ path: '/api/v2/workspaces/current' });
  expect(plain!.headers['x-as-workspace']).toBeUndefined();
});

test('the choice survives a browser restart: rules and badge are rebuilt from storage', async ({
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  restartBrowser,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey, { remember: true });
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const popup = await openPopup();
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect.poll(() => badgeText(serviceWorker)).not.toBe('');

  const { serviceWorker: worker } = await restartBrowser();
  await expect.poll(() => badgeText(worker)).not.toBe('');

  const app = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  await expect.poll(async () => (await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey)).body?.id).toBe(sub.id);
});

test('two popups open at once show the same state', async ({ openOptions, openPopup, seeded }) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const [first, second] = [await openPopup(), await openPopup()];
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await first.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(second)).toContainText(`Acting as ${sub.name}`);
  await second.getByRole('button', { name: 'Stop acting' }).click();
  await expect(actingStatus(first)).toContainText('Acting as the admin workspace');
});
