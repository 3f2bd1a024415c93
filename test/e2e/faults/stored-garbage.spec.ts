// Stored blobs from older versions, and garbage, written into the extension's storage behind its
// back (from its worker), then the worker stopped so that its start-up reads them, and the popup
// opened again: the popup renders (with an alert or the defaults), start-up does not fail, the
// worker still switches, and every item that was not overwritten is intact.
//
// FAULT_SEED replays a run; FAULT_FUZZ sets how many rounds (npm run test:faults).
import type { Worker } from '@playwright/test';
import { expect, test, type Chrome } from '../fixtures';
import { connectKey, CURRENT_WORKSPACE, fetchFromPage } from '../steps';
import { untilIdle } from '../idle';
import { seedFor, sizeOf, startIdOf, stopAndWake, tally, workerControl, type Random } from './harness';

declare const chrome: Chrome;
type Dispatchable = { dispatch(...args: unknown[]): void };
type Areas = { local: Record<string, unknown>; session: Record<string, unknown> };

const ROUNDS = sizeOf('FAULT_FUZZ', 24);

test.use({ build: 'e2e', seed: { subWorkspaces: 8 } });

const ID = '019ffad2-0000-7000-8000-000000000001';

/** What older versions stored, or might have: other shapes of the same items. */
const OLDER: Record<string, unknown[]> = {
  account: [{ workspaceId: ID, workspaceName: 'Old', isAdmin: true }, { id: ID, name: 'Old' }, ID],
  group: [
    [{ id: ID, name: 'x', status: 'accepted' }],
    { members: [{ sub_workspace_id: ID, status: 'ACCEPTED' }] },
    { members: 'none' },
  ],
  groupHead: [{ members: [], total: 'many' }, []],
  actingAs: [ID, { id: ID }, { workspaceId: 'not-a-uuid', name: 'x' }],
  notices: [['an old notice as a string'], [{ text: 'no id' }], { 0: 'x' }],
  operations: [[{ id: 'x', kind: 'rename', label: 'x', at: 0 }], [{ kind: 'invite' }]],
  allowedSites: ['https://other.example', [1, 2]],
  unstructuredWorkspaces: [[{ name: 'no id' }], { ws: [] }],
  unstructuredInUse: [42, { id: 'x' }],
  unstructuredSites: ['https://a.example'],
  tabActing: [[ID], { 5: ID }, { abc: { workspaceId: ID } }],
  paintedTabs: [{ 1: true }, 'all'],
  startUpProblem: [{ message: 42 }, 'it broke'],
};
const LOCAL = [
  'account',
  'group',
  'groupHead',
  'actingAs',
  'notices',
  'operations',
  'allowedSites',
  'unstructuredWorkspaces',
  'unstructuredInUse',
  'unstructuredSites',
];
const SESSION = ['tabActing', 'paintedTabs', 'startUpProblem'];

function garbage(random: Random): unknown {
  const nested = (depth: number): unknown =>
    depth === 0
      ? random.pick([1, 'x', null, true])
      : { [random.pick(['a', 'members', 'workspaceId', '__proto__x'])]: nested(depth - 1), list: [nested(depth - 1)] };
  return random.pick<() => unknown>([
    () => null,
    () => 0,
    () => -1,
    () => '',
    () => 'garbage',
    () => true,
    () => [],
    () => [null, 1, 'two'],
    () => ({}),
    () => ({ members: null, syncedAt: 'yesterday' }),
    () => 'x'.repeat(random.int(1_000, 200_000)),
    () => nested(random.int(2, 12)),
    () => Array.from({ length: random.int(1, 300) }, (_, i) => ({ i, workspaceId: random.next() < 0.5 ? ID : i })),
  ])();
}

/** Values the extension itself rewrites while it works (timestamps of a refresh), left out of "intact". */
function comparable(key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  // The connected workspaces (a list since several keys): each one's refresh times change.
  if (key === 'account' && Array.isArray(value))
    return value.map((a: unknown) => ({ ...(a as object), checkedAt: 0, syncedAt: 0 }));
  if (key === 'group' || key === 'groupHead') return { ...value, syncedAt: 0 };
  return value;
}

type Choice = { workspaceId: string; name: string } | null;
/** The stored choice, everywhere, as the worker reads it (null: the admin workspace). */
const choiceOf = (worker: Worker) =>
  worker.evaluate(async () => ((await chrome.storage.local.get('actingAs')).actingAs ?? null) as Choice);
/** The workspace the everywhere rule names in x-as-workspace, or null when no rule sets it. */
const ruleHeader = (worker: Worker) =>
  worker.evaluate(async () => {
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    const set = rules
      .flatMap((rule) => rule.action.requestHeaders ?? [])
      .find((h) => h.header === 'x-as-workspace' && h.operation === 'set');
    return set?.value ?? null;
  });

