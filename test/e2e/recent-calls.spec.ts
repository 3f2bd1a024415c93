// Proof of what went out as whom: the popup's `Recent API calls` lists each page's call to the
// API with whom it really went out as, and says when a site relayed a call through its own
// server, which no rule can switch (docs/browsers.md#observing-requests,
// docs/browsers.md#server-relayed-calls).
import type { Page } from '@playwright/test';
import { expect, test, type Chrome } from './fixtures';
import { actingStatus, connectKey, CURRENT_WORKSPACE, storedState } from './steps';

declare const chrome: Chrome;

test.use({ seed: { subWorkspaces: 6 } });

const recentCalls = (popup: Page) => popup.getByRole('list', { name: 'Recent API calls' });

/** Opens the popup's Recent API calls (folded by default, so the group keeps the room). */
async function openRecentCalls(popup: Page) {
  await popup.getByText('Recent API calls', { exact: true }).click();
}

/** A page's own call to the API, with a key, a query value and a body that must never be kept. */
function callFromPage(
  page: Page,
  key: string,
  {
    method = 'GET',
    url = `${CURRENT_WORKSPACE}?token=query-secret-value`,
    body,
  }: { method?: string; url?: string; body?: string } = {},
) {
  return page.evaluate(
    async ({ method, url, key, body }) => {
      const response = await fetch(url, {
        method,
        body,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
      return { status: response.status, id: ((await response.json().catch(() => ({}))) as { id?: string }).id };
    },
    { method, url, key, body },
  );
}

test('Recent API calls shows whom each page call went out as, and keeps no key, query or body', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  serviceWorker,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted' && s.name)!;
  const popup = await openPopup();
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(sub.name!);

  const app = await pageOn('https://app.instantly.ai');
  for (let i = 0; i < 2; i++) expect(await callFromPage(app, seeded.adminKey)).toEqual({ status: 200, id: sub.id });

  await openRecentCalls(popup);
  // The extension's own calls (the key check, the group listing) are not among them.
  const rows = recentCalls(popup).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row).toContainText('GET /api/v2/workspaces/current');
    await expect(row).toContainText('from app.instantly.ai');
    await expect(row).toContainText('200');
    await expect(row).toContainText(`as ${sub.name}`);
  }

  await popup.getByRole('button', { name: 'Stop acting' }).click();
  await expect(actingStatus(popup)).toContainText('admin workspace');
  expect(await callFromPage(app, seeded.adminKey)).toEqual({ status: 200, id: seeded.admin.id });
  // A call with a body: its method and path are listed, its body is not.
  const invitee = seeded.invitable[0]!;
  const body = JSON.stringify({ sub_workspace_id: invitee.id, note: 'body-secret-value' });
  await callFromPage(app, seeded.adminKey, {
    method: 'POST',
    url: 'https://api.instantly.ai/api/v2/workspace-group-members',
    body,
  });

  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('POST /api/v2/workspace-group-members');
  await expect(rows.nth(1)).toContainText('GET /api/v2/workspaces/current');
  await expect(rows.nth(1)).toContainText('as admin workspace');
  await expect(rows.nth(0)).toContainText('as admin workspace');

  const listed = await recentCalls(popup).innerText();
  const stored = JSON.stringify((await storedState(serviceWorker)).session.recentCalls);
  for (const secret of [seeded.adminKey, 'Bearer', 'query-secret-value', 'token', 'body-secret-value', invitee.id]) {
    expect(listed).not.toContain(secret);
    expect(stored).not.toContain(secret);
  }
});

