// The measurements. Times that matter are taken inside the browser (performance.now() in the
// page, a MutationObserver for the DOM) or by the fake API when a request arrives; Node only
// orchestrates and waits, so its polling granularity never enters a figure.
import type { CDPSession, Page } from '@playwright/test';
import type { RequestLogEntry } from '../../test/fake-api/control';
import type { SeedResult, SeededSub } from '../../test/fake-api/seed';
import { maxInWindow } from './stats';
import { benchState, sleep, waitFor, type Chrome, type Fake, type PageBench, type Session } from './session';

declare const chrome: Chrome;

const LIST_PATH = '/api/v2/workspace-group-members';
/** Requests fired by the app page to see when the header changes (the fake answers them, 401). */
const PROBE_PATH = '/api/v2/workspaces/current';
const CLOCK_PATH = '/api/v2/bench-clock';
const APP_ORIGIN = 'https://app.instantly.ai';

type BenchWindow = Window & { __bench: PageBench };

export interface Timeouts {
  /** A sync of the whole group (the popup refreshes on every open). */
  syncMs: number;
  /** One action (a switch) to have its effect and its reply. */
  actionMs: number;
}

/** How often to repeat a measurement: `reps` kept after `warmups`, fewer when it is slow. */
export interface Plan {
  reps: number;
  warmups: number;
  /** Stop repeating once this much time went by and `minReps` were kept. */
  budgetMs: number;
  minReps: number;
}

/** Runs `body` per the plan; `keep` is false for the warm-ups. */
async function repeat(plan: Plan, body: (keep: boolean, rep: number) => Promise<void>): Promise<void> {
  const started = Date.now();
  let kept = 0;
  for (let rep = 0; rep < plan.warmups + plan.reps; rep++) {
    const keep = rep >= plan.warmups;
    await body(keep, rep);
    if (keep) kept++;
    if (kept >= plan.minReps && Date.now() - started > plan.budgetMs) return;
  }
}

// ---------------------------------------------------------------------------------------------
// popup open → first row, and the floors

/** Opens the popup in a new tab, waits for the first row and for the refresh the open starts. */
export async function openPopupReady(session: Session, timeouts: Timeouts): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.popupUrl);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRow !== null, undefined, {
    timeout: 30_000,
  });
  await waitForOpenSync(page, timeouts);
  return page;
}

/**
 * The popup may ask for a refresh when it opens (not while the stored group is fresh): give its
 * mount effects a moment, then wait until Refresh is enabled again (it is disabled while a
 * refresh runs), so that the next measurement starts from an idle extension.
 */
async function waitForOpenSync(page: Page, timeouts: Timeouts): Promise<void> {
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  await refresh.waitFor({ state: 'visible' });
  await sleep(150);
  await waitFor(() => refresh.isEnabled(), Boolean, timeouts.syncMs, 'the refresh to finish');
}

export interface OpenTimes {
  popup: number[];
  /** Popup open → every member reachable: the list's rows say aria-setsize = all members. */
  reachable: number[];
  /** The static extension page with one row. */
  floor: number[];
  /** The extension page whose one classic script appends one row. */
  scriptedFloor: number[];
  /** The fake's static page over TLS (other.example), first <p>. */
  tlsFloor: number[];
}

/**
 * Runs at document start in the open measure's popup pages: performance.now() when a row of the
 * list first says it is one of `members` (aria-setsize), i.e. the search covers every member.
 */
