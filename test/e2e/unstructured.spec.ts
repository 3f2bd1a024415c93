// Unstructured workspaces: one key each, added to requests only from the API's own site.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addUnstructured } from './steps';

test.use({ seed: { subWorkspaces: 2, unstructuredWorkspaces: ['Research', 'Legal'] } });

const WORKFLOWS = 'https://platform.unstructuredapp.io/api/v1/workflows/';

/** A fetch from the page with no key of its own: only the extension can add one. */
function fetchWorkflows(page: Page) {
  return page.evaluate(async (url) => (await fetch(url)).status, WORKFLOWS);
}

test('a bad key is refused with the server’s reason and not listed', async ({ openOptions, openPopup, api }) => {
  const options = await openOptions();
  await addUnstructured(options, 'Typo', 'not-a-key');
  await expect(options.getByRole('alert')).toContainText('Unstructured refused this API key');
  await expect(options.getByRole('alert')).toContainText('API key is malformed');
  await expect(options.getByRole('button', { name: 'Delete Typo' })).toHaveCount(0);
  await expect((await openPopup()).getByRole('list', { name: 'Unstructured workspaces' })).toHaveCount(0);
  // Checked from the extension itself with the key set explicitly.
  const [check] = await api.requests({ host: 'platform.unstructuredapp.io' });
  expect(check!.headers['unstructured-api-key']).toBe('not-a-key');
});

test('use one workspace’s key, switch to another, turn it off; other sites never get it', async ({
  openOptions,
  openPopup,
  pageOn,
  seeded,
  api,
}) => {
  const [research, legal] = seeded.unstructuredKeys;
  const options = await openOptions();
  await addUnstructured(options, 'Research', research!.key);
  await addUnstructured(options, 'Legal', legal!.key);
  await expect(options.getByRole('button', { name: 'Delete Research' })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Delete Legal' })).toBeVisible();
  // The key is never shown in full once saved.
  await expect(options.locator('body')).not.toContainText(research!.key);

  const popup = await openPopup();
  const list = popup.getByRole('list', { name: 'Unstructured workspaces' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await popup.getByRole('button', { name: 'Use Research' }).click();
  await expect(popup.getByText('Using the key of Research.')).toBeVisible();

  const docs = await pageOn('https://platform.unstructuredapp.io/docs');
  const elsewhere = await pageOn('https://app.instantly.ai');
  await api.clearRequests();
  await expect.poll(() => fetchWorkflows(docs)).toBe(200);
  await elsewhere.evaluate(
    (url) =>
      fetch(url)
        .then((r) => r.status)
        .catch(() => 0),
    WORKFLOWS,
  );
  const fromDocs = await api.requests({ host: 'platform.unstructuredapp.io', path: '/api/v1/workflows/' });
  const byOrigin = Object.fromEntries(
    fromDocs
      .filter((r) => r.method === 'GET')
      .map((r) => [r.headers.origin ?? 'same-origin', r.headers['unstructured-api-key'] ?? null]),
  );
  expect(byOrigin['https://app.instantly.ai']).toBeNull();
  expect(Object.values(byOrigin)).toContain(research!.key);

  await popup.getByRole('button', { name: 'Use Legal' }).click();
  await expect(popup.getByText('Using the key of Legal.')).toBeVisible();
  await api.clearRequests();
  await expect.poll(() => fetchWorkflows(docs)).toBe(200);
  const [switched] = await api.requests({ host: 'platform.unstructuredapp.io', method: 'GET' });
  expect(switched!.headers['unstructured-api-key']).toBe(legal!.key);

  await popup.getByRole('button', { name: 'Turn off Unstructured key' }).click();
  await expect(popup.getByText('No Unstructured key is added to requests.')).toBeVisible();
  await api.clearRequests();
  await expect.poll(() => fetchWorkflows(docs)).toBe(401);
  const [off] = await api.requests({ host: 'platform.unstructuredapp.io', method: 'GET' });
  expect(off!.headers['unstructured-api-key']).toBeUndefined();

  // Deleting forgets it.
  await options.bringToFront();
  await options.getByRole('button', { name: 'Delete Legal' }).click();
  await expect(options.getByRole('button', { name: 'Delete Legal' })).toHaveCount(0);
  await expect(list.getByRole('listitem')).toHaveCount(1);
});
