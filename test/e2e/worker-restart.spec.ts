// The service worker may stop at any moment (here: the browser closes mid-action). What it was
// doing is neither lost nor repeated: the next start settles it from the server's state.
// (chrome.runtime.reload() cannot stand in for this: see restartBrowser in fixtures.ts.)
import { expect, test } from './fixtures';
import { connectKey } from './steps';

test('an invite in flight when the browser stops is settled from the server, not sent twice', async ({
  restartBrowser,
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey, { remember: true });
  const popup = await openPopup();
  await api.latency(1500);
  const invitee = seeded.invitable[0]!;
  // The invite box is behind “Add sub workspace”.
  await popup.getByRole('button', { name: 'Add sub workspace' }).click();
  await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill(invitee.id);
  await popup.getByRole('button', { name: 'Invite' }).click();
  await expect.poll(async () => (await api.requests({ method: 'POST' })).length).toBe(1);

  await restartBrowser();
  await api.latency(0);

  // Whether the fake finished the request before the browser went is its business; the
  // extension must report exactly what the server holds, and never send the invite again.
  const again = await openPopup();
  await expect(again.getByRole('alert')).toContainText(`Inviting ${invitee.id} was interrupted`);
  const invited = (await api.state()).memberships.some((m) => m.sub_workspace_id === invitee.id);
  await expect(again.getByRole('alert')).toContainText(
    invited ? 'but Instantly had already done it.' : 'before Instantly got it: nothing changed.',
  );
  await again.getByRole('searchbox', { name: 'Search workspaces' }).fill(invitee.id);
  await expect(again.getByRole('listitem').filter({ hasText: invitee.id })).toHaveCount(invited ? 1 : 0);
  expect(await api.requests({ method: 'POST' })).toHaveLength(1);
});

test('a removal in flight when the browser stops: the row hides at once, and the outcome is reported after', async ({
  restartBrowser,
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey, { remember: true });
  const popup = await openPopup();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await api.latency(3000);
  await popup.getByRole('button', { name: `Remove ${sub.name}` }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByRole('listitem').filter({ hasText: sub.id })).toHaveCount(0);
  await expect.poll(async () => (await api.requests({ method: 'DELETE' })).length).toBe(1);
  await restartBrowser();
  await api.latency(0);

  const again = await openPopup();
  await expect(again.getByRole('alert')).toContainText(`Removing ${sub.name} was interrupted`);
  const removed = !(await api.state()).memberships.some((m) => m.id === sub.membershipId);
  await expect(again.getByRole('alert')).toContainText(removed ? 'had already done it' : 'nothing changed');
  await again.getByRole('searchbox', { name: 'Search workspaces' }).fill(sub.name!);
  await expect(again.getByRole('listitem').filter({ hasText: sub.id })).toHaveCount(removed ? 0 : 1);
  expect(await api.requests({ method: 'DELETE' })).toHaveLength(1);
});

// The connection dies after the request reached the server: whether it was applied is unknown,
// so the user is told exactly that, and the row stays until a sync settles it.
test('with the network gone mid-removal, the outcome is said as unknown and the row stays', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await api.offline(true);
  await popup.getByRole('button', { name: `Remove ${sub.name}` }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByRole('alert')).toContainText(`Removing ${sub.name}: the connection to Instantly broke off`);
  await expect(popup.getByRole('alert')).toContainText('checking whether it went through');
  const row = popup.getByRole('listitem').filter({ hasText: sub.id });
  await expect(row).toContainText('accepted');
  await expect(row).toContainText('checking…');
  // Back online, a refresh settles it: the row is gone or stays, and nothing is being checked.
  await api.offline(false);
  await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(popup.getByRole('list', { name: 'Sub workspaces' })).not.toContainText('checking…');
});
