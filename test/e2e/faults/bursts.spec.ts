// Bursts: 50 presses of the cycle shortcut, alone and mixed with popup clicks and per-tab choices
// from the context menu. Once the worker says its queues are empty (never sooner): the rules equal
// the stored choices equal the badge, everywhere and in each tab, and the API sees the same.
//
// FAULT_SEED replays a run; FAULT_BURSTS sets how many bursts of each kind (npm run test:faults).
import type { Page, Worker } from '@playwright/test';
import { expect, test, type Chrome, type SeedResult } from '../fixtures';
import { connectKey, CURRENT_WORKSPACE, fetchFromPage } from '../steps';
import { requestsReceived, untilIdle } from '../idle';
import { seedFor, sizeOf, tally } from './harness';

declare const chrome: Chrome;
type Dispatchable = { dispatch(...args: unknown[]): void };
type Target = { workspaceId: string; name: string } | null;

const BURSTS = sizeOf('FAULT_BURSTS', 1);
const PRESSES = 50;

test.use({ build: 'e2e', seed: { subWorkspaces: 8 } });

async function headerFrom(page: Page, seeded: SeedResult): Promise<string> {
  return (await fetchFromPage(page, CURRENT_WORKSPACE, seeded.adminKey)).body?.id as string;
}

/** Rules = stored choices = badge (text and title), everywhere and in each of `tabs`; the API agrees. */
async function expectAllAgree(worker: Worker, seeded: SeedResult, pages: { page: Page; tabId: number }[]) {
  const now = await worker.evaluate(
    async (tabIds) => {
      const title = (tabId?: number) => chrome.action.getTitle(tabId === undefined ? {} : { tabId });
      const text = (tabId?: number) => chrome.action.getBadgeText(tabId === undefined ? {} : { tabId });
      return {
        actingAs: ((await chrome.storage.local.get('actingAs')).actingAs ?? null) as Target,
        tabActing: ((await chrome.storage.session.get('tabActing')).tabActing ?? {}) as Record<string, Target>,
        dynamic: await chrome.declarativeNetRequest.getDynamicRules(),
        session: await chrome.declarativeNetRequest.getSessionRules(),
        badge: { title: await title(), text: await text() },
        tabs: await Promise.all(
          tabIds.map(async (tabId) => ({ tabId, title: await title(tabId), text: await text(tabId) })),
        ),
      };
    },
    pages.map((p) => p.tabId),
  );

  const header = (rule: (typeof now.dynamic)[number] | undefined) => {
    const h = rule?.action.requestHeaders?.[0];
    return h ? (h.operation === 'remove' ? 'removed' : h.value) : 'no rule';
  };
  const titleFor = (target: Target, where = '') =>
    `Workspace Switcher: acting as ${target ? target.name : 'the admin workspace'}${where}`;

  // Everywhere.
  expect(
    now.dynamic.map((r) => header(r)),
    'everywhere rule = stored choice',
  ).toEqual(now.actingAs ? [now.actingAs.workspaceId] : []);
  expect(now.badge.title, 'everywhere badge = stored choice').toBe(titleFor(now.actingAs));
  expect(now.badge.text === '', 'badge text empty only for the admin').toBe(now.actingAs === null);
  // Each tab: its own rule and badge when it has a choice of its own, else the everywhere ones.
  const tabRules = new Map(now.session.map((r) => [r.condition.tabIds?.[0], r]));
  expect([...tabRules.keys()].sort(), 'a session rule for each tab with its own choice').toEqual(
    Object.keys(now.tabActing).map(Number).sort(),
  );
  for (const { tabId, title, text } of now.tabs) {
    const own = now.tabActing[String(tabId)];
    if (own === undefined) {
      expect(title, `tab ${tabId} follows everywhere`).toBe(now.badge.title);
      expect(text).toBe(now.badge.text);
    } else {
      expect(header(tabRules.get(tabId)), `tab ${tabId} rule = its stored choice`).toBe(
        own ? own.workspaceId : 'removed',
      );
      expect(title, `tab ${tabId} badge = its stored choice`).toBe(titleFor(own, ' in this tab'));
    }
  }
  // And the API: what each tab's requests go out as.
  for (const { page, tabId } of pages) {
    const own = now.tabActing[String(tabId)];
    const expected = own === undefined ? now.actingAs : own;
    expect(await headerFrom(page, seeded), `tab ${tabId} at the API`).toBe(expected?.workspaceId ?? seeded.admin.id);
  }
  return now;
}