function watchReachable(members: number): void {
  const w = window as unknown as { __reachable?: number | null };
  w.__reachable = null;
  const observer = new MutationObserver(() => {
    const row = document.querySelector('[role=list] > li[aria-setsize]');
    if (Number(row?.getAttribute('aria-setsize')) !== members) return;
    w.__reachable = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-setsize'] });
}

/** Opens an extension page in a new tab and reads when its first row entered the DOM. */
async function firstRowOf(session: Session, url: string): Promise<number> {
  const page = await session.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRow !== null);
  const { firstRow } = await benchState(page);
  await page.close();
  return firstRow!;
}

/**
 * Interleaved: the static floor, the scripted floor, the popup, the TLS page, so all four see the
 * same conditions. `members`: how many rows the whole list has.
 */
export async function measureOpen(
  session: Session,
  plan: Plan,
  timeouts: Timeouts,
  members: number,
): Promise<OpenTimes> {
  const out: OpenTimes = { popup: [], reachable: [], floor: [], scriptedFloor: [], tlsFloor: [] };
  await repeat(plan, async (keep) => {
    const floor = await firstRowOf(session, session.floorUrl);
    const scripted = await firstRowOf(session, session.scriptedFloorUrl);
    if (keep) out.floor.push(floor);
    if (keep) out.scriptedFloor.push(scripted);

    const popup = await session.context.newPage();
    await popup.addInitScript(watchReachable, members);
    await popup.goto(session.popupUrl);
    await popup.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRow !== null, undefined, {
      timeout: 30_000,
    });
    const reachable = await popup.waitForFunction(
      () => (window as unknown as { __reachable: number | null }).__reachable,
      undefined,
      { timeout: timeouts.syncMs },
    );
    if (keep) out.popup.push((await benchState(popup)).firstRow!);
    if (keep) out.reachable.push((await reachable.jsonValue())!);
    await waitForOpenSync(popup, timeouts); // let the refresh it started end before the next open
    await popup.close();

    const tls = await session.context.newPage();
    await tls.goto('https://other.example/bench-floor');
    await tls.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstParagraph !== null);
    if (keep) out.tlsFloor.push((await benchState(tls)).firstParagraph!);
    await tls.close();
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// search keystroke → list updated

export interface SearchTimes {
  target: { name: string; index: number; query: string; prefixCount: number; finalCount: number };
  /** keydown → the DOM shows the final list (all rows of the final result, the target among them). */
  endToEnd: number[];
  /** Script run by the page between just before the keystroke and the list settling (CDP ScriptDuration). */
  script: number[];
  /** All main-thread tasks over the same span (CDP TaskDuration): script, style, layout, GC. */
  tasks: number[];
  /** The same ScriptDuration delta with no keystroke: the measurement's own cost. */
  overheadScript: number;
}

/** Resolves when nothing in the document has changed for `quietMs` (at most `maxMs`). */
function settle(page: Page, quietMs = 60, maxMs = 5_000): Promise<void> {
  return page.evaluate(
    ({ quietMs, maxMs }) =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, quietMs);
        const cap = setTimeout(done, maxMs);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(cap);
          resolve();
        }
      }),
    { quietMs, maxMs },
  );
}

function listState(page: Page, name: string): Promise<{ setSize: number | null; rows: number; hasTarget: boolean }> {
  return page.evaluate((name) => {
    const rows = [...document.querySelectorAll('[role=list] > li')];
    const size = rows[0]?.getAttribute('aria-setsize');
    return {
      setSize: size == null ? (rows.length ? null : 0) : Number(size),
      rows: rows.length,
      hasTarget: rows.some((r) => r.textContent.includes(name)),
    };
  }, name);
}

async function metrics(cdp: CDPSession): Promise<{ script: number; tasks: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: get('ScriptDuration'), tasks: get('TaskDuration') };
}

/** Arms the in-page timer: the next keydown starts it, the DOM showing the final list stops it. */
function armKeystroke(page: Page, name: string, finalCount: number): Promise<void> {
  return page.evaluate(
    ({ name, finalCount }) => {
      const w = window as unknown as { __search?: { start: number | null; end: number | null; done: Promise<void> } };
      let resolve!: () => void;
      const state = {
        start: null as number | null,
        end: null as number | null,
        done: new Promise<void>((r) => (resolve = r)),
      };
      w.__search = state;
      const check = () => {
        if (state.start === null || state.end !== null) return;
        const rows = [...document.querySelectorAll('[role=list] > li')];
        if (rows.length === 0 || rows.some((r) => Number(r.getAttribute('aria-setsize')) !== finalCount)) return;
        if (!rows.some((r) => r.textContent.includes(name))) return;
        state.end = performance.now();
        observer.disconnect();
        resolve();
      };
      const observer = new MutationObserver(check);
      observer.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['aria-setsize'],
      });
      document.addEventListener('keydown', () => void (state.start ??= performance.now()), {
        capture: true,
        once: true,
      });
    },
    { name, finalCount },
  );
}

