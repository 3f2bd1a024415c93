// `npm run bench` (after `wxt build`): headless Chromium with the built extension against the
// TLS fake API, for groups of 100, 1,000 and 10,000 sub workspaces, and for two agencies of 1,000
// each (two admin keys, one list of 2,000; issue 13). Prints one markdown table
// with each figure next to its target (issue 6), writes bench/results.json (not committed) and,
// for a full run, bench/results.md (committed). See bench/README.md for how each figure is taken.
//
//   npm run bench                 full run (6 to 11 minutes on 2 cores)
//   npm run bench -- --smoke      100 members, two agencies of 100, one repetition, and the glance of 100: for CI, about 2 minutes
//   npm run bench -- --agencies=2x1000        only the two agencies of 1,000 each
//   npm run bench -- --sizes=1000 --reps=5    a partial run while working on something
//   npm run bench -- --sizes= --glance=100    only the glance (issue 12) of 100 accepted sub workspaces
//
// Exit code 1 only when the bench itself broke (a measurement threw); missed targets are reported.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backgroundBundle, pageBundle, type BundleSize } from './lib/bundle';
import { BUNDLE_BUDGETS } from './lib/bundle-budgets';
import {
  measureColdStart,
  measureOpen,
  measureSearch,
  measureSwitch,
  measureSync,
  openPopupReady,
  type ColdStart,
  type OpenTimes,
  type SearchTimes,
  type SwitchTimes,
  type SyncRun,
  type Plan,
  type Timeouts,
} from './lib/measure';
import { measureObserving, type ObservingTimes } from './lib/observing';
import { measureGlance, type GlanceResult } from './lib/glance';
import { markdownTable, misses, type Figure, type Target } from './lib/report';
import { connect, extensionCopy, launch, startFake, type Fake } from './lib/session';
import { summarize } from './lib/stats';
import type { SeededSub } from '../test/fake-api/seed';

const HERE = import.meta.dirname;
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
// `--agencies=` alone runs only the agencies (and the figures every run has: observing, bundles).
const onlyAgencies =
  option('agencies') !== undefined && option('sizes') === undefined && option('glance') === undefined;
const sizes =
  option('sizes')?.split(',').filter(Boolean).map(Number) ?? (onlyAgencies ? [] : smoke ? [100] : [100, 1000, 10000]);
const repsOverride = option('reps') ? Number(option('reps')) : undefined;
// The glance of N accepted sub workspaces (issue 12): 100 in smoke runs; 1,000 is watched for a
// minute and projected (at its pace, the whole run takes over ten minutes; bench/README.md).
const glanceSizes =
  option('glance')?.split(',').filter(Boolean).map(Number) ??
  (onlyAgencies ? [] : smoke ? [100] : option('sizes') ? sizes.filter((s) => s <= 1000) : [100, 1000]);
/** Several agencies, `AxN`: A admin keys connected, N sub workspaces each, one list (issue 13). */
interface AgencyCase {
  agencies: number;
  size: number;
}
function agencyCase(text: string): AgencyCase {
  const match = /^(\d+)x(\d+)$/.exec(text);
  const agencies = Number(match?.[1]);
  const size = Number(match?.[2]);
  // The fake seeds one agency beside the first (SeedOptions.secondAgency), of the same size here.
  if (!match || agencies !== 2 || !(size > 0))
    throw new Error(`--agencies=${text}: expected 2xN (two agencies of N sub workspaces each)`);
  return { agencies, size };
}
const agencyCases =
  option('agencies')?.split(',').filter(Boolean).map(agencyCase) ??
  (smoke
    ? [{ agencies: 2, size: 100 }]
    : option('sizes') !== undefined || option('glance') !== undefined
      ? []
      : [{ agencies: 2, size: 1000 }]);
const GLANCE_MEASURED_UP_TO = 100;
const GLANCE_WATCH_MS = 65_000;
const partial =
  smoke ||
  option('sizes') !== undefined ||
  repsOverride !== undefined ||
  option('glance') !== undefined ||
  option('agencies') !== undefined;

