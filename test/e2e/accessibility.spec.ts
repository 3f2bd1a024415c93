// Accessibility in real Chromium: axe-core finds no violation in the popup and the settings, in
// light and dark (the pages follow prefers-color-scheme, colour contrast included), and the
// popup can be used by keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type SeedResult } from './fixtures';
import { actingStatus, addUnstructured, connectKey } from './steps';

test.use({ seed: { subWorkspaces: 4, pendingEvery: 3, rejectedEvery: 0, unstructuredWorkspaces: ['Research'] } });
// Each axe run takes seconds on two shared cores, and a test here makes up to four.
test.describe.configure({ timeout: 180_000 });

/** The names of the accepted sub workspaces (the seed names every one). */
const acceptedNames = (seeded: SeedResult) =>
  seeded.subs.flatMap((s) => (s.status === 'accepted' && s.name ? [s.name] : []));

/** axe's violations on the page as it is now, as readable lines (rule, impact, where). */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'unknown'}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test('the settings page has no axe violations: connected, with an Unstructured workspace, and with an alert', async ({
      openOptions,
      seeded,
    }) => {
      const options = await openOptions();
      await options.emulateMedia({ colorScheme });
      await connectKey(options, seeded.adminKey);
      await expect(options.getByRole('status').filter({ hasText: 'Connected to' })).toContainText(seeded.admin.name);
      await addUnstructured(options, 'Research', seeded.unstructuredKeys[0]!.key);
      await expect(options.getByRole('button', { name: 'Delete Research' })).toBeVisible();
      expect(await violations(options), 'connected').toEqual([]);

      await options.getByLabel('Instantly API key').fill('wrong-key');
      await options.getByRole('button', { name: 'Save key' }).click();
      await expect(options.getByRole('alert')).toBeVisible();
      expect(await violations(options), 'with an alert').toEqual([]);
    });

    test('the popup has no axe violations: with the group, acting as a sub workspace, with an alert, asking to confirm', async ({
      openOptions,
      openPopup,
      seeded,
    }) => {
      const options = await openOptions();
      await connectKey(options, seeded.adminKey);
      await addUnstructured(options, 'Research', seeded.unstructuredKeys[0]!.key);
      const popup = await openPopup();
      await popup.emulateMedia({ colorScheme });
      const [first, second] = acceptedNames(seeded);
      await expect(popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem')).toHaveCount(
        seeded.subs.length,
      );
      // The Unstructured key in use too: its "in use" chip is coloured.
      await popup.getByRole('button', { name: 'Use Research' }).click();
      await expect(popup.getByRole('button', { name: 'Turn off Unstructured key' })).toBeVisible();
      expect(await violations(popup), 'with the group').toEqual([]);

      await popup.getByRole('button', { name: `Act as ${first!}` }).click();
      await expect(actingStatus(popup)).toContainText(`Acting as ${first!}`);
      // The row keyboard-highlighted and the row acted as are both marked.
      await popup.getByRole('searchbox', { name: 'Search workspaces' }).press('ArrowDown');
      expect(await violations(popup), 'acting as a sub workspace').toEqual([]);

      // The invite box is behind “Add sub workspace”.
      await popup.getByRole('button', { name: 'Add sub workspace' }).click();
      await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill('not-an-id');
      await popup.getByRole('button', { name: 'Invite' }).click();
      await expect(popup.getByRole('alert')).toContainText('That is not a workspace ID');
      expect(await violations(popup), 'with an alert').toEqual([]);

      await popup.getByRole('button', { name: `Remove ${second!}` }).click();
      await expect(popup.getByRole('dialog')).toBeVisible();
      expect(await violations(popup), 'asking to confirm a removal').toEqual([]);
    });
  });
}

/**
 * Controls named as a user would know them: the focused one, or every one a mouse could use
 * (enabled and shown).
 */
const controls = (page: Page, which: 'focused' | 'all') =>
  page.evaluate((which) => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} ${el.getAttribute('aria-label') ?? el.textContent.trim()}`;
    if (which === 'focused')
      return document.activeElement && document.activeElement !== document.body
        ? [describe(document.activeElement)]
        : [];
    return [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
      .filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0)
      .map(describe);
  }, which);

test('the popup by keyboard alone: Tab reaches every control, and Enter acts as a workspace', async ({
  openOptions,
  openPopup,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await expect(popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem')).toHaveCount(
    seeded.subs.length,
  );
  const all = await controls(popup, 'all');
  expect(all.length).toBeGreaterThan(10);

  // The search box has the focus on opening; Tab goes round every control.
  expect(await controls(popup, 'focused')).toEqual(['input[search] Search workspaces']);
  const reached = new Set<string>();
  for (let i = 0; i <= all.length + 2; i++) {
    await popup.keyboard.press('Tab');
    for (const name of await controls(popup, 'focused')) reached.add(name);
  }
  expect(all.filter((c) => !reached.has(c))).toEqual([]);

  // Opened again (the search box has the focus), the keyboard alone acts as a workspace.
  await popup.reload();
  await expect(popup.getByRole('searchbox', { name: 'Search workspaces' })).toBeFocused();
  const [name] = acceptedNames(seeded);
  await popup.keyboard.type(name!);
  await expect(popup.locator('#row-0')).toContainText(name!);
  await popup.keyboard.press('Enter');
  await expect(actingStatus(popup)).toContainText(`Acting as ${name!}`);
});
