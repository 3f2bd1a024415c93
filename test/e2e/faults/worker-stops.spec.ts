// The service worker stopped at random points of switches, invites and removals (CDP
// ServiceWorker.stopAllWorkers, as Chromium stops a worker), then woken by opening the popup.
// After every wake-up: the header at the fake API is what the popup says, every action was done
// once or the user was told it was not, and nothing was sent twice.
//
// FAULT_SEED replays a run; FAULT_SWITCH_STOPS and FAULT_GROUP_STOPS size it (npm run test:faults).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { EXTENSION_DIR } from '../chromium';
import { expect, test, type Chrome, type SeedResult } from '../fixtures';
import { actingStatus, connectKey, CURRENT_WORKSPACE, fetchFromPage } from '../steps';
import { untilIdle } from '../idle';
import { seedFor, sizeOf, startIdOf, stopAndWake, tally, workerControl, type Random } from './harness';

declare const chrome: Chrome;
type Dispatchable = { dispatch(...args: unknown[]): void };
type Target = { workspaceId: string; name: string } | null;

const SWITCH_STOPS = sizeOf('FAULT_SWITCH_STOPS', 40);
const GROUP_STOPS = sizeOf('FAULT_GROUP_STOPS', 64);

test.use({ build: 'e2e' });

test.describe('the shipped build', () => {
  test.use({ build: 'shipped' });
  test('carries no test hook', async ({ serviceWorker }) => {
    expect(await serviceWorker.evaluate(() => '__workspaceSwitcherTest' in globalThis)).toBe(false);
    expect(readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8')).not.toContain('__workspaceSwitcherTest');
  });
});

async function headerFrom(page: Page, seeded: SeedResult): Promise<string> {
  return (await fetchFromPage(page, CURRENT_WORKSPACE, seeded.adminKey)).body?.id as string;
}

async function stored(worker: Worker) {
  return worker.evaluate(async () => {
    const local = await chrome.storage.local.get(['actingAs', 'notices', 'group', 'operations']);
    const session = await chrome.storage.session.get('tabActing');
    return {
      actingAs: (local.actingAs ?? null) as Target,
      tabActing: (session.tabActing ?? {}) as Record<string, Target>,
      notices: (local.notices ?? []) as { id: string; text: string }[],
      members:
        (local.group as { members?: { membershipId: string; workspaceId: string; name: string | null }[] } | undefined)
          ?.members ?? [],
      operations: (local.operations ?? []) as unknown[],
    };
  });
}

/** The popup's status line agrees with the header that reached the API, and with storage. */
async function expectPopupMatchesHeader(popup: Page, worker: Worker, header: string, seeded: SeedResult) {
  const { actingAs } = await stored(worker);
  expect(header, 'header at the API = stored choice').toBe(actingAs?.workspaceId ?? seeded.admin.id);
  const sub = seeded.subs.find((s) => s.id === header);
  if (sub) await expect(actingStatus(popup)).toContainText(`Acting as ${sub.name}`);
  else await expect(actingStatus(popup)).toContainText('Acting as the admin workspace');
}

/** What a popup does when it opens: a message, which wakes a stopped worker. */
const wakeFrom = (popup: Page) => popup.evaluate(() => chrome.runtime.sendMessage({ type: 'startUp' }));

/** Waits a random moment, so the stop lands before, during or after the worker's work. */
const pause = (random: Random, max: number) => new Promise((resolve) => setTimeout(resolve, random.int(0, max)));

test('a choice stored but not applied when the worker stopped is applied by the wake-up, before the first reply', async ({
  context,
  page,
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
}) => {
  test.setTimeout(90_000); // a loaded 2-core machine takes half a minute to set this up
  await connectKey(await openOptions(), seeded.adminKey);
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const app = await pageOn('https://app.instantly.ai');
  const popup = await openPopup();
  await untilIdle(serviceWorker, { requests: 1 });
  const startId = await startIdOf(serviceWorker);
  // The state a worker leaves when it stops right after writing the choice: storage ahead of the rules.
  await serviceWorker.evaluate((target) => chrome.storage.local.set({ actingAs: target }), {
    workspaceId: sub.id,
    name: sub.name!,
  });
  await expect(actingStatus(popup)).toContainText(`Acting as ${sub.name}`);
  expect(await headerFrom(app, seeded)).toBe(seeded.admin.id);
  const control = await workerControl(page);
  let reply: unknown;
  await stopAndWake(context, control, startId, async () => {
    reply = await wakeFrom(popup);
    // The first reply of the new worker: its start-up has applied the stored choice by now.
    expect(await headerFrom(app, seeded)).toBe(sub.id);
  });
  expect(reply).toEqual({ ok: true });
});

test('switches: the worker stopped at random points, the header matches the popup after every wake-up', async ({
  context,
  page,
  openOptions,
  openPopup,
  pageOn,
  serviceWorker,
  seeded,
}, testInfo) => {
  test.setTimeout(60_000 + SWITCH_STOPS * 4_000);
  const random = seedFor(testInfo);
  const figures = tally(testInfo);
  await connectKey(await openOptions(), seeded.adminKey);
  const accepted = seeded.subs.filter((s) => s.status === 'accepted');
  const control = await workerControl(page);
  const tabPage = await pageOn('https://app.instantly.ai/tab');
  const plainPage = await pageOn('https://app.instantly.ai/plain');
  const tabId = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ url: 'https://app.instantly.ai/tab' }))[0]!.id!,
  );
  let worker = serviceWorker;
  const popup = await openPopup();
  await untilIdle(worker, { requests: 1 });
  let startId = await startIdOf(worker);

  for (let i = 0; i < SWITCH_STOPS; i++) {
    const kind = random.pick(['popup', 'cycle', 'menu', 'tab'] as const);
    figures.add(`${kind} switches`);
    if (kind === 'popup') {
      // A click on one of the visible Act as / Stop acting buttons (the current one has none).
      await popup.evaluate((r) => {
        const buttons = [...document.querySelectorAll<HTMLButtonElement>('button')].filter((b) =>
          /^Act as |^Stop acting$/.test(b.getAttribute('aria-label') ?? b.textContent),
        );
        buttons[Math.floor(r * buttons.length)]?.click();
      }, random.next());
    } else if (kind === 'cycle') {
      const presses = random.int(1, 4);
      await worker.evaluate((n) => {
        for (let p = 0; p < n; p++)
          (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-next-workspace');
      }, presses);
    } else {
      const choice = random.pick([...accepted.map((s) => s.id), 'admin', ...(kind === 'tab' ? ['follow'] : [])]);
      const menuItemId = kind === 'tab' ? `act-as:tab:${choice}` : `act-as:${choice}`;
      await worker.evaluate(
        ({ menuItemId, tabId }) =>
          (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(
            { menuItemId, editable: false, pageUrl: '' },
            { id: tabId },
          ),
        { menuItemId, tabId },
      );
    }
    await pause(random, 80);
    ({ worker, startId } = await stopAndWake(context, control, startId, () => wakeFrom(popup)));
    figures.add('stops');

    const state = await stored(worker);
    await expectPopupMatchesHeader(popup, worker, await headerFrom(plainPage, seeded), seeded);
    // The tab with a choice of its own goes out as that choice, and its badge says so.
    const tabChoice = String(tabId) in state.tabActing ? state.tabActing[String(tabId)]! : state.actingAs;
    expect(await headerFrom(tabPage, seeded), 'header from the tab = its stored choice').toBe(
      tabChoice?.workspaceId ?? seeded.admin.id,
    );
    const title = await worker.evaluate((tab) => chrome.action.getTitle({ tabId: tab }), tabId);
    expect(title).toContain(tabChoice ? `acting as ${tabChoice.name}` : 'acting as the admin workspace');
  }
  figures.report();
});