async function openTabs(pageOn: (url: string) => Promise<Page>, worker: Worker) {
  const pages = [];
  for (const path of ['one', 'two']) {
    const page = await pageOn(`https://app.instantly.ai/${path}`);
    const tabId = await worker.evaluate(
      async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!,
      `https://app.instantly.ai/${path}`,
    );
    pages.push({ page, tabId });
  }
  return pages;
}

test('50 cycle presses alone: rule = stored choice = badge once the queue is empty', async ({
  openOptions,
  pageOn,
  serviceWorker,
  seeded,
}, testInfo) => {
  test.setTimeout(60_000 + BURSTS * 30_000);
  const random = seedFor(testInfo);
  const figures = tally(testInfo);
  await connectKey(await openOptions(), seeded.adminKey);
  const pages = await openTabs(pageOn, serviceWorker);
  for (let burst = 0; burst < BURSTS; burst++) {
    // Presses in clumps with short random gaps, as fingers on a key; some forward, some back.
    const gaps = Array.from({ length: PRESSES }, () => (random.next() < 0.7 ? 0 : random.int(1, 15)));
    const directions = Array.from({ length: PRESSES }, () =>
      random.next() < 0.8 ? 'cycle-next-workspace' : 'cycle-previous-workspace',
    );
    await serviceWorker.evaluate(
      async ({ gaps, directions }) => {
        for (let i = 0; i < gaps.length; i++) {
          if (gaps[i]) await new Promise((resolve) => setTimeout(resolve, gaps[i]));
          (chrome.commands.onCommand as unknown as Dispatchable).dispatch(directions[i]);
        }
      },
      { gaps, directions },
    );
    await untilIdle(serviceWorker);
    const now = await expectAllAgree(serviceWorker, seeded, pages);
    figures.add('bursts');
    figures.add('presses', PRESSES);
    if (now.actingAs) figures.add('ended on a sub workspace');
  }
  figures.report();
});

test('50 presses mixed with popup clicks and per-tab choices: rules = stored choices = badges', async ({
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
}, testInfo) => {
  test.setTimeout(60_000 + BURSTS * 60_000);
  const random = seedFor(testInfo);
  const figures = tally(testInfo);
  await connectKey(await openOptions(), seeded.adminKey);
  const pages = await openTabs(pageOn, serviceWorker);
  const popup = await openPopup();
  await untilIdle(serviceWorker, { requests: 1 });
  const accepted = seeded.subs.filter((s) => s.status === 'accepted');

  for (let burst = 0; burst < BURSTS; burst++) {
    const received = await requestsReceived(serviceWorker);
    let clicks = 0;
    for (let press = 0; press < PRESSES;) {
      const roll = random.next();
      if (roll < 0.6) {
        // One to three presses at once.
        const n = Math.min(random.int(1, 3), PRESSES - press);
        await serviceWorker.evaluate((n) => {
          for (let i = 0; i < n; i++)
            (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-next-workspace');
        }, n);
        press += n;
      } else if (roll < 0.8) {
        // A click on one of the popup's visible Act as / Stop acting buttons (not awaited).
        const clicked = await popup.evaluate((r) => {
          const buttons = [...document.querySelectorAll<HTMLButtonElement>('button')].filter((b) =>
            /^Act as |^Stop acting$/.test(b.getAttribute('aria-label') ?? b.textContent),
          );
          const button = buttons[Math.floor(r * buttons.length)];
          button?.click();
          return !!button;
        }, random.next());
        if (clicked) clicks += 1;
      } else {
        // A per-tab choice from the context menu, in one of the two tabs.
        const { tabId } = random.pick(pages);
        const choice = random.pick([...accepted.map((s) => s.id), 'admin', 'follow']);
        await serviceWorker.evaluate(
          ({ menuItemId, tabId }) =>
            (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
              { menuItemId, editable: false, pageUrl: '' },
              { id: tabId },
            ),
          { menuItemId: `act-as:tab:${choice}`, tabId },
        );
        figures.add('per-tab choices');
      }
    }
    figures.add('presses', PRESSES);
    figures.add('popup clicks', clicks);
    // Every click's message has arrived, and nothing runs or waits any more.
    await untilIdle(serviceWorker, { requests: received + clicks });
    await expectAllAgree(serviceWorker, seeded, pages);
    figures.add('bursts');
  }
  figures.report();
});
