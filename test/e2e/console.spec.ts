// The agency console (console.html): opened from the popup and the settings, it lists every
// connected agency's sub workspaces with their status; axe-core finds nothing in light and dark.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectKey } from './steps';

// Subs 3, 6, 9 pending; 5, 10 rejected; the rest accepted.
test.use({ seed: { subWorkspaces: 10, pendingEvery: 3, rejectedEvery: 5 } });
// axe runs take seconds each on two shared cores.
test.describe.configure({ timeout: 120_000 });

const overview = (page: Page) => page.getByRole('table', { name: 'Sub workspaces at a glance' });
/** The overview's body rows (the header row is in thead). */
const bodyRows = (page: Page) => overview(page).locator('tbody tr');

/** The tab a click opens. */
async function opened(context: BrowserContext, click: () => Promise<void>): Promise<Page> {
  const [page] = await Promise.all([context.waitForEvent('page'), click()]);
  await page.waitForLoadState();
  return page;
}

test('Open console in the settings and in the popup opens the console, which lists every sub workspace with its status', async ({
  context,
  extensionId,
  openOptions,
  openPopup,
  seeded,
}) => {
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  const fromSettings = await opened(context, () => options.getByRole('button', { name: 'Open console' }).click());
  expect(fromSettings.url()).toBe(`chrome-extension://${extensionId}/console.html`);
  await expect(fromSettings.getByRole('heading', { name: 'Agency console', level: 1 })).toBeVisible();
  await expect(bodyRows(fromSettings)).toHaveCount(seeded.subs.length);
  for (const sub of seeded.subs) {
    const row = bodyRows(fromSettings).filter({ has: fromSettings.getByRole('rowheader', { name: sub.name! }) });
    await expect(row).toContainText(sub.status);
    if (sub.status === 'pending') await expect(row).toContainText('No figures: its invitation is pending');
    if (sub.status === 'rejected') await expect(row).toContainText('No figures: it rejected the invitation');
  }
  for (const column of [
    'Sent',
    'Replies',
    'Opportunities',
    'Unread',
    'Campaigns in trouble',
    'Mailboxes in trouble',
    'Leads used',
  ])
    await expect(overview(fromSettings).getByRole('columnheader', { name: column, exact: true })).toBeVisible();

  const popup = await openPopup();
  const fromPopup = await opened(context, () => popup.getByRole('button', { name: 'Open console' }).click());
  expect(fromPopup.url()).toBe(`chrome-extension://${extensionId}/console.html`);
  await expect(bodyRows(fromPopup)).toHaveCount(seeded.subs.length);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the console has no axe violations (${colorScheme})`, async ({ context, openOptions, seeded }) => {
    const options = await openOptions();
    await connectKey(options, seeded.adminKey);
    const page = await opened(context, () => options.getByRole('button', { name: 'Open console' }).click());
    await page.emulateMedia({ colorScheme });
    await expect(bodyRows(page)).toHaveCount(seeded.subs.length);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`)),
    ).toEqual([]);
  });
}

test('Period says its UTC days; Export CSV saves the table as shown, the period in the file name', async ({
  context,
  openOptions,
  seeded,
}) => {
  const options = await openOptions();
  await connectKey(options, seeded.adminKey);
  const page = await opened(context, () => options.getByRole('button', { name: 'Open console' }).click());
  const period = page.getByRole('combobox', { name: 'Period' });
  await expect(period).toHaveValue('last7');
  await expect(period.getByRole('option')).toHaveText(['Today', 'Last 7 days', 'Last 30 days']);
  await expect(page.getByText(/Last 7 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, UTC days\)/)).toBeVisible();
  await period.selectOption({ label: 'Last 30 days' });
  await expect(page.getByText(/Last 30 days \(.*UTC days\)/)).toBeVisible();

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^sub-workspaces-last-30-days-\d{4}-\d\d-\d\d\.csv$/);
  const text = await readFile(await file.path(), 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Workspace,Workspace ID,Label,Agency,Status,Sent,Replies,Opportunities,Meetings booked,Unread,Campaigns in trouble,Mailboxes in trouble,Leads used,Figures from',
  );
  expect(lines).toHaveLength(seeded.subs.length + 1);
  for (const sub of seeded.subs) expect(lines).toContainEqual(`${sub.name!},${sub.id},,,${sub.status},,,,,,,,,`);
  // In the table's order.
  const shown = await overview(page).locator('tbody th').allTextContents();
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(shown);
});