test('garbage and older shapes in storage: the popup renders, start-up works, nothing else is lost', async ({
  context,
  page,
  openOptions,
  openPopup,
  serviceWorker,
  seeded,
  api,
  pageOn,
}, testInfo) => {
  test.setTimeout(60_000 + ROUNDS * 8_000);
  const random = seedFor(testInfo);
  const figures = tally(testInfo);
  await connectKey(await openOptions(), seeded.adminKey, { remember: true });
  const sub = seeded.subs.find((s) => s.status === 'accepted')!;
  const control = await workerControl(page);
  const app = await pageOn('https://app.instantly.ai');
  const popup = await openPopup();
  const errors: string[] = [];
  popup.on('pageerror', (error) => errors.push(error.message));
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  let worker = serviceWorker;
  await untilIdle(worker, { requests: 2 });
  let startId = await startIdOf(worker);
  const good = await worker.evaluate<Areas>(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
  }));
  const keyItem = `secret:instantly:${seeded.admin.id}`;
  expect(good.local[keyItem]).toBe(seeded.adminKey);

  for (let round = 0; round < ROUNDS; round++) {
    // Back to a good state, then 1–3 items overwritten: an older shape or garbage.
    const keys = [...LOCAL, ...SESSION].filter(() => random.next() < 0.2);
    if (keys.length === 0) keys.push(random.pick([...LOCAL, ...SESSION]));
    const written: Areas = { local: {}, session: {} };
    for (const key of keys.slice(0, 3)) {
      const value = random.next() < 0.4 && OLDER[key] ? random.pick(OLDER[key]) : garbage(random);
      written[SESSION.includes(key) ? 'session' : 'local'][key] = value;
    }
    figures.add('items overwritten', Object.keys(written.local).length + Object.keys(written.session).length);
    await worker.evaluate(
      async ({ good, written }) => {
        await chrome.storage.local.clear();
        await chrome.storage.session.clear();
        await chrome.storage.local.set({ ...good.local, ...written.local });
        await chrome.storage.session.set({ ...good.session, ...written.session });
      },
      { good, written },
    );
    // A new worker starts on it, woken by the popup opening again.
    ({ worker, startId } = await stopAndWake(context, control, startId, () => popup.reload()));
    figures.add('stops');

    // The popup renders: the workspace, or (its account unreadable) the way to connect; no script error.
    const accountLost = 'account' in written.local;
    // (The heading also says "Admin workspace" for an admin, since the popup's density change.)
    await expect(popup.getByRole('heading', { level: 1 })).toContainText(
      accountLost ? 'Workspace Switcher' : seeded.admin.name,
    );
    expect(errors, 'no error in the popup').toEqual([]);
    await expect(popup.getByRole('alert').filter({ hasText: 'could not start' }), 'start-up survived it').toHaveCount(
      0,
    );

    // The choice reads as it was stored, unless it (or what it stands on) was overwritten.
    const chosen = await choiceOf(worker);
    const worldIntact = !['account', 'group', 'actingAs'].some((key) => key in written.local);
    if (worldIntact) expect(chosen, 'local:actingAs intact').toEqual(good.local.actingAs ?? null);

    // The worker still switches, from whatever it could read: the choice moves (when the group
    // it cycles through was readable), the rule says the new choice, and the header arrives.
    await worker.evaluate(() =>
      (chrome.commands.onCommand as unknown as Dispatchable).dispatch('cycle-next-workspace'),
    );
    await untilIdle(worker);
    const now = await choiceOf(worker);
    if (!accountLost && !('group' in written.local))
      expect(now?.workspaceId ?? null, 'the choice moved').not.toBe(chosen?.workspaceId ?? null);
    if (!accountLost) {
      expect(await ruleHeader(worker), 'the rule follows the choice').toBe(now?.workspaceId ?? null);
      await api.clearRequests();
      expect((await fetchFromPage(app, CURRENT_WORKSPACE, seeded.adminKey)).status).toBe(200);
      const [arrived] = await api.requests({ path: '/api/v2/workspaces/current' });
      expect(arrived?.headers['x-as-workspace'] ?? null, 'the header arrived').toBe(now?.workspaceId ?? null);
      figures.add('switches checked at the server');
    }

    // Nothing else lost: every item not overwritten is as it was (or as a refresh legitimately rewrote it).
    const after = await worker.evaluate<Areas>(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
    }));
    expect(after.local[keyItem], 'the key').toBe(seeded.adminKey);
    for (const area of ['local', 'session'] as const) {
      for (const [key, value] of Object.entries(good[area])) {
        if (key in written[area] || ['actingAs', 'paintedTabs', 'notices'].includes(key)) continue; // overwritten, or changed by the press
        expect(comparable(key, after[area][key]), `${area}:${key} intact`).toEqual(comparable(key, value));
      }
    }
    figures.add('rounds');
  }
  figures.report();
});