function keystrokeResult(page: Page, timeoutMs: number): Promise<{ start: number; end: number }> {
  return page.evaluate(async (timeoutMs) => {
    const state = (window as unknown as { __search: { start: number | null; end: number | null; done: Promise<void> } })
      .__search;
    await Promise.race([state.done, new Promise((r) => setTimeout(r, timeoutMs))]);
    if (state.start === null || state.end === null)
      throw new Error(`the list did not update within ${timeoutMs} ms of the keystroke`);
    return { start: state.start, end: state.end };
  }, timeoutMs);
}

/** A member deep in the list whose last keystroke changes the number of results. */
async function searchTarget(page: Page, subs: SeededSub[]): Promise<SearchTimes['target']> {
  const search = page.getByRole('searchbox', { name: 'Search workspaces' });
  const from = Math.floor(subs.length * 0.9);
  for (let index = from; index < subs.length && index < from + 20; index++) {
    const name = subs[index]!.name;
    if (!name || !/[a-z0-9]$/i.test(name)) continue;
    const prefix = name.slice(0, -1);
    await search.fill(prefix);
    await settle(page);
    const before = await listState(page, name);
    await search.fill(name);
    await settle(page);
    const after = await listState(page, name);
    if (after.hasTarget && after.setSize !== null && before.setSize !== after.setSize) {
      return { name, index, query: name, prefixCount: before.setSize ?? 0, finalCount: after.setSize };
    }
  }
  throw new Error('no member deep in the list changes the result count on its last keystroke');
}

export async function measureSearch(popup: Page, seeded: SeedResult, plan: Plan): Promise<SearchTimes> {
  const cdp = await popup.context().newCDPSession(popup);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const target = await searchTarget(popup, seeded.subs);
  const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
  const prefix = target.query.slice(0, -1);
  const last = target.query.at(-1)!;

  // What measuring costs by itself: arm, read the metrics, wait as long as a keystroke takes.
  await search.fill(prefix);
  await settle(popup);
  await armKeystroke(popup, target.name, target.finalCount);
  const o0 = await metrics(cdp);
  await settle(popup);
  const o1 = await metrics(cdp);

  const out: SearchTimes = { target, endToEnd: [], script: [], tasks: [], overheadScript: o1.script - o0.script };
  await repeat(plan, async (keep) => {
    await search.fill(prefix);
    await settle(popup);
    const state = await listState(popup, target.name);
    if (state.setSize !== target.prefixCount)
      throw new Error(`search prefix shows ${state.setSize} rows, expected ${target.prefixCount}`);
    await armKeystroke(popup, target.name, target.finalCount);
    const m0 = await metrics(cdp);
    await popup.keyboard.press(last);
    const { start, end } = await keystrokeResult(popup, 10_000);
    await settle(popup);
    const m1 = await metrics(cdp);
    if (!keep) return;
    out.endToEnd.push(end - start);
    out.script.push(m1.script - m0.script);
    out.tasks.push(m1.tasks - m0.tasks);
  });
  // The popup remembers the last search for a while: leave it empty for what follows.
  await search.fill('');
  await settle(popup);
  await cdp.detach();
  return out;
}

// ---------------------------------------------------------------------------------------------
// clocks: the page, the worker and the fake each read performance.timeOrigin + now()

export interface ClockOffset {
  /** fake clock − this clock, ms (NTP-style: the fake's arrival time minus the send/receive midpoint). */
  offset: number;
  /** Round trip of the ping that gave it. */
  rtt: number;
}

