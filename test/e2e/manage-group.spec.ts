// Managing the group from the popup: invite, remove, leave, with Instantly's rules in plain words.
import { expect, test } from './fixtures';
import { actingStatus, connectKey, CURRENT_WORKSPACE, fetchFromPage } from './steps';

test('invite: a malformed id is refused without a request; a valid one appears pending, then accepted', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  // The invite box is behind “Add sub workspace”.
  await popup.getByRole('button', { name: 'Add sub workspace' }).click();
  const idBox = popup.getByRole('textbox', { name: 'Workspace ID to invite' });
  await api.clearRequests();

  await idBox.fill('acme-outbound');
  await popup.getByRole('button', { name: 'Invite' }).click();
  await expect(popup.getByRole('alert')).toContainText('That is not a workspace ID');
  await expect(idBox).toHaveValue('acme-outbound');
  expect(await api.requests({ method: 'POST' })).toEqual([]);

  const invitee = seeded.invitable[0]!;
  await idBox.fill(invitee.id);
  await popup.getByRole('button', { name: 'Invite' }).click();
  const row = popup.getByRole('listitem').filter({ hasText: invitee.id });
  await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(invitee.name);
  await expect(row).toContainText('pending');
  await expect(idBox).toHaveValue('');
  await expect(popup.getByRole('button', { name: `Act as ${invitee.name}` })).toHaveCount(0);
  const [post] = await api.requests({ method: 'POST' });
  expect(JSON.parse(post!.body)).toEqual({ sub_workspace_id: invitee.id });

  // Its owner accepts; a refresh picks it up and it can be acted as.
  const membership = (await api.state()).memberships.find((m) => m.sub_workspace_id === invitee.id)!;
  await api.accept(membership.id);
  await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(row).toContainText('accepted');
  await expect(popup.getByRole('alert')).toContainText('accepted your invitation');
  await popup.getByRole('button', { name: `Act as ${invitee.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as ${invitee.name}`);
});

