// Labels, colours and favourites, and moving them (with allowed sites) to another browser in a
// settings file that holds no key.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { assertExtensionBuilt, chromiumArgs, E2E_EXTENSION_DIR, EXTENSION_DIR, findChromium } from './chromium';
import { expect, test, workerOf, type Chrome, type FakeApi } from './fixtures';
import { actingStatus, connectKey } from './steps';

declare const chrome: Chrome;

test.use({
  build: 'e2e',
  seed: { subWorkspaces: 8, pendingEvery: 0, rejectedEvery: 0, unstructuredWorkspaces: ['Research'] },
});

/** Another browser: a new profile of its own, as a user's second computer. */
async function freshBrowser(api: FakeApi, build: 'shipped' | 'e2e') {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ws-e2e-second-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({
      extensionDir: assertExtensionBuilt(build === 'e2e' ? E2E_EXTENSION_DIR : EXTENSION_DIR),
      apiPort: api.port,
      spki: api.spki,
    }),
  });
  const worker = await workerOf(context);
  const base = `chrome-extension://${new URL(worker.url()).host}`;
  const open = async (page: string) => {
    const tab = await context.newPage();
    await tab.goto(`${base}/${page}`);
    return tab;
  };
  return {
    context,
    worker,
    openOptions: () => open('options.html'),
    openPopup: () => open('popup.html'),
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

async function exportFile(options: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

async function importFile(options: Page, text: string) {
  await options
    .getByLabel('Import settings')
    .setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

const rowNames = (popup: Page) =>
  popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem').locator('.name').allInnerTexts();

function badgeColour(context: BrowserContext) {
  return workerOf(context).then((worker) => worker.evaluate(() => chrome.action.getBadgeBackgroundColor({})));
}

test('a label, a colour and a favourite show in the popup, the status and the badge', async ({
  openOptions,
  openPopup,
  seeded,
  context,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const [first, second, third] = seeded.subs.map((s) => ({ ...s, name: s.name! }));
  const popup = await openPopup();
  await expect.poll(() => rowNames(popup)).toEqual(expect.arrayContaining([first!.name]));

  // Edit is in the row's details (with its id and date).
  await popup.getByRole('button', { name: `Details of ${second!.name}` }).click();
  await popup.getByRole('button', { name: `Edit ${second!.name}` }).click();
  const dialog = popup.getByRole('dialog', { name: `Edit ${second!.name}` });
  await dialog.getByRole('textbox', { name: 'Label' }).fill('Top client');
  await dialog.getByLabel('Badge colour').fill('#aa0011');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(popup.getByRole('listitem').filter({ hasText: second!.name })).toContainText('Top client');

  const star = popup.getByRole('button', { name: `Favourite ${third!.name}` });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await rowNames(popup))[0]).toBe(third!.name);

  await popup.getByRole('button', { name: `Act as ${second!.name}` }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as Top client (${second!.name})`);
  await expect.poll(() => badgeColour(context)).toEqual([0xaa, 0x00, 0x11, 255]);
  // A later change of the label shows at once, where the choice was made before it.
  // Edit is in the row's details (with its id and date).
  await popup.getByRole('button', { name: `Details of ${second!.name}` }).click();
  await popup.getByRole('button', { name: `Edit ${second!.name}` }).click();
  await popup.getByRole('textbox', { name: 'Label' }).fill('Biggest client');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(actingStatus(popup)).toContainText(`Acting as Biggest client (${second!.name})`);
  const worker = await workerOf(context);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('BC');
});

test('export holds no key; importing it in another browser restores labels, colours, favourites and sites', async ({
  openOptions,
  openPopup,
  seeded,
  api,
}) => {
  // Three browsers one after the other: three tests' time.
  test.setTimeout(test.info().timeout * 3);
  const research = seeded.unstructuredKeys[0]!;
  const [, second, third] = seeded.subs.map((s) => ({ ...s, name: s.name! }));
  const options = await openOptions();
  await connectKey(options, seeded.adminKey, { remember: true });
  await options.getByRole('textbox', { name: 'Unstructured workspace name' }).fill('Research');
  await options.getByLabel('Unstructured API key', { exact: true }).fill(research.key);
  await options.getByRole('button', { name: 'Add Unstructured workspace' }).click();
  await expect(options.getByRole('button', { name: 'Delete Research' })).toBeVisible();
  // The e2e build holds https://other.example as an allowed site; it also gets the Unstructured key.
  // (Checked once the background stored it: the box shows what is stored.)
  const optIn = options.getByRole('checkbox', { name: 'Send the Unstructured key from https://other.example' });
  await optIn.click();
  await expect(optIn).toBeChecked();

  const popup = await openPopup();
  // Edit is in the row's details (with its id and date).
  await popup.getByRole('button', { name: `Details of ${second!.name}` }).click();
  await popup.getByRole('button', { name: `Edit ${second!.name}` }).click();
  await popup.getByRole('textbox', { name: 'Label' }).fill('Top client');
  await popup.getByLabel('Badge colour').fill('#aa0011');
  await popup.getByRole('button', { name: 'Save' }).click();
  await popup.getByRole('button', { name: `Favourite ${third!.name}` }).click();
  await expect(popup.getByRole('button', { name: `Favourite ${third!.name}` })).toHaveAttribute('aria-pressed', 'true');

  await options.bringToFront();
  const file = await exportFile(options);
  expect(file.name).toMatch(/^workspace-switcher-settings-\d{4}-\d{2}-\d{2}\.json$/);
  for (const secret of [seeded.adminKey, research.key, research.key.slice(-4)]) expect(file.text).not.toContain(secret);
  const parsed = JSON.parse(file.text) as { allowedSites: string[]; unstructured: unknown[] };
  // The e2e build's sites granted at install (https://other.example and a subdomain of it).
  expect(parsed.allowedSites).toContain('https://other.example');
  expect(parsed.unstructured).toEqual([{ name: 'Research', apiBase: 'https://platform.unstructuredapp.io' }]);

  // Another browser where the site is allowed too (the e2e build): everything comes back.
  const other = await freshBrowser(api, 'e2e');
  try {
    const otherOptions = await other.openOptions();
    await importFile(otherOptions, file.text);
    const report = otherOptions.getByRole('status').filter({ hasText: 'Imported' });
    await expect(report).toContainText('The label “Top client”');
    // The file's opt-in for the key is listed to confirm, unticked: the user ticks it.
    const confirm = otherOptions.getByRole('checkbox', {
      name: 'Confirm sending the Unstructured key from https://other.example',
    });
    await expect(confirm).not.toBeChecked();
    await confirm.click();
    await expect(confirm).toBeChecked();
    await expect(otherOptions.getByText(`Paste the API key for ${seeded.admin.name}`)).toBeVisible();

    // The keys, pasted again.
    await connectKey(otherOptions, seeded.adminKey);
    await expect(otherOptions.getByText(`Paste the API key for ${seeded.admin.name}`)).toHaveCount(0);
    await otherOptions.getByLabel('Unstructured API key for Research').fill(research.key);
    await otherOptions.getByRole('button', { name: 'Add Research' }).click();
    await expect(otherOptions.getByRole('button', { name: 'Delete Research' })).toBeVisible();
    await expect(
      otherOptions.getByRole('checkbox', { name: 'Send the Unstructured key from https://other.example' }),
    ).toBeChecked();

    const otherPopup = await other.openPopup();
    await expect.poll(async () => (await rowNames(otherPopup))[0]).toBe(third!.name);
    await expect(otherPopup.getByRole('button', { name: `Favourite ${third!.name}` })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(otherPopup.getByRole('listitem').filter({ hasText: second!.name })).toContainText('Top client');
    await otherPopup.getByRole('button', { name: `Act as ${second!.name}` }).click();
    await expect.poll(() => badgeColour(other.context)).toEqual([0xaa, 0x00, 0x11, 255]);
  } finally {
    await other.close();
  }

  // A browser that has not allowed the site: the import asks for it, with a button to click.
  const unallowed = await freshBrowser(api, 'shipped');
  try {
    const otherOptions = await unallowed.openOptions();
    await importFile(otherOptions, file.text);
    const n = parsed.allowedSites.length;
    await expect(otherOptions.getByRole('button', { name: `Allow ${n} ${n === 1 ? 'site' : 'sites'}` })).toBeVisible();
    await expect(
      otherOptions.getByText(`The browser must allow ${parsed.allowedSites.join(', ')} again.`),
    ).toBeVisible();
  } finally {
    await unallowed.close();
  }
});

test('a foreign or damaged file is refused plainly and changes nothing', async ({
  openOptions,
  openPopup,
  seeded,
  serviceWorker,
}) => {
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  const popup = await openPopup();
  await popup.getByRole('button', { name: `Favourite ${seeded.subs[0]!.name}` }).click();
  await expect(popup.getByRole('button', { name: `Favourite ${seeded.subs[0]!.name}` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const before = await serviceWorker.evaluate(() => chrome.storage.local.get(null));

  await options.bringToFront();
  await importFile(options, '{"name": "ModHeader profile", "headers": []');
  await expect(options.getByRole('alert')).toHaveText(/not a Workspace Switcher settings file/);
  await importFile(options, JSON.stringify({ format: 'workspace-switcher-settings', version: 1, looks: 'everything' }));
  await expect(options.getByRole('alert')).toHaveText(/not a Workspace Switcher settings file/);
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get(null))).toEqual(before);
});