// Repetitions: up to `reps` (after `warmups`), fewer once `budgetMs` is spent and `minReps` kept,
// so that a slow figure (e.g. at 10,000 members) cannot stretch the run past ten minutes.
const plan = (reps: number, warmups: number, budgetS: number, minReps = 3): Plan =>
  smoke
    ? { reps: 1, warmups: 0, budgetMs: 0, minReps: 1 }
    : {
        reps: repsOverride ?? reps,
        warmups,
        budgetMs: budgetS * 1000,
        minReps: Math.min(minReps, repsOverride ?? reps),
      };
const config = {
  mode: smoke ? 'smoke' : partial ? 'partial' : 'full',
  sizes,
  agencies: agencyCases,
  open: plan(15, 1, 60, 5),
  search: plan(15, 1, 45, 5),
  switch: plan(15, 1, 45),
  sync: (size: number) => plan(size >= 10000 ? 3 : 5, 0, 45),
  cold: plan(10, 0, 40),
  /** Once, not per group size: the cost of Recent API calls' listeners to a page's call. */
  observing: smoke ? { blocks: 2, callsPerBlock: 20 } : { blocks: 10, callsPerBlock: 30 },
  glance: {
    sizes: glanceSizes,
    measuredUpTo: GLANCE_MEASURED_UP_TO,
    watchMs: GLANCE_WATCH_MS,
    openReps: smoke ? 1 : 10,
  },
};
const timeoutsFor = (size: number): Timeouts => ({
  syncMs: Math.max(30_000, size * 15),
  actionMs: Math.max(30_000, size * 12),
});

interface GlanceRun {
  size: number;
  result?: GlanceResult;
  error?: string;
}

interface SizeResult {
  /** Sub workspaces per agency. */
  size: number;
  /** Admin keys connected, each with `size` sub workspaces in the one list. */
  agencies: number;
  /** The table's group column: "1,000", or "2 × 1,000" for two agencies. */
  label: string;
  seededVia: string;
  connectMs?: number;
  open?: OpenTimes;
  search?: SearchTimes;
  switch?: SwitchTimes;
  sync?: SyncRun[];
  cold?: ColdStart;
  errors: Record<string, string>;
}

