// The glance (issue 12): a group of N sub workspaces, all accepted, in a fresh Chromium; the
// popup's "Refresh glance" is clicked, the fake's log says what arrived and when; then the popup
// is opened with the figures stored. See bench/README.md ("glance").
import type { Page } from '@playwright/test';
import { GLANCE_PACE } from '../../lib/providers/instantly/glance-client';
import { pacer } from '../../lib/providers/pacer';
import { maxInWindow } from './stats';
import { benchState, connect, launch, sleep, waitFor, type Chrome, type Fake, type PageBench } from './session';

declare const chrome: Chrome;

const GLANCE_PATHS = ['/api/v2/emails/unread/count', '/api/v2/campaigns/count-launched', '/api/v2/accounts'];
type BenchWindow = Window & { __bench: PageBench };

export interface GlanceResult {
  accepted: number;
  /**
   * measured: the whole run was waited for. projected: the run was watched for `watchedMs` only
   * (1,000 workspaces take over ten minutes at the glance's pace), and its time is the pacer's
   * own schedule for the requests the whole run makes, computed on a virtual clock.
   */
  method: 'measured' | 'projected';
  /** Click → every figure stored (measured), or the projection. */
  completeMs: number;
  /** Glance requests that arrived (the whole run, or while watched). */
  requests: number;
  /** Requests the whole run makes (measured, or: per workspace while watched × workspaces). */
  requestsForAll: number;
  /** The most glance requests arriving at the fake in any 1 s and any 60 s. */
  maxPerSecond: number;
  maxPerMinute: number;
  /** How long the run was watched (projected only). */
  watchedMs?: number;
  /** The pacer's schedule for the requests that arrived while watched, to check the projection's model against. */
  scheduleForWatched?: number;
  /** Popup open → first row, and → first row's figures, with every workspace's figures stored. */
  open: number[];
  openFigures: number[];
  /** Where the stored figures for the open measure came from. */
  figuresFrom: 'the run' | 'written into storage (synthetic, one per workspace)';
  chromium: string;
}

/** How long the pacer takes to let `count` requests start, answered at once, on a virtual clock. */
export async function pacedScheduleMs(count: number): Promise<number> {
  let t = 0;
  const virtual = pacer({ ...GLANCE_PACE, now: () => t, sleep: async (ms) => void (t += ms) });
  for (let i = 0; i < count; i++) (await virtual.take())();
  return t;
}

export interface GlanceOptions {
  /** Watch the run for this long and project, instead of waiting for its end. */
  watchMs?: number;
  openReps: number;
  timeoutMs: number;
}

