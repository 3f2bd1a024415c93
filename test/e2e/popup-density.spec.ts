// The popup as a daily tool (issue 22): at Chrome's largest popup (800 × 600) with 300 members,
// at least ten whole rows are in view, the list is the only thing that scrolls, and what left the
// row's line (id, date, copy, edit) is one key away.
import { expect, test } from './fixtures';
import { connectKey } from './steps';

test.use({ seed: { subWorkspaces: 300 } });

test('at 800 × 600 with 300 members: ten whole rows in view, the page never scrolls, and a row’s id is one key away', async ({
  openOptions,
  openPopup,
  seeded,
}) => {
  await connectKey(await openOptions(), seeded.adminKey);
  const popup = await openPopup();
  await popup.setViewportSize({ width: 800, height: 600 });
  const list = popup.getByRole('list', { name: 'Sub workspaces' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '300');

  const layout = await popup.evaluate(() => {
    const scroller = document.querySelector('#sub-workspaces')?.parentElement;
    const box = scroller?.getBoundingClientRect();
    const rows = [...document.querySelectorAll('#sub-workspaces > li')].map((li) => li.getBoundingClientRect());
    const page = document.scrollingElement;
    const whole = box
      ? rows.filter((r) => r.top >= box.top && r.bottom <= box.bottom + 0.5 && r.bottom <= innerHeight).length
      : 0;
    // Try to scroll the page itself: it must not move.
    window.scrollBy(0, 200);
    return {
      whole,
      rowHeights: [...new Set(rows.map((r) => Math.round(r.height)))],
      pageOverflow: page ? page.scrollHeight - page.clientHeight : -1,
      scrolledBy: page?.scrollTop ?? -1,
    };
  });
  expect(layout.whole, 'whole rows in view').toBeGreaterThanOrEqual(10);
  expect(layout.rowHeights).toEqual([36]);
  expect(layout.pageOverflow, 'the page is no taller than the popup').toBeLessThanOrEqual(0);
  expect(layout.scrolledBy, 'the page itself does not scroll').toBe(0);

  // The list does scroll, to the last member.
  await list.evaluate((ul) => ul.parentElement!.scrollTo(0, ul.scrollHeight));
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '300');

  await list.evaluate((ul) => ul.parentElement!.scrollTo(0, 0));

  // Opening the invite box keeps the page within the popup: the list gives up the room.
  await popup.getByRole('button', { name: 'Add sub workspace' }).click();
  await expect(popup.getByRole('textbox', { name: 'Workspace ID to invite' })).toBeVisible();
  expect(await popup.evaluate(() => document.scrollingElement!.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);

  // A row's id, date and copy button: Tab to its Details, Enter, and they are shown.
  const first = seeded.subs[0]!;
  await popup.getByRole('button', { name: `Details of ${first.name}` }).focus();
  await popup.keyboard.press('Enter');
  const details = popup.locator('.row-details:popover-open');
  await expect(details).toContainText(first.id);
  await expect(details.getByRole('button', { name: `Copy ID of ${first.name}` })).toBeVisible();
  await popup.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await popup.screenshot({ path: test.info().outputPath('popup-800x600.png') });
});
