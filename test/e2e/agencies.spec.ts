// Several agencies in one popup, in real Chromium: two admin keys, one list, a page that must
// bring the right agency's key, and one agency forgotten without a trace of its rules or menu.
import type { Page, Worker } from '@playwright/test';
import { expect, test, type Chrome, type SeedResult } from './fixtures';
import { actingStatus, connectKey, CURRENT_WORKSPACE, fetchFromPage } from './steps';

declare const chrome: Chrome;

test.use({ seed: { subWorkspaces: 6, secondAgency: 4 } });

function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('the seed has no such thing');
  return value;
}

/** Whether the context menu has an item: creating its id again is refused as a duplicate. */
function menuHas(worker: Worker, id: string): Promise<boolean> {
  return worker.evaluate(
    (itemId) =>
      new Promise<boolean>((resolve) =>
        chrome.contextMenus.create({ id: itemId, title: 'probe' }, () => {
          const refused = /duplicate id/i.test(chrome.runtime.lastError?.message ?? '');
          // A probe that was created is taken away again, so it cannot stand in for the real item.
          if (refused) resolve(true);
          else chrome.contextMenus.remove(itemId, () => resolve(false));
        }),
      ),
    id,
  );
}

/** The list's agency filter (the invite form has a select of the same name). */
const agencyFilter = (popup: Page) =>
  popup.getByRole('combobox', { name: 'Agency' }).filter({ has: popup.getByRole('option', { name: 'All agencies' }) });

async function connectBoth(options: Page, seeded: SeedResult, north: NonNullable<SeedResult['secondAgency']>) {
  await connectKey(options, seeded.adminKey);
  await expect(options.getByRole('status')).toContainText(`Connected to ${seeded.admin.name}`);
  await connectKey(options, north.adminKey);
  await expect(options.getByRole('status')).toContainText('Connected to 2 workspaces');
}

test('two agencies: one list, act as the second’s sub workspace, a page with its key is answered as it; forgetting it leaves no rule or menu entry', async ({
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
  api,
}) => {
  const north = must(seeded.secondAgency);
  const northSub = must(north.subs.find((s) => s.status === 'accepted'));
  const ownSub = must(seeded.subs.find((s) => s.status === 'accepted'));
  const options = await openOptions();
  await connectBoth(options, seeded, north);

  // Each connected workspace says what it is, and can be forgotten on its own.
  const connected = options.getByRole('list', { name: 'Connected workspaces' }).getByRole('listitem');
  await expect(connected).toHaveCount(2);
  await expect(connected.filter({ hasText: north.admin.name })).toContainText(
    'an admin workspace with 4 sub workspaces',
  );
  await expect(connected.filter({ hasText: seeded.admin.name })).toContainText(
    'an admin workspace with 6 sub workspaces',
  );
  await expect(
    options.getByRole('checkbox', { name: `Remember ${north.admin.name} on this device` }),
  ).not.toBeChecked();
  await expect(options.getByRole('button', { name: 'Forget key' })).toHaveCount(0);

  const popup = await openPopup();
  const rows = popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem');
  await expect(popup.getByText('10 sub workspaces')).toBeVisible();
  // Searchable together; each row names its agency.
  const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
  await search.fill(northSub.name ?? '');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`· ${north.admin.name}`);
  await search.fill(ownSub.name ?? '');
  await expect(rows.filter({ hasText: ownSub.name ?? '' })).toContainText(`· ${seeded.admin.name}`);
  await search.fill('');

  // Narrowed to the second agency: its four rows, and only them.
  await agencyFilter(popup).selectOption({ label: north.admin.name });
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) await expect(row).toContainText(`· ${north.admin.name}`);

  await popup.getByRole('button', { name: `Act as ${northSub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as ${northSub.name}`);
  await expect(actingStatus(popup)).toContainText(`Pages must use ${north.admin.name}'s key`);
  await expect.poll(() => menuHas(serviceWorker, `act-as:${northSub.id}`)).toBe(true);

  // A page that brings the second agency's key is answered as its sub workspace.
  const app = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  const answer = await fetchFromPage(app, CURRENT_WORKSPACE, north.adminKey);
  expect(answer.status).toBe(200);
  expect(answer.body?.id).toBe(northSub.id);
  const [arrived] = await api.requests({ path: '/api/v2/workspaces/current', method: 'GET' });
  expect(arrived?.headers['x-as-workspace']).toBe(northSub.id);
  expect(arrived?.headers.authorization).toBe(`Bearer ${north.adminKey}`);
  // With the other agency's key the API refuses it: why the popup names the key to use.
  const wrongKey = await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey);
  expect(wrongKey.status).toBe(403);

  // Forget the second agency: its rows, its act-as rule and its menu entries go; the first stays.
  await options.bringToFront();
  await options.getByRole('button', { name: `Forget ${north.admin.name}` }).click();
  await expect(options.getByRole('status')).toContainText(`Connected to ${seeded.admin.name}`);
  await expect(options.getByRole('button', { name: 'Forget key' })).toBeVisible();

  await expect(popup.getByText('6 sub workspaces')).toBeVisible();
  await expect(rows.filter({ hasText: north.admin.name })).toHaveCount(0);
  await expect(agencyFilter(popup)).toHaveCount(0);
  await expect(actingStatus(popup)).toContainText(`Acting as the admin workspace ${seeded.admin.name}`);
  await api.clearRequests();
  const after = await fetchFromPage(app, CURRENT_WORKSPACE, north.adminKey);
  expect(after.body?.id).toBe(north.admin.id);
  const [plain] = await api.requests({ path: '/api/v2/workspaces/current', method: 'GET' });
  expect(plain?.headers['x-as-workspace']).toBeUndefined();
  expect(await menuHas(serviceWorker, `act-as:${northSub.id}`)).toBe(false);
  expect(await menuHas(serviceWorker, `act-as:${ownSub.id}`)).toBe(true);
});

test('inviting with two agencies asks which one, and the invitation goes out with its key', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  const north = must(seeded.secondAgency);
  await connectBoth(await openOptions(), seeded, north);
  const popup = await openPopup();
  const invited = must(seeded.invitable[0]);
  // The invite box is behind “Add sub workspace”.
  await popup.getByRole('button', { name: 'Add sub workspace' }).click();
  const form = popup.getByRole('form', { name: 'Invite a workspace' });
  await form.getByRole('combobox', { name: 'Agency' }).selectOption({ label: north.admin.name });
  await api.clearRequests();
  await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill(invited.id);
  await popup.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(popup.getByText(`Invitation sent to ${invited.name}`)).toBeVisible();
  const [sent] = await api.requests({ path: '/api/v2/workspace-group-members', method: 'POST' });
  expect(sent?.headers.authorization).toBe(`Bearer ${north.adminKey}`);
  await expect(
    popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem').filter({ hasText: invited.id }),
  ).toContainText(`· ${north.admin.name}`);
});
