// The glance: each accepted client's unread replies, launched campaigns and accounts in trouble,
// read by the background with the admin key as that client, and shown on its row.
import type { Page } from '@playwright/test';
import { expect, test, type SeedResult } from './fixtures';
import { connectKey } from './steps';

// Subs 3, 6, 9 pending; 5, 10 rejected; 1, 2, 4, 7, 8 accepted: every row fits in the list's window.
test.use({ seed: { subWorkspaces: 10, pendingEvery: 3, rejectedEvery: 5 } });

const GLANCE_PATHS = ['/api/v2/emails/unread/count', '/api/v2/campaigns/count-launched', '/api/v2/accounts'];
const rows = (popup: Page) => popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem');
const rowOf = (popup: Page, name: string) => rows(popup).filter({ hasText: name });
/** The row's "<n> unread", exactly (not a larger number ending in the same digits). */
const unreadOf = (popup: Page, name: string) => rowOf(popup, name).getByText(/^\d+ unread$/);
const accepted = (seeded: SeedResult) => seeded.subs.filter((s) => s.status === 'accepted');

test('Refresh glance: each accepted row shows its own unread count; every call went out with the admin key as an accepted sub workspace, none for pending or rejected ones', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await api.clearRequests();
  await popup.getByRole('button', { name: 'Refresh glance' }).click();

  for (const sub of accepted(seeded))
    await expect(unreadOf(popup, sub.name!)).toHaveText(`${sub.glance.unread} unread`);
  await expect(popup.getByRole('button', { name: 'Refresh glance' })).toBeEnabled();
  for (const sub of seeded.subs.filter((s) => s.status !== 'accepted'))
    await expect(rowOf(popup, sub.name!)).not.toContainText('unread');

  const calls = (await api.requests({ host: 'api.instantly.ai' })).filter((r) => GLANCE_PATHS.includes(r.path));
  const acceptedIds = accepted(seeded).map((s) => s.id);
  expect(calls).toHaveLength(acceptedIds.length * 3);
  for (const call of calls) {
    expect(call.headers.authorization).toBe(`Bearer ${seeded.adminKey}`);
    expect(acceptedIds).toContain(call.headers['x-as-workspace']);
  }
  // Each accepted sub workspace was asked for all three, as itself.
  for (const id of acceptedIds)
    expect(
      calls
        .filter((c) => c.headers['x-as-workspace'] === id)
        .map((c) => c.path)
        .sort(),
    ).toEqual([...GLANCE_PATHS].sort());
});

test('a scope missing for one client shows on that row only, naming the scope; the others show their figures', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  const [refused, ...others] = accepted(seeded);
  await api.setWorkspace(refused!.id, { deniedScopes: ['emails:read'] });
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Refresh glance' }).click();

  await expect(rowOf(popup, refused!.name!)).toContainText(
    'This key can’t read unread replies: it needs the scope emails:read.',
  );
  await expect(rowOf(popup, refused!.name!)).toContainText(
    refused!.glance.launched === 1 ? '1 campaign' : `${refused!.glance.launched} campaigns`,
  );
  await expect(unreadOf(popup, refused!.name!)).toHaveCount(0);
  for (const sub of others) {
    await expect(unreadOf(popup, sub.name!)).toHaveText(`${sub.glance.unread} unread`);
    await expect(rowOf(popup, sub.name!)).not.toContainText('emails:read');
  }
  await expect(popup.getByRole('alert')).toContainText('1 workspace could not be fully read: its row says why.');
  const [call] = (await api.requests({ path: '/api/v2/emails/unread/count' })).filter(
    (r) => r.headers['x-as-workspace'] === refused!.id,
  );
  expect(call!.status).toBe(403);
});

test('accounts in trouble: the row says how many, its details name them and why, from the keyboard too', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  const client = accepted(seeded)[1]!;
  await api.setGlance(client.id, {
    accounts: [
      { email: 'ok@client.example' },
      {
        email: 'smtp@client.example',
        status: -3,
        status_message: { response: '550-5.4.5 Daily user sending limit exceeded' },
      },
      { email: 'warm@client.example', warmup_status: -1 },
    ],
  });
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Refresh glance' }).click();
  await expect(rowOf(popup, client.name!)).toContainText('2 accounts in trouble');

  const details = popup.getByRole('button', { name: `2 accounts in trouble: details for ${client.name}` });
  await details.focus();
  await popup.keyboard.press('Enter');
  const popover = popup.locator('.glance-details:popover-open');
  await expect(popover).toContainText(
    'smtp@client.example: sending error: 550-5.4.5 Daily user sending limit exceeded',
  );
  await expect(popover).toContainText('warm@client.example: warmup banned');
  await expect(popover).not.toContainText('ok@client.example');
  await popup.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
});

test('Needs attention first: accounts in trouble, then unread replies; remembered; the search still filters', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  const [a, b, c, d, e] = accepted(seeded);
  await api.setGlance(a!.id, { unread: 1, accounts: [{ email: 'fine@a.example' }] });
  await api.setGlance(b!.id, { unread: 2, accounts: [{ email: 'fine@b.example' }] });
  await api.setGlance(c!.id, { unread: 0, accounts: [{ email: 'down@c.example', status: -1 }] });
  await api.setGlance(d!.id, { unread: 40, accounts: [{ email: 'fine@d.example' }] });
  await api.setGlance(e!.id, {
    unread: 3,
    accounts: [
      { email: 'down@e.example', status: -2 },
      { email: 'banned@e.example', warmup_status: -3 },
    ],
  });
  await connectKey(await openOptions(), seeded.adminKey);
  let popup = await openPopup();
  await popup.getByRole('button', { name: 'Refresh glance' }).click();
  await expect(rowOf(popup, e!.name!)).toContainText('2 accounts in trouble');
  await expect(rows(popup).first()).toContainText(a!.name!);

  // Not check(): the box shows what storage holds, so it ticks only after the background stored
  // it, later than check() looks right after its click.
  const attentionFirst = popup.getByRole('checkbox', { name: 'Needs attention first' });
  await attentionFirst.click();
  await expect(attentionFirst).toBeChecked();
  const attentionOrder = [e, c, d, b, a].map((s) => s!.name!);
  await expect(rows(popup).filter({ hasText: 'unread' })).toHaveText(
    attentionOrder.map((name) => new RegExp(escape(name))),
  );
  // The rows without figures (pending, rejected) come after, in the list's order.
  await expect(rows(popup).nth(5)).not.toContainText('unread');

  await popup.close();
  popup = await openPopup();
  await expect(popup.getByRole('checkbox', { name: 'Needs attention first' })).toBeChecked();
  await expect(rows(popup).filter({ hasText: 'unread' })).toHaveText(
    attentionOrder.map((name) => new RegExp(escape(name))),
  );

  await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(d!.name!);
  await expect(rows(popup)).toHaveCount(1);
  await expect(unreadOf(popup, d!.name!)).toHaveText('40 unread');
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
