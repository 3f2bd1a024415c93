// The glance: for every accepted sub workspace, its unread replies, launched campaigns and
// sending accounts in trouble, read with the admin key as that workspace — the roll-up
// Instantly's own agency console does on a server (docs/instantly-api.md#glance-endpoints),
// here in the background, on Refresh glance and every GLANCE_MINUTES while a key is connected.
// Gentle on the rate limit that every tool of the workspace shares: at most 10 requests in any
// second and 300 in any minute, one run at a time, paused as a whole by a 429.
import { ApiError } from '../../providers/api-error';
import { inTrouble, troubleReason } from '../../providers/instantly/account-trouble';
import { PAGE_LIMIT } from '../../providers/instantly/client';
import { explainInstantlyError } from '../../providers/instantly/explain';
import { explainGlanceError, type GlanceFigure } from '../../providers/instantly/explain-glance';
import { glanceClient, type GlanceClient } from '../../providers/instantly/glance-client';
import { agencyPacer, pauseMsFor, type Pacer } from '../../providers/pacer';
import {
  adminIdOf,
  agenciesOf,
  TROUBLE_NAMED,
  type GlanceRun,
  type Glances,
  type Member,
  type TroubledAccount,
  type WorkspaceGlance,
} from '../../common/model';
import { done, failed, NOT_CONNECTED, type Reply } from '../../common/reply';
import { accounts, attentionFirst, glanceRun, glances, group } from '../../common/storage';
import { browser } from 'wxt/browser';
import { whenReady } from '../worker/start-up-gate';
import { exclusive } from '../worker/queue';
import { GLANCE_ALARM } from '../worker/alarms';
import { onRequest } from '../worker/message-router';
import { instantlyKey } from '../worker/secrets';

/** Workspaces read side by side: enough to keep the pace when Instantly answers slowly. */
const PARALLEL = 3;
/** Figures and progress are written at most this often (every write is re-read by an open popup). */
const FLUSH_MS = 1_000;
/** 429s in a row with no answer between: Instantly is busy; the run stops, the next one goes on. */
const MAX_RATE_LIMITED = 5;
/** The pause after a 429 without Retry-After, doubling with each one in a row, up to a minute. */
const BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;
/** 10,000 accounts: a workspace with more has its first 10,000 looked at. */
const MAX_ACCOUNT_PAGES = 100;

export const GLANCE_CUT_SHORT =
  'The last glance was cut short (the browser stopped the extension’s background); the next one goes on from there.';

export interface GlanceDeps {
  makeClient?: (apiKey: string) => GlanceClient;
  /** One pacer for every agency instead of each agency's own (tests and the bench). */
  pacer?: Pacer;
}

/** Ends a run without a word: it was cancelled (key forgotten or replaced), not failed. */
class Cancelled extends Error {}
/** Ends a run with a sentence for the user (the key rejected, Instantly unreachable or busy). */
class Stopped extends Error {}

/** The keys the run reads with, as one string: a run belongs to the keys it started with. */
let current: { key: string; controller: AbortController; run: Promise<Reply> } | null = null;

/** Each connected agency's key, by its workspace id (one whose key is gone has none). */
async function agencyKeys(): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const a of agenciesOf(await accounts.get())) {
    const key = await instantlyKey(a.workspaceId).get();
    if (key) keys.set(a.workspaceId, key);
  }
  return keys;
}
const signatureOf = (keys: Map<string, string>) => JSON.stringify([...keys]);
const currentSignature = async () => signatureOf(await agencyKeys());

/**
 * Reads every accepted sub workspace's figures, each with the key of its agency; resolves when
 * the run ends. A call while a run with the same keys goes on joins it (never two at once); a
 * run with other keys is stopped first.
 */
export async function refreshGlance(deps: GlanceDeps = {}): Promise<Reply> {
  const keys = await agencyKeys();
  if (keys.size === 0) return failed(NOT_CONNECTED);
  const key = signatureOf(keys);
  if (current?.key === key) return current.run;
  current?.controller.abort(new Cancelled());
  const controller = new AbortController();
  const run = runGlance(keys, key, controller.signal, deps).finally(() => {
    if (current?.run === run) current = null;
  });
  current = { key, controller, run };
  return run;
}

/**
 * State goes (a key forgotten): the run stops at once and writes nothing more; the figures of
 * the given sub workspaces go (all of them, and the progress, with 'all'). Call inside
 * exclusive(), with the rest of that state.
 */
export async function forgetGlance(which: 'all' | ReadonlySet<string> = 'all'): Promise<void> {
  current?.controller.abort(new Cancelled());
  current = null;
  if (which === 'all') {
    await Promise.all([glances.remove(), glanceRun.remove()]);
    return;
  }
  const now = await glances.get();
  await glances.set(Object.fromEntries(Object.entries(now).filter(([id]) => !which.has(id))));
}

const acceptedIds = (members: Member[]) => members.filter((m) => m.status === 'accepted').map((m) => m.workspaceId);