export async function measureGlance(
  fake: Fake,
  extensionDir: string,
  accepted: number,
  options: GlanceOptions,
): Promise<GlanceResult> {
  await fake.control.reset();
  const seeded = await fake.control.seed({ subWorkspaces: accepted, pendingEvery: 0, rejectedEvery: 0 });
  const session = await launch(fake, extensionDir);
  try {
    await connect(session, seeded.adminKey, accepted, options.timeoutMs);
    // The bench says when the glance runs: not the alarm that would start one a minute after connecting.
    await session.worker.evaluate(() => chrome.alarms.clear('refresh-glance'));
    const popup = await session.context.newPage();
    await popup.goto(session.popupUrl);
    const button = popup.getByRole('button', { name: 'Refresh glance' });
    await button.waitFor();
    await sleep(500); // the refresh the popup may start on open
    await fake.control.clearRequests();
    await button.click();
    const clickAt = (await benchState(popup)).clicks.at(-1)!;

    const watched = options.watchMs !== undefined;
    let finishedAt: number | undefined;
    if (watched) await sleep(options.watchMs!);
    else {
      const run = await waitFor(
        () => glanceRun(popup),
        (r) => r !== null && !r.running && r.startedAt >= clickAt - 1_000,
        options.timeoutMs,
        'the glance to finish',
        250,
      );
      if (run!.error) throw new Error(`the glance stopped: ${run!.error}`);
      finishedAt = run!.finishedAt!;
    }
    if (watched) {
      // End the run: unreachable, it stops (and says so). Then the API is back for the opens.
      await fake.control.offline(true);
      await waitFor(
        () => glanceRun(popup),
        (r) => r !== null && !r.running,
        options.timeoutMs,
        'the glance to stop',
        250,
      );
      await fake.control.offline(false);
    }
    const log = (await fake.control.requests({ host: 'api.instantly.ai' })).filter(
      (e) => GLANCE_PATHS.includes(e.path) && e.status !== null,
    );
    const times = log.map((e) => e.time);
    // Requests per workspace, from those whose last call (the accounts) arrived: the whole run makes that many for each.
    const byWorkspace = new Map<string | undefined, typeof log>();
    for (const e of log)
      byWorkspace.set(e.headers['x-as-workspace'], [...(byWorkspace.get(e.headers['x-as-workspace']) ?? []), e]);
    const finished = [...byWorkspace.values()].filter((entries) => entries.some((e) => e.path === '/api/v2/accounts'));
    const perWorkspace = finished.reduce((sum, entries) => sum + entries.length, 0) / Math.max(1, finished.length);
    const requestsForAll = watched ? Math.round(perWorkspace * accepted) : log.length;

    let figuresFrom: GlanceResult['figuresFrom'] = 'the run';
    if (watched) {
      await popup.close();
      // Figures for every workspace, so the popup opens with a whole glance, as it will once such a run has finished.
      await session.worker.evaluate(
        async (ids) => {
          const byWorkspace: Record<string, unknown> = {};
          ids.forEach((id, i) => {
            byWorkspace[id] = {
              fetchedAt: Date.now(),
              unread: (i * 13) % 48,
              launched: i % 4,
              trouble: i % 4 === 2 ? 1 : 0,
              ...(i % 4 === 2
                ? {
                    troubled: [
                      {
                        email: `alex@client-${i}.example`,
                        reason: 'connection error: 535 5.7.8 Username and Password not accepted',
                      },
                    ],
                  }
                : {}),
            };
          });
          await chrome.storage.local.set({
            glances: byWorkspace,
            glanceRun: {
              running: false,
              done: ids.length,
              total: ids.length,
              startedAt: Date.now(),
              finishedAt: Date.now(),
            },
          });
        },
        seeded.subs.map((s) => s.id),
      );
      await sleep(500);
      figuresFrom = 'written into storage (synthetic, one per workspace)';
    } else {
      await popup.close();
    }

    const open: number[] = [];
    const openFigures: number[] = [];
    for (let rep = 0; rep < options.openReps + 1; rep++) {
      const page = await session.context.newPage();
      await page.goto(session.popupUrl);
      await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstGlance !== null, undefined, {
        timeout: 30_000,
      });
      const state = await benchState(page);
      if (rep > 0) {
        open.push(state.firstRow!);
        openFigures.push(state.firstGlance!);
      }
      await sleep(300); // the refresh the popup may start
      await page.close();
    }

    return {
      accepted,
      method: watched ? 'projected' : 'measured',
      completeMs: watched ? await pacedScheduleMs(requestsForAll) : finishedAt! - clickAt,
      requests: log.length,
      requestsForAll,
      maxPerSecond: maxInWindow(times, 1_000),
      maxPerMinute: maxInWindow(times, 60_000),
      ...(watched ? { watchedMs: options.watchMs, scheduleForWatched: await pacedScheduleMs(log.length) } : {}),
      open,
      openFigures,
      figuresFrom,
      chromium: session.chromiumVersion,
    };
  } finally {
    await session.close();
  }
}

function glanceRun(page: Page) {
  return page.evaluate(async () => {
    const { glanceRun } = await chrome.storage.local.get<{
      glanceRun?: { running: boolean; startedAt: number; finishedAt?: number; error?: string } | null;
    }>('glanceRun');
    return glanceRun ?? null;
  });
}
