// Accessibility in real Chromium: axe-core finds no violation in the popup and the settings, in
// light and dark (the pages follow prefers-color-scheme, colour contrast included), and the
// popup can be used by keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { actingStatus, connectKey } from './steps';

test.use({ seed: { subWorkspaces: 4, pendingEvery: 3, rejectedEvery: 0, unstructuredWorkspaces: ['Research'] } });
// Each axe run takes seconds on two shared cores, and a test here makes up to four.
test.describe.configure({ timeout: 180_000 });

/** axe's violations on the page as it is now, as readable lines (rule, impact, where). */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'unknown'}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
}

async function addUnstructured(options: Page, name: string, key: string) {
  await options.getByRole('textbox', { name: 'Unstructured workspace name' }).fill(name);
  await options.getByLabel('Unstructured API key').fill(key);
  await options.getByRole('button', { name: 'Add Unstructured workspace' }).click();
  await expect(options.getByRole('button', { name: `Delete ${name}` })).toBeVisible();
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
      const accepted = seeded.subs.filter((s) => s.status === 'accepted');
      await expect(popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem')).toHaveCount(seeded.subs.length);
      // The Unstructured key in use too: its "in use" chip is coloured.
      await popup.getByRole('button', { name: 'Use Research' }).click();
      await expect(popup.getByRole('button', { name: 'Turn off Unstructured key' })).toBeVisible();
      expect(await violations(popup), 'with the group').toEqual([]);

      await popup.getByRole('button', { name: `Act as ${accepted[0]!.name}` }).click();
      await expect(actingStatus(popup)).toContainText(`Acting as ${accepted[0]!.name}`);
      // The row keyboard-highlighted and the row acted as are both marked.
      await popup.getByRole('searchbox', { name: 'Search workspaces' }).press('ArrowDown');
      expect(await violations(popup), 'acting as a sub workspace').toEqual([]);

      await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill('not-an-id');
      await popup.getByRole('button', { name: 'Invite' }).click();
      await expect(popup.getByRole('alert')).toContainText('That is not a workspace ID');
      expect(await violations(popup), 'with an alert').toEqual([]);

      await popup.getByRole('button', { name: `Remove ${accepted[1]!.name}` }).click();
      await expect(popup.getByRole('dialog')).toBeVisible();
      expect(await violations(popup), 'asking to confirm a removal').toEqual([]);
    });
  });
}

/** What the focused element is, as a user would name it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim();
    return `${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} ${name}`;
  });

test('the popup by keyboard alone: Tab reaches every control, and Enter acts as a workspace', async ({ openOptions, openPopup, seeded }) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await expect(popup.getByRole('list', { name: 'Sub workspaces' }).getByRole('listitem')).toHaveCount(seeded.subs.length);
  // Every control a mouse could use: enabled, shown.
  const controls = await popup.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
      .filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0)
      .map((el) => {
        const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim();
        return `${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} ${name}`;
      }),
  );
  expect(controls.length).toBeGreaterThan(10);

  // The search box has the focus on opening; Tab goes round every control and back to it.
  const start = await focused(popup);
  expect(start).toBe('input[search] Search workspaces');
  const reached = new Set<string>();
  for (let i = 0; i <= controls.length + 2; i++) {
    await popup.keyboard.press('Tab');
    const now = await focused(popup);
    if (now) reached.add(now);
  }
  expect(controls.filter((c) => !reached.has(c))).toEqual([]);

  // Opened again (the search box has the focus), the keyboard alone acts as a workspace.
  await popup.reload();
  await expect(popup.getByRole('searchbox', { name: 'Search workspaces' })).toBeFocused();
  const accepted = seeded.subs.find((s) => s.status === 'accepted')!;
  await popup.keyboard.type(accepted.name);
  await expect(popup.locator('#row-0')).toContainText(accepted.name);
  await popup.keyboard.press('Enter');
  await expect(actingStatus(popup)).toContainText(`Acting as ${accepted.name}`);
});