test('a call the docs relay through their own server while acting as a sub workspace is flagged', async ({
  api,
  openOptions,
  openPopup,
  pageOn,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted' && s.name)!;
  const docs = await pageOn('https://developer.instantly.ai');
  // What Mintlify's “Try it” sends: the target request inside a JSON body, to the docs' own server.
  const tryIt = () =>
    docs.evaluate(
      async ({ key, url }) => {
        const envelope = { method: 'GET', url, header: { Authorization: `Bearer ${key}` } };
        const response = await fetch('/_mintlify/api/request', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(envelope),
        });
        return ((await response.json()) as { id?: string }).id;
      },
      { key: seeded.adminKey, url: CURRENT_WORKSPACE },
    );

  const popup = await openPopup();
  await openRecentCalls(popup);
  // As the admin workspace, a relayed call is what the badge says: listed, not flagged.
  await tryIt();
  await expect(recentCalls(popup).getByRole('listitem')).toHaveCount(1);
  await expect(recentCalls(popup).getByRole('listitem').first()).toContainText(
    'POST developer.instantly.ai/_mintlify/api/request',
  );
  await expect(popup.getByRole('alert')).toHaveCount(0);

  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(sub.name!);
  await api.clearRequests();
  // The docs' server made the call with the envelope's headers only: the admin workspace answered.
  expect(await tryIt()).toBe(seeded.admin.id);
  const flag = popup
    .getByRole('alert')
    .filter({ hasText: 'developer.instantly.ai sent an API call through its own server' });
  await expect(flag).toContainText(`it went out as the admin workspace, not as ${sub.name}`);
  await expect(flag).toContainText('The extension cannot change calls relayed by a site’s server.');
  await expect(recentCalls(popup).getByRole('listitem').first()).toContainText(
    'as admin workspace (relayed by the site’s server)',
  );
  // What the docs' server was sent carried no x-as-workspace: nothing the extension could have switched.
  const relayed = [
    ...(await api.requests({ path: '/_mintlify/api/request' })),
    ...(await api.requests({ path: '/api/v2/workspaces/current' })),
  ];
  expect(relayed.map((r) => r.path)).toEqual(['/_mintlify/api/request', '/api/v2/workspaces/current']);
  expect(relayed.every((r) => r.headers['x-as-workspace'] === undefined)).toBe(true);

  await flag.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(flag).toHaveCount(0);
  // Dismissed stays dismissed when the popup opens again; a new relayed call raises it again.
  await popup.reload();
  await expect(actingStatus(popup)).toContainText(sub.name!);
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await tryIt();
  await expect(popup.getByRole('alert').filter({ hasText: 'developer.instantly.ai sent an API call' })).toHaveCount(1);
});

test('the demo page shows the switch: “Who am I?” answers as the workspace acted as', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted' && s.name)!;
  // What `npm start` opens: the key arrives in the fragment and fills the textbox.
  const demo = await pageOn(`https://app.instantly.ai/demo#key=${encodeURIComponent(seeded.adminKey)}`);
  await expect(demo.getByLabel('API key')).toHaveValue(seeded.adminKey);
  await demo.getByRole('button', { name: 'Who am I?' }).click();
  await expect(demo.getByRole('status')).toContainText(`Workspace: ${seeded.admin.name} (${seeded.admin.id})`);

  const popup = await openPopup();
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popup)).toContainText(sub.name!);
  await demo.getByRole('button', { name: 'Who am I?' }).click();
  await expect(demo.getByRole('status')).toContainText(`Workspace: ${sub.name} (${sub.id})`);

  await openRecentCalls(popup);
  const rows = recentCalls(popup).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`as ${sub.name}`);
  await expect(rows.nth(1)).toContainText('as admin workspace');
});

test('a sandboxed iframe on a site never allowed cannot fill session storage or forge a row', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  serviceWorker,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const never = await pageOn('https://never-allowed.example/');
  // Acting as a sub workspace everywhere, so a row taken for the extension's would name it.
  const popupFirst = await openPopup();
  await popupFirst.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await expect(actingStatus(popupFirst)).toContainText(`Acting as ${sub.name}`);
  // 60 calls with 90 kB paths, no-cors: no permission, no click (measured before: 4.4 MB kept).
  await never.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = `<script>for (let i = 0; i < 60; i++)
      fetch('https://api.instantly.ai/api/v2/' + 'a'.repeat(90000) + i, { mode: 'no-cors' }).catch(() => {});</script>`;
    document.body.append(frame);
  });
  await expect
    .poll(async () => ((await storedState(serviceWorker)).session.recentCalls as unknown[] | undefined)?.length ?? 0)
    .toBeGreaterThan(0);
  // The list's weight as Chromium counts it for the quota (its own estimate, not the JSON's
  // length: 40,000 measured for 50 capped calls; 4.4 MB for one such page before the cap).
  const bytes = await serviceWorker.evaluate(() => chrome.storage.session.getBytesInUse('recentCalls'));
  expect(bytes).toBeLessThanOrEqual(60_000);
  const popup = await openPopup();
  await openRecentCalls(popup);
  const rows = recentCalls(popup).getByRole('listitem');
  await expect(rows.first()).toContainText('not switched (a site you did not allow)');
  await expect(recentCalls(popup)).not.toContainText(sub.name!);
});