const NO_ANSWER = /background did not answer/;

/**
 * What was said about one invite or removal, in a popup opened for it and in the notices: the
 * sentences saying it was done, and those saying it was not.
 */
async function outcomeSaid(popup: Page, kind: 'invite' | 'remove', label: string, notices: { text: string }[]) {
  const verb = kind === 'invite' ? 'Inviting' : 'Removing';
  const about = notices.map((n) => n.text).filter((text) => text.startsWith(`${verb} ${label}`));
  const settledDone = about.filter((t) => /had already done it|it went through/.test(t));
  const settledNotDone = about.filter((t) => /nothing changed|did not go through/.test(t));
  // The popup's own answer: the invite form's status or alert; for a removal, the alert the list
  // shows for it (any alert that is not a notice), or none when it was answered done.
  const form = popup.getByRole('form', { name: 'Invite a workspace' });
  const scope = kind === 'invite' ? form : popup;
  const noticeTexts = new Set(notices.map((n) => n.text));
  const errors = (await scope.locator('[role=alert] > span').allTextContents()).filter((t) => !noticeTexts.has(t));
  const sent = kind === 'invite' ? await form.getByRole('status').allTextContents() : [];
  // "did not answer" says neither; a notice that settles the outcome afterwards is the answer.
  const unsettled = about.length === 0 ? errors : errors.filter((t) => !NO_ANSWER.test(t));
  const answeredDone =
    kind === 'invite'
      ? sent.filter((t) => t.startsWith('Invitation sent to'))
      : errors.length === 0
        ? ['(no alert)']
        : [];
  return { done: [...settledDone, ...answeredDone], notDone: [...settledNotDone, ...unsettled] };
}