/** `ping` fetches the URL from the context in question and returns its clock before and after. */
async function clockOffset(
  fake: Fake,
  tag: string,
  ping: (url: string) => Promise<[number, number]>,
): Promise<ClockOffset> {
  const sent: { i: number; t0: number; t2: number }[] = [];
  for (let i = 0; i < 12; i++) {
    const [t0, t2] = await ping(`https://api.instantly.ai${CLOCK_PATH}?tag=${tag}&i=${i}`);
    sent.push({ i, t0, t2 });
  }
  const log = await fake.control.requests({ path: CLOCK_PATH });
  let best: ClockOffset | undefined;
  for (const { i, t0, t2 } of sent.slice(2)) {
    const arrived = log.find((e) => e.query.tag === tag && e.query.i === String(i));
    if (!arrived) continue;
    const candidate = { offset: arrived.time - (t0 + t2) / 2, rtt: t2 - t0 };
    if (!best || candidate.rtt < best.rtt) best = candidate;
  }
  if (!best) throw new Error(`clock pings from ${tag} never reached the fake`);
  return best;
}

function pagePing(page: Page) {
  return (url: string) =>
    page.evaluate(async (url) => {
      const t0 = performance.timeOrigin + performance.now();
      await fetch(url, { cache: 'no-store' }).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
      return [t0, performance.timeOrigin + performance.now()] as [number, number];
    }, url);
}

function workerPing(session: Session) {
  return (url: string) =>
    session.worker.evaluate(async (url) => {
      const t0 = performance.timeOrigin + performance.now();
      await fetch(url, { cache: 'no-store' }).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
      return [t0, performance.timeOrigin + performance.now()] as [number, number];
    }, url);
}

// ---------------------------------------------------------------------------------------------
// switch → first API request with the new header

/**
 * A page on app.instantly.ai that keeps `PROBE_CHAINS` fetches to the API going while on: each
 * chain sends its next request as soon as the previous one is answered. No timers: nested
 * setTimeout is clamped to 4 ms, which left gaps of ~10 ms between probes.
 */
const PROBE_CHAINS = 3;

async function openProbePage(session: Session): Promise<Page> {
  const app = await session.context.newPage();
  await app.goto(`${APP_ORIGIN}/`);
  await app.evaluate(
    ({ url, chains }) => {
      const w = window as unknown as { __probe: { on: boolean; n: number }; __probeStart: () => void };
      w.__probe = { on: false, n: 0 };
      const chain = (): void => {
        if (!w.__probe.on) return;
        // No credentials or custom headers: a simple request, no preflight.
        void fetch(`${url}?probe=${w.__probe.n++}`, { cache: 'no-store' })
          .then(
            (r) => r.arrayBuffer(),
            () => undefined,
          )
          .finally(chain);
      };
      w.__probeStart = () => {
        if (w.__probe.on) return;
        w.__probe.on = true;
        for (let i = 0; i < chains; i++) chain();
      };
    },
    { url: `https://api.instantly.ai${PROBE_PATH}`, chains: PROBE_CHAINS },
  );
  return app;
}

const probes = (app: Page, on: boolean) =>
  app.evaluate((on) => {
    const w = window as unknown as { __probe: { on: boolean }; __probeStart: () => void };
    if (on) w.__probeStart();
    else w.__probe.on = false;
  }, on);

/** The first probe that arrived at the fake with `x-as-workspace` satisfying `wanted`. */
async function firstProbe(
  fake: Fake,
  wanted: (header: string | undefined) => boolean,
  timeoutMs: number,
): Promise<RequestLogEntry> {
  let found: RequestLogEntry | undefined;
  await waitFor(
    async () => {
      const log = await fake.control.requests({ path: PROBE_PATH, host: 'api.instantly.ai' });
      found = log.find((e) => e.query.probe !== undefined && wanted(e.headers['x-as-workspace']));
      return found;
    },
    (e) => e !== undefined,
    timeoutMs,
    'a probe request with the new x-as-workspace',
    20,
  );
  return found!;
}

/**
 * Starts polling getDynamicRules() in the service worker (every ~2 ms) until the header is
 * `expected`. In the worker, not the popup: the popup's own thread is busy right after the click
 * and would see the change late. (No named functions: tsx's `__name` does not exist there.)
 */