async function runGlance(keys: Map<string, string>, key: string, outer: AbortSignal, deps: GlanceDeps): Promise<Reply> {
  const makeClient = deps.makeClient ?? ((apiKey) => glanceClient({ apiKey }));
  const clients = new Map([...keys].map(([adminId, apiKey]) => [adminId, makeClient(apiKey)]));
  // Each agency's own pacer, shared with the console and every other caller (pacer.ts): a pause
  // a 429 caused, in this run or any other, holds until it ends.
  const paceOf = (adminId: string) => deps.pacer ?? agencyPacer(adminId);
  // Stops the workers, for the outer reason or the first worker's failure.
  const stop = new AbortController();
  const signal = stop.signal;
  outer.addEventListener('abort', () => stop.abort(outer.reason), { once: true });

  const [{ members }, known, list] = await Promise.all([group.get(), glances.get(), accounts.get()]);
  const seen = (id: string) => known[id]?.fetchedAt ?? 0;
  // Each workspace is read with its own agency's key (the API refuses another agency's sub workspace).
  const clientOf = new Map<string, GlanceClient>();
  const agencyOf = new Map<string, string>();
  for (const m of members) {
    const adminId = adminIdOf(m, list) ?? '';
    const client = clients.get(adminId);
    if (m.status === 'accepted' && client) {
      clientOf.set(m.workspaceId, client);
      agencyOf.set(m.workspaceId, adminId);
    }
  }
  // The least recently read first: a run cut short is continued by the next one.
  const order = acceptedIds(members)
    .filter((id) => clientOf.has(id))
    .sort((a, b) => seen(a) - seen(b));
  const progress: GlanceRun = { running: true, done: 0, total: order.length, startedAt: Date.now() };
  const fresh = new Map<string, WorkspaceGlance>();
  let lastFlush = -Infinity;

  /** Writes the figures read so far and the progress, unless the run no longer belongs to the stored key. */
  async function flush(final: { error?: string } | null): Promise<void> {
    if (!final && Date.now() - lastFlush < FLUSH_MS) return;
    lastFlush = Date.now();
    const batch = [...fresh];
    fresh.clear();
    const run: GlanceRun = final ? { ...progress, running: false, finishedAt: Date.now(), ...final } : { ...progress };
    const written = await exclusive(async () => {
      if (outer.aborted || (await currentSignature()) !== key) return false;
      const [now, { members: latest }] = await Promise.all([glances.get(), group.get()]);
      await Promise.all([glances.set(merged(now, batch, latest)), glanceRun.set(run)]);
      return true;
    });
    if (!written) throw new Cancelled();
  }

  let rateLimited = 0;
  let pauses = 0;
  const pacedFor =
    (adminId: string) =>
    <T>(call: () => Promise<T>): Promise<T> =>
      paced(paceOf(adminId), call);
  async function paced<T>(pace: Pacer, call: () => Promise<T>): Promise<T> {
    for (;;) {
      const answered = await pace.take(signal);
      const pausesBefore = pauses;
      try {
        if ((await currentSignature()) !== key) throw new Cancelled();
        const result = await call();
        rateLimited = 0;
        return result;
      } catch (error) {
        if (!(error instanceof ApiError) || error.kind !== 'rate-limited') throw error;
        // Refused for the same moment as a 429 already answered with a pause: just try again after it.
        if (pausesBefore !== pauses) continue;
        pauses++;
        if (++rateLimited >= MAX_RATE_LIMITED) throw new Stopped(explainInstantlyError(error, 'list'));
        const backoff = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (rateLimited - 1));
        // Clamped: a Retry-After of hours must not silence the agency for hours (pacer.ts).
        pace.pause(pauseMsFor(error.retryAfterS, backoff));
      } finally {
        answered();
      }
    }
  }

  let next = 0;
  let reason: unknown;
  try {
    await flush(null);
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, order.length) }, async () => {
        try {
          while (!signal.aborted) {
            const id = order[next++];
            if (id === undefined) break;
            const client = clientOf.get(id);
            if (client) fresh.set(id, await glanceOf(client, id, pacedFor(agencyOf.get(id) ?? '')));
            progress.done++;
            await flush(null);
          }
        } catch (error) {
          reason ??= error;
          stop.abort(error);
        }
      }),
    );
    if (outer.aborted) reason = outer.reason;
    if (reason instanceof Cancelled) return await cancelled(progress.startedAt);
    const error =
      reason === undefined
        ? undefined
        : reason instanceof Stopped
          ? reason.message
          : explainInstantlyError(reason, 'list');
    await flush(error === undefined ? {} : { error });
    return error === undefined ? done : failed(error);
  } catch (error) {
    if (error instanceof Cancelled) return await cancelled(progress.startedAt);
    throw error;
  }
}

/**
 * A cancelled run writes no figure, but does not leave its progress saying "running" (a key
 * replaced by another of the same workspace keeps the figures). Forgotten state stays forgotten,
 * and a newer run's progress is left alone.
 */