test.describe('invites and removals', () => {
  test.use({ seed: { subWorkspaces: 40 } });

  test('the worker stopped at random points: each done once or reported as not done, nothing sent twice', async ({
    api,
    context,
    page,
    openOptions,
    openPopup,
    pageOn,
    serviceWorker,
    seeded,
  }, testInfo) => {
    test.setTimeout(60_000 + GROUP_STOPS * 5_000);
    const random = seedFor(testInfo);
    const figures = tally(testInfo);
    await connectKey(await openOptions(), seeded.adminKey, { remember: true });
    const control = await workerControl(page);
    const app = await pageOn('https://app.instantly.ai');
    let worker = serviceWorker;
    const popup = await openPopup();
    await untilIdle(worker, { requests: 1 });
    let startId = await startIdOf(worker);

    for (let i = 0; i < GROUP_STOPS; i++) {
      // Each round's sentences are its own: its notices (the earlier ones cleared behind the
      // extension's back) and a fresh popup, so no alert or status is left from an earlier round.
      await worker.evaluate(() => chrome.storage.local.set({ notices: [] }));
      await popup.reload();
      await expect(actingStatus(popup)).toBeVisible();
      const before = await stored(worker);
      const inGroup = new Set(before.members.map((m) => m.workspaceId));
      const free = seeded.invitable.filter((w) => !inGroup.has(w.id));
      const kind = free.length > 0 && random.next() < 0.5 ? 'invite' : 'remove';
      await api.clearRequests();
      // Slow answers put the stop while a request is on its way, as often as before or after it.
      await api.latency(random.pick([0, 0, 50, 150, 400]));

      let subject: { workspaceId: string; membershipId?: string; label: string };
      if (kind === 'invite') {
        const invitee = random.pick(free);
        subject = { workspaceId: invitee.id, label: invitee.id };
        // The invite box is behind “Add sub workspace” (it stays open after the first invite).
        const add = popup.getByRole('button', { name: 'Add sub workspace' });
        if ((await add.getAttribute('aria-expanded')) !== 'true') await add.click();
        await popup.getByRole('textbox', { name: 'Workspace ID to invite' }).fill(invitee.id);
        await popup.getByRole('button', { name: 'Invite' }).click();
      } else {
        // Often one invited earlier (so the free workspaces come round again), else a seeded one.
        const invited = before.members.filter((m) => seeded.invitable.some((w) => w.id === m.workspaceId));
        const member = random.pick(invited.length > 0 && random.next() < 0.6 ? invited : before.members);
        const label = member.name || member.workspaceId;
        subject = { workspaceId: member.workspaceId, membershipId: member.membershipId, label };
        // Sometimes acting as it first: its removal must take the rule with it.
        if (random.next() < 0.3 && seeded.subs.some((s) => s.id === member.workspaceId && s.status === 'accepted')) {
          await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(member.workspaceId);
          const actAs = popup.getByRole('button', { name: `Act as ${label}` });
          if (await actAs.count()) {
            await actAs.click();
            await expect(actingStatus(popup)).toContainText(`Acting as ${label}`);
          }
        }
        await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(member.workspaceId);
        await popup.getByRole('button', { name: `Remove ${label}` }).click();
        await popup.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      }
      figures.add(`${kind}s`);
      await pause(random, 250);
      ({ worker, startId } = await stopAndWake(context, control, startId, async () => {
        await api.latency(0);
        await wakeFrom(popup);
      }));
      figures.add('stops');

      // Nothing sent twice.
      const sent = await api.requests({ path: '/api/v2/workspace-group-members' });
      const posts = sent.filter((r) => r.method === 'POST' && r.body.includes(subject.workspaceId));
      const deletes = sent.filter(
        (r) => r.method === 'DELETE' && subject.membershipId && r.path.endsWith(subject.membershipId),
      );
      expect(posts.length + deletes.length, `${kind} ${subject.label}: sent at most once`).toBeLessThanOrEqual(1);
      figures.add(`${kind}s that reached the API`, posts.length + deletes.length);

      // Done once, or reported as not done: the server is the truth; the extension agrees with it.
      const server = await api.state();
      const onServer =
        kind === 'invite'
          ? server.memberships.some((m) => m.sub_workspace_id === subject.workspaceId)
          : server.memberships.some((m) => m.id === subject.membershipId);
      const done = kind === 'invite' ? onServer : !onServer;
      figures.add(done ? `${kind}s done` : `${kind}s not done`);
      const after = await stored(worker);
      expect(after.operations, 'the journal is settled').toEqual([]);
      const held =
        kind === 'invite'
          ? after.members.some((m) => m.workspaceId === subject.workspaceId)
          : after.members.some((m) => m.membershipId === subject.membershipId);
      expect(held, `${kind} ${subject.label}: the stored group agrees with the server`).toBe(onServer);
      const row = popup.getByRole('listitem').filter({ hasText: subject.workspaceId });
      await popup.getByRole('searchbox', { name: 'Search workspaces' }).fill(subject.workspaceId);
      await expect(row, `${kind} ${subject.label}: the popup agrees with the server`).toHaveCount(onServer ? 1 : 0);
      // Told its own outcome: the answer in the popup that asked, or the notice naming it; and
      // nothing saying the opposite.
      const said = await outcomeSaid(popup, kind, subject.label, after.notices);
      const outcome = `${kind} ${subject.label} ${done ? 'done' : 'not done'}`;
      expect(done ? said.notDone : said.done, `${outcome}: nothing says otherwise`).toEqual([]);
      expect(done ? said.done : said.notDone, `${outcome}: the user was told`).not.toEqual([]);
      figures.add(done ? `${kind}s done and told` : `${kind}s not done and told`);
      await expectPopupMatchesHeader(popup, worker, await headerFrom(app, seeded), seeded);
    }
    figures.report();
  });
});