test('inviting a workspace that already has an invitation is explained, and the id is kept', async ({
  openOptions,
  openPopup,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  const pending = seeded.subs.find((s) => s.status === 'pending')!;
  // The invite box is behind “Add sub workspace”.
  await popup.getByRole('button', { name: 'Add sub workspace' }).click();
  const idBox = popup.getByRole('textbox', { name: 'Workspace ID to invite' });
  await idBox.fill(pending.id);
  await popup.getByRole('button', { name: 'Invite' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'already belongs to a workspace group or has a pending invitation',
  );
  await expect(idBox).toHaveValue(pending.id);
});

test('remove asks first, then the member is gone on the server; removing the acted-as one clears the header', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as ${sub.name}`);

  await popup.getByRole('button', { name: `Remove ${sub.name}` }).click();
  const dialog = popup.getByRole('dialog');
  await expect(dialog).toContainText('Removal is immediate and needs no consent from the sub workspace');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api.state()).memberships.some((m) => m.id === sub.membershipId)).toBe(true);

  await popup.getByRole('button', { name: `Remove ${sub.name}` }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByRole('listitem').filter({ hasText: sub.id })).toHaveCount(0);
  await expect.poll(async () => (await api.state()).memberships.some((m) => m.id === sub.membershipId)).toBe(false);
  await expect(actingStatus(popup)).toContainText('Acting as the admin workspace');

  const app = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  expect((await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey)).body?.id).toBe(seeded.admin.id);
  const [arrived] = await api.requests({ path: '/api/v2/workspaces/current' });
  expect(arrived!.headers['x-as-workspace']).toBeUndefined();
});

test('a member without rights cannot remove: the row comes back with the reason', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminMemberKey);
  const popup = await openPopup();
  const sub = seeded.subs[0]!;
  await popup.getByRole('button', { name: `Remove ${sub.name}` }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    `${sub.name} was not removed. Only owners and admins can remove sub workspaces`,
  );
  await expect(popup.getByRole('listitem').filter({ hasText: sub.id })).toHaveCount(1);
  expect((await api.state()).memberships.some((m) => m.id === sub.membershipId)).toBe(true);
});

test('the owner of a sub workspace leaves the group: the membership is gone on the server', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.subKey);
  const popup = await openPopup();
  await expect(popup.getByText(`is a sub workspace of ${seeded.admin.name}`)).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Add sub workspace' })).toHaveCount(0);
  await expect(popup.getByRole('textbox', { name: 'Workspace ID to invite' })).toHaveCount(0);
  await popup.getByRole('button', { name: 'Leave workspace group' }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByText('Not in a workspace group')).toBeVisible();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  expect((await api.state()).memberships.some((m) => m.id === sub.membershipId)).toBe(false);
});

test('a member (not owner) of a sub workspace cannot leave: alert, membership intact', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.subMemberKey);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Leave workspace group' }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByRole('alert')).toContainText('Only the workspace owner can leave the group.');
  await expect(popup.getByRole('button', { name: 'Leave workspace group' })).toBeVisible();
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  expect((await api.state()).memberships.some((m) => m.id === sub.membershipId)).toBe(true);
});

test('a 429 on the list is retried and recovers without bothering the user', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await expect(popup.getByText('30 sub workspaces')).toBeVisible();
  await api.clearRequests();
  await api.fault({ status: 429, count: 1, retryAfter: 0, path: '/api/v2/workspace-group-members' });
  await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect
    .poll(async () => (await api.requests({ path: '/api/v2/workspace-group-members' })).map((r) => r.status))
    .toEqual(expect.arrayContaining([429, 200]));
  await expect(popup.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await expect(popup.getByText('30 sub workspaces')).toBeVisible();
});

test('a lasting 500 shows a plain message with Retry, which works once the server is back', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await expect(popup.getByText('30 sub workspaces')).toBeVisible();
  await api.fault({ status: 500, count: 50 });
  await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
  const alert = popup.getByRole('alert').filter({ hasText: 'Instantly had a problem answering' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  // The last known group stays on screen.
  await expect(popup.getByText('30 sub workspaces')).toBeVisible();
  await api.clearFaults();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toHaveCount(0);
});

test.describe('a group of 250', () => {
  test.use({ seed: { subWorkspaces: 250 } });
  test('lists completely', async ({ openOptions, openPopup, seeded }) => {
    await connectKey(await openOptions(), seeded.adminKey);
    const popup = await openPopup();
    await expect(popup.getByText('250 sub workspaces')).toBeVisible();
    const last = seeded.subs.at(-1)!;
    await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(last.id);
    await expect(popup.getByRole('listitem').filter({ hasText: last.id })).toContainText(last.status);
  });

  test('an invitation shows its result: the new pending row in view and highlighted, and a status that says so', async ({
    openOptions,
    openPopup,
    seeded,
    api,
  }) => {
    await connectKey(await openOptions(), seeded.adminKey);
    const popup = await openPopup();
    await expect(popup.getByText('250 sub workspaces')).toBeVisible();
    // A search that the new row does not match: it is cleared so the row can be shown.
    const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
    await search.fill(seeded.subs[0]!.name!);
    const invitee = seeded.invitable[1]!;
    // The invite box is behind “Add sub workspace”.
    await popup.getByRole('button', { name: 'Add sub workspace' }).click();
    await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill(invitee.id);
    await popup.getByRole('button', { name: 'Invite' }).click();

    await expect(popup.getByRole('status').filter({ hasText: 'Invitation sent to' })).toHaveText(
      `Invitation sent to ${invitee.name}`,
    );
    expect((await api.state()).memberships.filter((m) => m.sub_workspace_id === invitee.id)).toHaveLength(1);
    await expect(popup.getByText('251 sub workspaces')).toBeVisible();
    const row = popup
      .getByRole('list', { name: 'Sub workspaces' })
      .getByRole('listitem')
      .filter({ hasText: invitee.id });
    await expect(row).toContainText('pending');
    // Inside the list's visible window, and the popup's.
    await expect(row).toBeInViewport({ ratio: 1 });
    const [rowBox, scrollerBox] = [await row.boundingBox(), await popup.locator('.scroller').boundingBox()];
    expect(rowBox!.y).toBeGreaterThanOrEqual(scrollerBox!.y);
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(scrollerBox!.y + scrollerBox!.height);
    // Highlighted: the row the keyboard is on.
    await expect(search).toHaveAttribute('aria-activedescendant', (await row.getAttribute('id'))!);
    await expect(row).toHaveClass(/highlighted/);
  });
});