async function cancelled(startedAt: number): Promise<Reply> {
  await exclusive(async () => {
    const run = await glanceRun.get();
    if (run?.running && run.startedAt === startedAt) await glanceRun.set({ ...run, running: false });
  });
  return done;
}

/** The stored figures with a batch of new ones, kept only for workspaces still accepted in the group. */
function merged(now: Glances, batch: [string, WorkspaceGlance][], members: Member[]): Glances {
  const accepted = new Set(acceptedIds(members));
  const kept: Glances = {};
  for (const [id, figures] of Object.entries(now)) if (accepted.has(id)) kept[id] = figures;
  for (const [id, figures] of batch) if (accepted.has(id)) kept[id] = figures;
  return kept;
}

/** A failure that ends the whole run rather than one workspace's figure. */
const endsRun = (error: unknown) =>
  !(error instanceof ApiError) || error.kind === 'unauthorized' || error.kind === 'network';

async function glanceOf(
  client: GlanceClient,
  id: string,
  paced: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<WorkspaceGlance> {
  const entry: WorkspaceGlance = { fetchedAt: Date.now() };
  const errors: string[] = [];
  let skipRest = false;
  async function figure<T>(name: GlanceFigure, read: () => Promise<T>): Promise<T | undefined> {
    if (skipRest) return undefined;
    try {
      return await read();
    } catch (error) {
      if (endsRun(error)) throw error;
      const sentence = explainGlanceError(error, name);
      if (!errors.includes(sentence)) errors.push(sentence);
      // The workspace itself is refused (no paid plan, no longer acted as): its other calls would be too.
      if (error instanceof ApiError && (error.kind === 'payment-required' || error.kind === 'not-found'))
        skipRest = true;
      return undefined;
    }
  }
  const unread = await figure('unread', () => paced(() => client.unreadCount(id)));
  const launched = await figure('launched', () => paced(() => client.launchedCount(id)));
  const trouble = await figure('accounts', () => troubleOf(client, id, paced));
  if (unread !== undefined) entry.unread = unread;
  if (launched !== undefined) entry.launched = launched;
  if (trouble) Object.assign(entry, trouble);
  if (errors.length > 0) entry.error = errors.join(' ');
  return entry;
}

async function troubleOf(
  client: GlanceClient,
  id: string,
  paced: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<Pick<WorkspaceGlance, 'trouble' | 'troubled' | 'unreadableAccounts'>> {
  let trouble = 0;
  let unreadable = 0;
  const troubled: TroubledAccount[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_ACCOUNT_PAGES; pages++) {
    const page = await paced(() => client.accountsPage(id, cursor));
    for (const row of page.accounts) {
      if (!inTrouble(row)) continue;
      trouble++;
      if (troubled.length < TROUBLE_NAMED) troubled.push({ email: row.email, reason: troubleReason(row) });
    }
    unreadable += page.skipped;
    cursor = page.next_starting_after;
    // [inference] A page shorter than the limit asked for is the last: no empty page is fetched
    // to confirm it (that would be a fourth request for nearly every workspace). An empty page,
    // no cursor or a cursor seen before end the walk too (docs/instantly-api.md#pagination).
    if (page.accounts.length + page.skipped < PAGE_LIMIT || !cursor || cursors.has(cursor)) break;
    cursors.add(cursor);
  }
  return {
    trouble,
    ...(troubled.length > 0 ? { troubled } : {}),
    ...(unreadable > 0 ? { unreadableAccounts: unreadable } : {}),
  };
}

/** Drops the figures of workspaces no longer accepted in the group (removed, or left). */
async function pruneGlances(members: Member[]): Promise<void> {
  await exclusive(async () => {
    const now = await glances.get();
    const kept = merged(now, [], members);
    if (Object.keys(kept).length !== Object.keys(now).length) await glances.set(kept);
  });
}

/** A run the worker was stopped in the middle of says so, instead of "running" for ever. */
async function settleCutShortRun(): Promise<void> {
  await exclusive(async () => {
    const run = await glanceRun.get();
    if (!current && run?.running) await glanceRun.set({ ...run, running: false, error: GLANCE_CUT_SHORT });
  });
}

export async function setAttentionFirst(on: boolean): Promise<Reply> {
  await attentionFirst.set(on);
  return done;
}

export function setUpGlance(): void {
  onRequest('refreshGlance', async () => {
    if ((await agencyKeys()).size === 0) return failed(NOT_CONNECTED);
    // Answered at once: the run takes minutes for a large group; its progress is stored.
    whenReady('glance', () => refreshGlance());
    return done;
  });
  onRequest('setAttentionFirst', (r) => setAttentionFirst(r.on));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === GLANCE_ALARM) whenReady('background glance', () => refreshGlance());
  });
  group.watch((value) => whenReady('dropping removed workspaces’ figures', () => pruneGlances(value.members)));
  whenReady('glance cut short', settleCutShortRun);
}