function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function step<T>(result: SizeResult, name: string, work: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  try {
    const value = await work();
    log(`${result.label}: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.slice(0, 300);
    result.errors[name] = message;
    log(`${result.label}: ${name} FAILED: ${message}`);
    return undefined;
  }
}

/** `agencies` 2: a second admin key with `size` sub workspaces of its own, connected after the first. */
async function benchSize(
  fake: Fake,
  extensionDir: string,
  size: number,
  agencies = 1,
): Promise<{ result: SizeResult; chromium: string }> {
  const seeded = await fake.seed(size, agencies > 1 ? size : 0);
  const label = agencies > 1 ? `${agencies} × ${group(size)}` : group(size);
  const result: SizeResult = { size, agencies, label, seededVia: fake.seededVia, errors: {} };
  const second = seeded.secondAgency;
  if (agencies > 1 && !second) throw new Error('the fake seeded no second agency');
  const rows = size * agencies;
  const timeouts = timeoutsFor(rows);
  // The list holds the agencies' rows in the order they were connected: the first's, then the second's.
  const listed = { ...seeded, subs: second ? [...seeded.subs, ...second.subs] : seeded.subs };
  const firstAccepted = (subs: SeededSub[]) => subs.find((s) => s.status === 'accepted' && s.name);
  const ownSub = firstAccepted(seeded.subs);
  const northSub = second && firstAccepted(second.subs);
  // With two agencies the popup switches from one agency's sub workspace to the other's and back.
  const pair: readonly [SeededSub, SeededSub] | undefined = ownSub && northSub ? [ownSub, northSub] : undefined;
  log(`${label}: seeded (${fake.seededVia}); launching Chromium`);
  const session = await launch(fake, extensionDir);
  try {
    const t0 = Date.now();
    const connected = await step(result, 'connect', async () => {
      await connect(session, seeded.adminKey, size, timeouts.syncMs);
      if (second) await connect(session, second.adminKey, rows, timeouts.syncMs);
    });
    result.connectMs = Date.now() - t0;
    if (connected === undefined && result.errors.connect) return { result, chromium: session.chromiumVersion };

    result.open = await step(result, 'open', () => measureOpen(session, config.open, timeouts, rows));
    result.search = await step(result, 'search', async () => {
      const popup = await openPopupReady(session, timeouts);
      try {
        return await measureSearch(popup, listed, config.search);
      } finally {
        await popup.close();
      }
    });
    result.switch = await step(result, 'switch', () =>
      measureSwitch(session, fake, seeded, config.switch, timeouts, pair),
    );
    const keys = second ? [seeded.adminKey, second.adminKey] : [];
    result.sync = await step(result, 'sync', () => measureSync(session, fake, config.sync(rows), timeouts, keys));
    result.cold = await step(result, 'cold start', () => measureColdStart(session, seeded, config.cold, timeouts));
    return { result, chromium: session.chromiumVersion };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------------------------------------

const group = (size: number) => size.toLocaleString('en-US');
const ms = (max: number): Target => ({ max, on: 'median', text: `≤ ${max} ms` });

/** Recent API calls' cost to a page's call: measured once, or why not. */
type Observing = { times?: ObservingTimes; error?: string };

function figuresFor(
  results: SizeResult[],
  glances: GlanceRun[],
  bundles: { popup: BundleSize; options: BundleSize; background: BundleSize },
  observing: Observing,
): Figure[] {
  const figures: Figure[] = [];
  const each = (make: (r: SizeResult) => Omit<Figure, 'group'>) => {
    for (const r of results) figures.push({ group: r.label, ...make(r) });
  };
  // Issue 6 sets a search budget only at 10,000; the agencies' list of 2,000 is held to it too.
  const searchBudget = (r: SizeResult) => r.size === 10000 || (r.agencies > 1 && r.size === 1000);
  const failed = (r: SizeResult, step: string) =>
    r.errors[step] ?? (r.errors.connect ? `connect: ${r.errors.connect}` : undefined);

  each((r) => ({
    figure: 'floor: static extension page → first row',
    unit: 'ms',
    summary: r.open && summarize(r.open.floor),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'floor: scripted extension page (one classic script) → first row',
    unit: 'ms',
    summary: r.open && summarize(r.open.scriptedFloor),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'static page over TLS (fake, other.example) → first element',
    unit: 'ms',
    summary: r.open && summarize(r.open.tlsFloor),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'popup open → first row',
    unit: 'ms',
    summary: r.open && summarize(r.open.popup),
    target: r.size === 1000 ? ms(100) : r.size === 10000 ? ms(150) : undefined,
    error: failed(r, 'open'),
  }));
  each((r) => {
    const ratio = r.open ? summarize(r.open.popup).median / summarize(r.open.floor).median : undefined;
    const max = r.size === 1000 ? 2.5 : r.size === 10000 ? 3.5 : undefined;
    return {
      figure: 'popup open ÷ floor (medians)',
      unit: '×',
      value: ratio,
      target: max === undefined ? undefined : { max, on: 'value', text: `≤ ${max}×` },
      error: failed(r, 'open'),
    };
  });
  // Issue 22: against the scripted floor, the first row and the whole list reachable.
  const scriptedTarget = (r: SizeResult, max: number): Target | undefined =>
    r.size === 1000 || r.size === 10000 ? { max, on: 'value', text: `≤ ${max}×` } : undefined;
  each((r) => ({
    figure: 'popup open ÷ scripted floor (medians)',
    unit: '×',
    value: r.open ? summarize(r.open.popup).median / summarize(r.open.scriptedFloor).median : undefined,
    target: scriptedTarget(r, 1.2),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'popup open → all members reachable (aria-setsize = all)',
    unit: 'ms',
    summary: r.open && summarize(r.open.reachable),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'popup open → all members reachable ÷ scripted floor (medians)',
    unit: '×',
    value: r.open ? summarize(r.open.reachable).median / summarize(r.open.scriptedFloor).median : undefined,
    target: scriptedTarget(r, 2),
    error: failed(r, 'open'),
  }));
  each((r) => ({
    figure: 'search keystroke → list updated',
    unit: 'ms',
    summary: r.search && summarize(r.search.endToEnd),
    target: searchBudget(r) ? ms(50) : undefined,
    error: failed(r, 'search'),
  }));
  each((r) => ({
    figure: 'search keystroke: script work',
    unit: 'ms',
    summary: r.search && summarize(r.search.script),
    target: searchBudget(r) ? ms(16) : undefined,
    error: failed(r, 'search'),
  }));
  each((r) => ({
    figure: 'search keystroke: all main-thread tasks',
    unit: 'ms',
    summary: r.search && summarize(r.search.tasks),
    error: failed(r, 'search'),
  }));
  const switchTarget: Target = { max: 50, on: 'p95', text: '≤ 50 ms' };
  each((r) => ({
    figure: 'switch (popup click) → header at the API',
    unit: 'ms',
    summary: r.switch && summarize(r.switch.popup),
    target: switchTarget,
    error: failed(r, 'switch'),
  }));
  each((r) => ({
    figure: 'switch (popup click) → rules updated',
    unit: 'ms',
    summary: r.switch && summarize(r.switch.popupRules),
    error: failed(r, 'switch'),
  }));
  each((r) => ({
    figure: 'switch (cycle command) → header at the API',
    unit: 'ms',
    summary: r.switch?.cycle ? summarize(r.switch.cycle) : undefined,
    missing: r.switch && !r.switch.cycle ? r.switch.cycleUnavailable : undefined,
    target: switchTarget,
    error: failed(r, 'switch'),
  }));
  each((r) => ({
    figure: 'switch (cycle command) → rules updated',
    unit: 'ms',
    summary: r.switch?.cycle ? summarize(r.switch.cycleRules) : undefined,
    missing: r.switch && !r.switch.cycle ? r.switch.cycleUnavailable : undefined,
    error: failed(r, 'switch'),
  }));
  // Each agency lists its own members with its own key: the budget of 1,000 holds per agency.
  const agencyListRequests = (r: SizeResult): Omit<Figure, 'group'> => {
    const listings = (r.sync ?? []).flatMap((s) => s.perAgency);
    const first = r.sync?.[0];
    return {
      figure: 'sync: requests to the list endpoint, per agency',
      unit: 'requests',
      value: listings.length ? Math.max(...listings.map((a) => a.listRequests)) : undefined,
      target: r.size === 1000 ? { max: 11, on: 'value', text: '≤ 10 (+1 empty page) each' } : undefined,
      note: first
        ? `${first.perAgency.map((a) => `${a.listRequests} (${a.listPages} pages of 100)`).join(' + ')} = ${first.listRequests} in all`
        : undefined,
      error: failed(r, 'sync'),
    };
  };
  each((r) =>
    r.agencies > 1
      ? agencyListRequests(r)
      : {
          figure: 'sync: requests to the list endpoint',
          unit: 'requests',
          value: r.sync ? Math.max(...r.sync.map((s) => s.listRequests)) : undefined,
          target: r.size === 1000 ? { max: 11, on: 'value', text: '≤ 10 (+1 empty page)' } : undefined,
          note:
            r.sync && r.sync[0]!.listRequests !== r.sync[0]!.listPages
              ? `${r.sync[0]!.listPages} of them pages of 100`
              : undefined,
          error: failed(r, 'sync'),
        },
  );
  each((r) => ({
    figure: 'sync: all API requests',
    unit: 'requests',
    value: r.sync ? Math.max(...r.sync.map((s) => s.allRequests)) : undefined,
    error: failed(r, 'sync'),
  }));
  each((r) => ({
    figure: 'sync: Refresh click → group stored',
    unit: 'ms',
    summary: r.sync && summarize(r.sync.map((s) => s.wallMs)),
    target: r.size === 1000 ? { max: 1000, on: 'median', text: '≤ 1 s' } : undefined,
    note: r.agencies > 1 ? 'until every agency’s listing is stored' : undefined,
    error: failed(r, 'sync'),
  }));
  each((r) => ({
    figure: 'sync: most API requests in any 1 s',
    unit: 'requests',
    value: r.sync ? Math.max(...r.sync.map((s) => s.maxPerSecond)) : undefined,
    target: { max: 100, on: 'value', text: '≤ 100 (Instantly: 100/s)' },
    error: failed(r, 'sync'),
  }));
  each((r) => ({
    figure: 'cold start: worker stopped, message → rules match storage',
    unit: 'ms',
    summary: r.cold && summarize(r.cold.rulesMs),
    error: failed(r, 'cold start'),
  }));
  each((r) => ({
    figure: 'cold start: worker stopped, message → reply',
    unit: 'ms',
    summary: r.cold && summarize(r.cold.replyMs),
    error: failed(r, 'cold start'),
  }));

  const o = observing.times;
  const observed = o && summarize(o.observing);
  const blind = o && summarize(o.notObserving);
  figures.push(
    {
      figure: 'page API call round trip, extension observing (Recent API calls)',
      group: '',
      unit: 'ms',
      summary: observed,
      error: observing.error,
    },
    {
      figure: 'page API call round trip, same build without webRequest',
      group: '',
      unit: 'ms',
      summary: blind,
      error: observing.error,
    },
    {
      figure: 'observing adds to a page API call (difference of medians)',
      group: '',
      unit: 'ms',
      value: observed && blind ? observed.median - blind.median : undefined,
      note: o ? `${o.observing.length} calls each, in alternating blocks; ${o.listed} listed` : undefined,
      error: observing.error,
    },
  );
  for (const g of glances) {
    const label = `${group(g.size)} accepted`;
    const r = g.result;
    const error = g.error;
    figures.push(
      {
        figure:
          r?.method === 'projected'
            ? 'glance: Refresh glance → all figures stored (projected)'
            : 'glance: Refresh glance → all figures stored',
        group: label,
        unit: 'ms',
        value: r?.completeMs,
        note:
          r?.method === 'projected'
            ? `pacer schedule for ${r.requestsForAll} requests; watched ${((r.watchedMs ?? 0) / 1000).toFixed(0)} s, see notes`
            : undefined,
        error,
      },
      {
        figure: 'glance: requests',
        group: label,
        unit: 'requests',
        value: r?.method === 'projected' ? r.requestsForAll : r?.requests,
        note: r?.method === 'projected' ? `${r.requests} arrived while watched` : undefined,
        error,
      },
      {
        figure: 'glance: most requests in any 1 s',
        group: label,
        unit: 'requests',
        value: r?.maxPerSecond,
        target: { max: 10, on: 'value', text: '≤ 10' },
        error,
      },
      {
        figure: 'glance: most requests in any 60 s',
        group: label,
        unit: 'requests',
        value: r?.maxPerMinute,
        target: { max: 300, on: 'value', text: '≤ 300' },
        error,
      },
      {
        figure: 'popup open → first row, glance stored',
        group: label,
        unit: 'ms',
        summary: r && summarize(r.open),
        target: g.size === 1000 ? ms(100) : undefined,
        note: r && r.figuresFrom !== 'the run' ? 'figures written into storage' : undefined,
        error,
      },
      {
        figure: 'popup open → first row’s figures shown',
        group: label,
        unit: 'ms',
        summary: r && summarize(r.openFigures),
        error,
      },
    );
  }

  const kB = (bytes: number) => bytes / 1000;
  figures.push(
    {
      figure: 'popup JavaScript, gzip',
      group: '',
      unit: 'kB',
      value: kB(bundles.popup.gzip),
      target: { max: BUNDLE_BUDGETS.popup.target, on: 'value', text: `≤ ${BUNDLE_BUDGETS.popup.target} kB` },
    },
    { figure: 'popup JavaScript, raw', group: '', unit: 'kB', value: kB(bundles.popup.raw) },
    { figure: 'options JavaScript, gzip', group: '', unit: 'kB', value: kB(bundles.options.gzip) },
    { figure: 'options JavaScript, raw', group: '', unit: 'kB', value: kB(bundles.options.raw) },
    {
      figure: 'background JavaScript, gzip',
      group: '',
      unit: 'kB',
      value: kB(bundles.background.gzip),
      target: { max: BUNDLE_BUDGETS.background.target, on: 'value', text: `≤ ${BUNDLE_BUDGETS.background.target} kB` },
    },
    { figure: 'background JavaScript, raw', group: '', unit: 'kB', value: kB(bundles.background.raw) },
  );
  return figures;
}

function git(...cmd: string[]): string {
  try {
    return execFileSync('git', cmd, { cwd: HERE, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function notes(results: SizeResult[], glances: GlanceRun[], bundles: Record<string, BundleSize>): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const parts = [`seeded ${r.seededVia}`];
    if (r.connectMs !== undefined)
      parts.push(`key saved → first sync stored in ${(r.connectMs / 1000).toFixed(1)} s (from Node)`);
    if (r.search) {
      const t = r.search.target;
      parts.push(
        `search typed "${t.query}" (member ${t.index + 1} of ${r.size * r.agencies}); its last key takes the list from ${t.prefixCount} to ${t.finalCount} rows; ` +
          `the measurement's own script cost with no key pressed: ${r.search.overheadScript.toFixed(1)} ms`,
      );
    }
    if (r.switch) {
      const c = r.switch.clocks;
      const f = (o: { offset: number; rtt: number }) =>
        `${o.offset >= 0 ? '+' : ''}${o.offset.toFixed(2)} ms (rtt ${o.rtt.toFixed(1)} ms)`;
      parts.push(
        `clock offsets, fake − popup ${f(c.popup)}, fake − app page ${f(c.app)}, fake − worker ${f(c.worker)}: switch figures are not corrected for them`,
      );
      if (r.switch.probesBefore.length) {
        parts.push(
          `probes that arrived between the click and the first with the new header: median ${summarize(r.switch.probesBefore).median}; ` +
            `gap between the last probe without and the first with it (the reading's resolution): median ${summarize(r.switch.resolution).median.toFixed(1)} ms, max ${summarize(r.switch.resolution).max.toFixed(1)} ms`,
        );
      }
    }
    if (r.sync?.length) {
      const s = r.sync[0]!;
      parts.push(
        `sync made ${s.allRequests} API requests (${s.listRequests} list pages), list span ${s.listSpanMs.toFixed(0)} ms at the fake`,
      );
      if (s.perAgency.length)
        parts.push(
          `per agency (each with its own key, paced on its own): ${s.perAgency.map((a, i) => `agency ${i + 1} ${a.allRequests} requests, ${a.listRequests} list, span ${a.listSpanMs.toFixed(0)} ms`).join('; ')}`,
        );
      if (r.switch && r.agencies > 1)
        parts.push(
          'the popup click switched between a sub workspace of each agency, each searched for first (outside the timed span) when not on screen',
        );
    }
    for (const [name, error] of Object.entries(r.errors)) parts.push(`**${name} failed**: ${error}`);
    lines.push(
      `- ${r.agencies > 1 ? `${r.label} members (${r.agencies} agencies)` : `${r.label} members`}: ${parts.join('; ')}.`,
    );
  }
  for (const g of glances) {
    const r = g.result;
    if (!r) continue;
    const how =
      r.method === 'measured'
        ? `the whole run waited for: ${r.requests} requests`
        : `watched for ${((r.watchedMs ?? 0) / 1000).toFixed(0)} s (${r.requests} requests arrived; the pacer's own schedule for that many is ${((r.scheduleForWatched ?? 0) / 1000).toFixed(1)} s), then stopped; its time is the pacer's schedule for the ${r.requestsForAll} requests the whole run makes (requests per workspace seen × workspaces), on a virtual clock with every answer instant, so the real run takes that plus the answers' time`;
    lines.push(
      `- glance of ${group(g.size)} accepted sub workspaces: ${how}; popup opens with figures ${r.figuresFrom}.`,
    );
  }
  for (const [name, b] of Object.entries(bundles)) lines.push(`- ${name} JavaScript files: ${b.files.join(', ')}.`);
  return lines;
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  if (loadAtStart > os.cpus().length * 0.5)
    log(
      `warning: load average ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores; figures will be skewed by other work`,
    );
  const ext = await extensionCopy();
  const fake = await startFake();
  const results: SizeResult[] = [];
  const glances: GlanceRun[] = [];
  let chromium = 'unknown';
  const observing: Observing = {};
  try {
    for (const size of sizes) {
      const { result, chromium: version } = await benchSize(fake, ext.dir, size);
      results.push(result);
      chromium = version;
    }
    for (const { agencies, size } of agencyCases) {
      const { result, chromium: version } = await benchSize(fake, ext.dir, size, agencies);
      results.push(result);
      chromium = version;
    }
    const t0 = Date.now();
    try {
      observing.times = await measureObserving(fake, ext.dir, config.observing);
      log(`observing done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      observing.error = (error as Error).message.split('\n')[0]!.slice(0, 300);
      log(`observing FAILED: ${observing.error}`);
    }
    for (const size of glanceSizes) {
      const run: GlanceRun = { size };
      const started = Date.now();
      try {
        run.result = await measureGlance(fake, ext.dir, size, {
          watchMs: size > GLANCE_MEASURED_UP_TO ? GLANCE_WATCH_MS : undefined,
          openReps: config.glance.openReps,
          timeoutMs: Math.max(120_000, size * 1_000),
        });
        if (chromium === 'unknown') chromium = run.result.chromium;
        log(`glance ${size}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        run.error = (error as Error).message.split('\n')[0]!.slice(0, 300);
        log(`glance ${size}: FAILED: ${run.error}`);
      }
      glances.push(run);
    }
  } finally {
    await fake.close();
  }
  const bundles = {
    popup: pageBundle(ext.dir, 'popup.html'),
    options: pageBundle(ext.dir, 'options.html'),
    background: backgroundBundle(ext.dir),
  };
  await ext.dispose();

  const figures = figuresFor(results, glances, bundles, observing);
  const table = markdownTable(figures);
  const missed = misses(figures);
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1e9),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    productChangesUncommitted:
      git(
        'status',
        '--porcelain',
        '--',
        '../lib',
        '../entrypoints',
        '../components',
        '../wxt.config.ts',
        '../package.json',
      ) !== '',
    durationS: Math.round((Date.now() - started) / 1000),
    /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
    load: { start: loadAtStart, end: os.loadavg()[0]! },
  };

  const heading = `Benchmark (${config.mode}): ${machine.cores} cores (${machine.cpu}), load ${machine.load.start.toFixed(1)}→${machine.load.end.toFixed(1)}, Chromium ${chromium}, Node ${machine.node}, ${machine.date.slice(0, 16).replace('T', ' ')} UTC, commit ${machine.commit}${machine.productChangesUncommitted ? ' + uncommitted product changes' : ''}`;
  console.log(`\n${heading}\n\n${table}\n`);
  console.log(missed.length ? `Targets missed:\n${missed.map((m) => `- ${m}`).join('\n')}\n` : 'All targets met.\n');

  writeFileSync(
    path.join(HERE, 'results.json'),
    `${JSON.stringify({ config: { ...config, sync: [...sizes, ...agencyCases.map((c) => c.size * c.agencies)].map((s) => ({ size: s, ...config.sync(s) })) }, machine, results, glances, observing, bundles, figures }, null, 2)}\n`,
  );
  if (!partial) {
    const md = [
      '# Benchmark results',
      '',
      `Latest full run of \`npm run bench\` (${machine.durationS} s). Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, ${machine.os}; Chromium ${chromium} headless; Node ${machine.node}; ${machine.date}; load average ${machine.load.start.toFixed(1)} at the start, ${machine.load.end.toFixed(1)} at the end; commit ${machine.commit}${machine.productChangesUncommitted ? ' with uncommitted product changes in the working tree' : ''}.`,
      '',
      'Medians and p95 over the repetitions (n); a ✓/✗ compares the median (or the p95 where marked) with the target of issue 6. How each figure is taken: [README.md](README.md).',
      '',
      table,
      '',
      missed.length ? `## Targets missed\n\n${missed.map((m) => `- ${m}`).join('\n')}` : '## All targets met',
      '',
      '## Notes',
      '',
      ...notes(results, glances, bundles),
      '',
    ].join('\n');
    writeFileSync(path.join(HERE, 'results.md'), md);
    log('wrote bench/results.md and bench/results.json');
  } else {
    log(`${config.mode} run: wrote bench/results.json only (bench/results.md keeps the last full run)`);
  }
  const broke =
    results.some((r) => Object.keys(r.errors).length > 0) ||
    observing.error !== undefined ||
    glances.some((g) => g.error !== undefined);
  log(`finished in ${machine.durationS} s${broke ? ' with measurement errors' : ''}`);
  return broke ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