function watchRules(session: Session, expected: string, timeoutMs: number): Promise<void> {
  return session.worker.evaluate(
    ({ expected, timeoutMs }) => {
      const g = globalThis as unknown as { __benchRulesAt?: Promise<number> };
      g.__benchRulesAt = (async () => {
        const t0 = performance.now();
        for (;;) {
          const rules = await chrome.declarativeNetRequest.getDynamicRules();
          if (
            rules.some((r) =>
              r.action.requestHeaders?.some((h) => h.header.toLowerCase() === 'x-as-workspace' && h.value === expected),
            )
          )
            return performance.timeOrigin + performance.now();
          if (performance.now() - t0 > timeoutMs) return Number.NaN;
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
    },
    { expected, timeoutMs },
  );
}

/** When the worker saw the rules change (wall clock of the worker). */
function rulesSeenAt(session: Session): Promise<number> {
  return session.worker.evaluate(() => (globalThis as unknown as { __benchRulesAt: Promise<number> }).__benchRulesAt);
}

export interface SwitchTimes {
  /** fake arrival − click, ms, raw (clocks not corrected). */
  popup: number[];
  /** click → getDynamicRules() in the worker shows the new header (polled every ~2 ms; worker clock − popup clock). */
  popupRules: number[];
  /** fake arrival − dispatch in the worker; null when the cycle command is not there. */
  cycle: number[] | null;
  /** dispatch → getDynamicRules() in the worker shows the change (one clock, polled every ~2 ms). */
  cycleRules: number[];
  cycleUnavailable?: string;
  clocks: { popup: ClockOffset; app: ClockOffset; worker: ClockOffset };
  /** Probes that arrived between the click and the first with the new header (sanity: > 0). */
  probesBefore: number[];
  /** The first probe with the new header minus the last one before it: how fine each reading is. */
  resolution: number[];
}

/**
 * `pair`: the two members the popup clicks alternately (default: the first two accepted ones).
 * One that is not among the rows on screen (the list shows only what fits) is searched for
 * first, outside the timed span.
 */
export async function measureSwitch(
  session: Session,
  fake: Fake,
  seeded: SeedResult,
  plan: Plan,
  timeouts: Timeouts,
  pair?: readonly [SeededSub, SeededSub],
): Promise<SwitchTimes> {
  const popup = await openPopupReady(session, timeouts);
  const app = await openProbePage(session);
  try {
    return await switchReps(session, fake, seeded, plan, timeouts, popup, app, pair);
  } finally {
    await probes(app, false).catch(() => undefined);
    await app.close();
    await popup.close();
  }
}

/**
 * Waits until the extension has finished with earlier actions: a request that goes through the
 * background's queue (act as whoever is acted as now, which changes nothing) and its reply.
 */
async function drain(popup: Page, timeouts: Timeouts): Promise<void> {
  const reply = await popup.evaluate(async (timeoutMs) => {
    const { actingAs } = await chrome.storage.local.get<{ actingAs?: { workspaceId: string } | null }>('actingAs');
    const answer: Promise<unknown> = chrome.runtime.sendMessage({
      type: 'actAs',
      workspaceId: actingAs?.workspaceId ?? null,
    });
    return Promise.race([answer, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  }, timeouts.actionMs);
  if (reply === 'timeout') throw new Error(`the background did not answer within ${timeouts.actionMs} ms`);
}

async function switchReps(
  session: Session,
  fake: Fake,
  seeded: SeedResult,
  plan: Plan,
  timeouts: Timeouts,
  popup: Page,
  app: Page,
  given?: readonly [SeededSub, SeededSub],
): Promise<SwitchTimes> {
  const clocks = {
    popup: await clockOffset(fake, 'popup', pagePing(popup)),
    app: await clockOffset(fake, 'app', pagePing(app)),
    worker: await clockOffset(fake, 'worker', workerPing(session)),
  };
  const accepted = seeded.subs.filter((s) => s.status === 'accepted' && s.name);
  const pair = given ?? [accepted[0]!, accepted[1]!];
  const search = popup.getByRole('searchbox', { name: 'Search workspaces' });
  const out: SwitchTimes = {
    popup: [],
    popupRules: [],
    cycle: null,
    cycleRules: [],
    clocks,
    probesBefore: [],
    resolution: [],
  };

  await repeat(plan, async (keep, rep) => {
    const target = pair[rep % 2]!;
    const button = popup.getByRole('button', { name: `Act as ${target.name}`, exact: true });
    if ((await button.count()) === 0) {
      await search.fill(target.name ?? target.id);
      await settle(popup);
    }
    await drain(popup, timeouts);
    await fake.control.clearRequests();
    await probes(app, true);
    await sleep(30);
    const clicksBefore = (await benchState(popup)).clicks.length;
    await watchRules(session, target.id, timeouts.actionMs);
    await button.click();
    const arrived = await firstProbe(fake, (h) => h === target.id, timeouts.actionMs);
    await probes(app, false);
    const clickAt = (await benchState(popup)).clicks[clicksBefore];
    if (clickAt === undefined) throw new Error('the click was not seen in the popup');
    const rulesAt = await rulesSeenAt(session);
    await popup
      .getByRole('status')
      .filter({ hasText: 'Acting as' })
      .filter({ hasText: target.name! })
      .first()
      .waitFor({ timeout: timeouts.actionMs });
    if (!keep) return;
    out.popup.push(arrived.time - clickAt);
    out.popupRules.push(rulesAt - clickAt);
    const log = await fake.control.requests({ path: PROBE_PATH });
    out.probesBefore.push(log.filter((e) => e.time >= clickAt && e.time < arrived.time).length);
    const previous = log.filter((e) => e.seq < arrived.seq).at(-1);
    if (previous) out.resolution.push(arrived.time - previous.time);
  });

  // A member searched for above: the popup remembers the search, so leave it empty.
  if ((await search.inputValue()) !== '') {
    await search.fill('');
    await settle(popup);
  }

  // The cycle command, dispatched to the listeners the extension registered.
  const hasCycle = await session.worker.evaluate(() => chrome.commands.onCommand.hasListeners());
  if (!hasCycle) {
    out.cycleUnavailable = 'the service worker registers no chrome.commands.onCommand listener';
  } else {
    const cycle: number[] = [];
    out.cycle = cycle;
    await repeat(plan, async (keep) => {
      if (out.cycle === null) return;
      await drain(popup, timeouts);
      const before = await session.worker.evaluate(async () => {
        const { actingAs } = await chrome.storage.local.get<{ actingAs?: { workspaceId: string } | null }>('actingAs');
        return actingAs?.workspaceId ?? null;
      });
      await fake.control.clearRequests();
      await probes(app, true);
      await sleep(30);
      // Dispatch, then poll the rules in the worker until the header changes.
      // (No named functions in here: tsx would wrap them in a `__name` the worker lacks.)
      const { dispatchedAt, rulesMs } = await session.worker.evaluate(
        async ({ before, timeoutMs }) => {
          const t0 = performance.now();
          (chrome.commands.onCommand as unknown as { dispatch(command: string): void }).dispatch(
            'cycle-next-workspace',
          );
          for (;;) {
            const rules = await chrome.declarativeNetRequest.getDynamicRules();
            const set = rules
              .flatMap((r) => r.action.requestHeaders ?? [])
              .find((h) => h.header.toLowerCase() === 'x-as-workspace');
            if ((set?.value ?? null) !== before)
              return { dispatchedAt: performance.timeOrigin + t0, rulesMs: performance.now() - t0 };
            if (performance.now() - t0 > timeoutMs) return { dispatchedAt: performance.timeOrigin + t0, rulesMs: -1 };
            await new Promise((r) => setTimeout(r, 2));
          }
        },
        { before, timeoutMs: timeouts.actionMs },
      );
      let arrived: RequestLogEntry;
      try {
        if (rulesMs < 0) throw new Error('the rules did not change');
        arrived = await firstProbe(fake, (h) => (h ?? null) !== before, 5_000);
      } catch (error) {
        await probes(app, false);
        out.cycle = null;
        out.cycleUnavailable = `dispatching cycle-next-workspace did not change the header within ${timeouts.actionMs / 1000} s (${(error as Error).message})`;
        return;
      }
      await probes(app, false);
      if (keep) {
        cycle.push(arrived.time - dispatchedAt);
        out.cycleRules.push(rulesMs);
      }
    });
    await drain(popup, timeouts);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// full group sync

export interface SyncRun {
  /** Refresh click → the group stored (seen by storage.onChanged in the popup; one clock). */
  wallMs: number;
  /** Every GET of the list endpoint (including any that only checks the key, e.g. limit=1). */
  listRequests: number;
  /** Of those, the pages of the walk (limit=100). */
  listPages: number;
  /** Every request to api.instantly.ai the sync made (the list pages and the key's checks). */
  allRequests: number;
  /** First → last list request arriving at the fake. */
  listSpanMs: number;
  /** The most requests to api.instantly.ai in any 1 s window. */
  maxPerSecond: number;
  /** With several agencies: each one's listing, told apart by the key it was sent with (in the order of `keys`). */
  perAgency: AgencyListing[];
}

export interface AgencyListing {
  listRequests: number;
  listPages: number;
  allRequests: number;
  listSpanMs: number;
}

const listSpan = (lists: RequestLogEntry[]) =>
  lists.length > 1 ? (lists.at(-1)?.time ?? 0) - (lists[0]?.time ?? 0) : 0;

/**
 * `keys`: the connected admin keys, when there are several. The group counts as stored when its
 * `syncedAt` is later than the click: it is the oldest of the agencies' own, so only once every
 * agency's listing is stored (with one agency, the first change after the click).
 */
export async function measureSync(
  session: Session,
  fake: Fake,
  plan: Plan,
  timeouts: Timeouts,
  keys: readonly string[] = [],
): Promise<SyncRun[]> {
  const popup = await openPopupReady(session, timeouts);
  const refresh = popup.getByRole('button', { name: 'Refresh', exact: true });
  const runs: SyncRun[] = [];
  await repeat(plan, async (keep) => {
    await waitFor(() => refresh.isEnabled(), Boolean, timeouts.syncMs, 'Refresh to be enabled');
    await fake.control.clearRequests();
    const before = await benchState(popup);
    await refresh.click();
    await popup.waitForFunction(
      ({ clicks, changes }) => {
        const bench = (window as unknown as BenchWindow).__bench;
        const clickAt = bench.clicks[clicks];
        return (
          clickAt !== undefined &&
          bench.groupChanges
            .slice(changes)
            .some((c) => c.error !== null || (c.syncedAt !== null && c.syncedAt > clickAt))
        );
      },
      { clicks: before.clicks.length, changes: before.groupChanges.length },
      { timeout: timeouts.syncMs },
    );
    const after = await benchState(popup);
    const clickAt = after.clicks[before.clicks.length];
    const change = after.groupChanges
      .slice(before.groupChanges.length)
      .find((c) => c.error !== null || (c.syncedAt !== null && clickAt !== undefined && c.syncedAt > clickAt));
    if (clickAt === undefined || change === undefined)
      throw new Error('the click or the stored group was not seen in the popup');
    if (change.error) throw new Error(`the sync failed: ${change.error}`);
    await waitFor(() => refresh.isEnabled(), Boolean, timeouts.syncMs, 'the refresh to finish');
    // The extension's requests: not the probes or clock pings of other measurements.
    const log = (await fake.control.requests({ host: 'api.instantly.ai' })).filter(
      (e) => e.query.probe === undefined && e.path !== CLOCK_PATH,
    );
    const lists = log.filter((e) => e.method === 'GET' && e.path === LIST_PATH);
    if (!keep) return;
    runs.push({
      wallMs: change.at - clickAt,
      listRequests: lists.length,
      listPages: lists.filter((e) => e.query.limit === '100').length,
      allRequests: log.length,
      listSpanMs: lists.length ? lists.at(-1)!.time - lists[0]!.time : 0,
      maxPerSecond: maxInWindow(log.map((e) => e.time)),
      perAgency: keys.map((key) => {
        const mine = (e: RequestLogEntry) => e.headers.authorization === `Bearer ${key}`;
        const own = lists.filter(mine);
        return {
          listRequests: own.length,
          listPages: own.filter((e) => e.query.limit === '100').length,
          allRequests: log.filter(mine).length,
          listSpanMs: listSpan(own),
        };
      }),
    });
  });
  await popup.close();
  return runs;
}

// ---------------------------------------------------------------------------------------------
// service-worker cold start → rules consistent with storage

export interface ColdStart {
  /** The message that wakes the worker → getDynamicRules() shows the rule storage asks for. */
  rulesMs: number[];
  /** The same message → its reply. */
  replyMs: number[];
  method: string;
}

interface VersionInfo {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/**
 * Stops the extension's worker with CDP ServiceWorker.stopWorker (a session on an extension page;
 * the status events say when it has stopped), removes the dynamic rules from that page so that
 * they disagree with storage, then wakes the worker with a message and times, in the page, how
 * long until the rules match storage again.
 */
export async function measureColdStart(
  session: Session,
  seeded: SeedResult,
  plan: Plan,
  timeouts: Timeouts,
): Promise<ColdStart> {
  const page = await session.context.newPage();
  await page.goto(session.floorUrl);
  const target = seeded.subs.find((s) => s.status === 'accepted')!;
  const reply = await page.evaluate((id) => chrome.runtime.sendMessage({ type: 'actAs', workspaceId: id }), target.id);
  if (!(reply as { ok?: boolean } | undefined)?.ok)
    throw new Error(`could not act as ${target.id}: ${JSON.stringify(reply)}`);

  const cdp = await session.context.newCDPSession(page);
  const versions = new Map<string, VersionInfo>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: VersionInfo[] }) => {
    for (const v of event.versions) if (v.scriptURL.includes(session.extensionId)) versions.set(v.versionId, v);
  });
  await cdp.send('ServiceWorker.enable');
  const running = () => [...versions.values()].find((v) => v.runningStatus === 'running');
  await waitFor(async () => running(), Boolean, 5_000, 'the worker to be reported running');

  const out: ColdStart = { rulesMs: [], replyMs: [], method: 'CDP ServiceWorker.stopWorker' };
  await repeat(plan, async (keep) => {
    const version = await waitFor(async () => running(), Boolean, 5_000, 'the worker to be running');
    await cdp.send('ServiceWorker.stopWorker', { versionId: version!.versionId });
    await waitFor(
      async () => versions.get(version!.versionId)?.runningStatus,
      (s) => s === 'stopped',
      5_000,
      'the worker to stop',
    );
    const stored = await page.evaluate(async () => {
      const rules = await chrome.declarativeNetRequest.getDynamicRules();
      await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: rules.map((r) => r.id) });
      const { actingAs } = await chrome.storage.local.get<{ actingAs?: { workspaceId: string } | null }>('actingAs');
      return {
        removed: rules.length,
        left: (await chrome.declarativeNetRequest.getDynamicRules()).length,
        expected: actingAs?.workspaceId ?? null,
      };
    });
    if (stored.expected === null || stored.removed === 0 || stored.left !== 0)
      throw new Error(`cold start set-up went wrong: ${JSON.stringify(stored)}`);
    if (versions.get(version!.versionId)?.runningStatus !== 'stopped')
      throw new Error('the worker started before the event');
    const result = await page.evaluate(
      async ({ expected, timeoutMs }) => {
        const t0 = performance.now();
        const replied = chrome.runtime.sendMessage({ type: 'dismissNotice' }).then(
          () => performance.now() - t0,
          () => -1,
        );
        for (;;) {
          const rules = await chrome.declarativeNetRequest.getDynamicRules();
          const ok = rules.some((r) =>
            r.action.requestHeaders?.some((h) => h.header.toLowerCase() === 'x-as-workspace' && h.value === expected),
          );
          if (ok) return { rules: performance.now() - t0, reply: await replied };
          if (performance.now() - t0 > timeoutMs) return { rules: -1, reply: await replied };
          await new Promise((r) => setTimeout(r, 1)); // ~1 ms resolution without hogging the browser process
        }
      },
      { expected: stored.expected, timeoutMs: timeouts.actionMs },
    );
    if (result.rules < 0)
      throw new Error(`the rules did not match storage within ${timeouts.actionMs} ms of the wake-up`);
    if (!keep) return;
    out.rulesMs.push(result.rules);
    out.replyMs.push(result.reply);
  });
  await cdp.detach();
  await page.close();
  return out;
}
