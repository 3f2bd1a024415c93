// The console's one primitive: any call to Instantly's API, as a workspace of a connected agency,
// made here with that agency's key (a page never holds one) and x-as-workspace for a sub
// workspace (none for the admin workspace). Every call takes its turn from the agency's pacer,
// shared with the glance (pacer.ts: the agency's budget, the endpoint's own lower limit, a 429
// pausing them all). Every write is journalled before it is sent and never sent twice; one whose
// answer never came is told as possibly done. Each call is listed in Recent API calls, marked
// as from the console: method, path, whom, status, never a key, a query or a body.
// What the console makes of the answer (sentences, trees, summaries) stays in the page.
import { ApiError, parseRetryAfter } from '../../providers/api-error';
import { fetchJson } from '../../providers/fetch-json';
import { pauseAgency, takeTurn } from '../../providers/pacer';
import { adminIdOf, agenciesOf, displayName } from '../../common/model';
import { isWrite, type CallAnswer, type InstantlyCall, type JournalledWrite } from '../../common/instantly-call';
import { NOT_CONNECTED } from '../../common/reply';
import { AS_WORKSPACE_HEADER, INSTANTLY_API_ORIGIN } from '../../common/sites/hosts';
import { accounts, consoleWrites, group } from '../../common/storage';
import { onRequest } from '../worker/message-router';
import { serialQueue } from '../worker/queue';
import { instantlyKey } from '../worker/secrets';
import { tell } from './notices';
import { recordConsoleCall } from './recent-calls';

/** An answer is handed on to the page in a message: far above any page of 100 items, far below what would stall it. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** A body typed in the console; Instantly's largest (a lead list) is far smaller. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** A read refused by a 429 is tried again after the pause, this many times; a write never is. */
const READ_TRIES = 3;
/** The pause after a 429 without Retry-After. */
const BACKOFF_MS = 2_000;
/** Answered writes kept (their ids are never sent again), besides every unknown one. */
const SENT_KEPT = 50;

export const NOT_SENT = 'Cancelled before it was sent: nothing reached Instantly.';
export const ALREADY_SENT = 'This call was already sent once; it is not sent again. Send it anew to repeat it.';
/** A write whose answer never came (none in time, or the worker was stopped while it was out). */
export const maybeDone = (w: Pick<JournalledWrite, 'method' | 'path' | 'label'>) =>
  `${w.method} ${w.path} as ${w.label} got no answer from Instantly: it may or may not have been done. Check before you send it again.`;
export const NO_ANSWER = 'No answer came from Instantly.';

export interface CallDeps {
  fetch?: typeof fetch;
}

const journalWrites = serialQueue();
const updateJournal = (change: (list: JournalledWrite[]) => JournalledWrite[]) =>
  journalWrites(async () => consoleWrites.set(change(await consoleWrites.get())));
const setState = (id: string, state: JournalledWrite['state'], cause?: JournalledWrite['cause']) =>
  updateJournal((list) => {
    const next = list.map((w) => (w.id === id ? { ...w, state, ...(cause ? { cause } : {}) } : w));
    const sent = next.filter((w) => w.state === 'sent');
    const dropped = new Set(sent.slice(0, Math.max(0, sent.length - SENT_KEPT)).map((w) => w.id));
    return next.filter((w) => !dropped.has(w.id));
  });

/** Calls in this worker: an id is taken once (the journal covers ids from before a restart). */
const inFlight = new Map<string, AbortController>();
/** Ids cancelled before their call came (a fan-out cancelled at once): those calls are never sent. */
const cancelledEarly = new Set<string>();
const CANCELLED_KEPT = 1_000;

export function cancelCall(callId: string): void {
  const waiting = inFlight.get(callId);
  if (waiting) {
    waiting.abort();
    return;
  }
  cancelledEarly.add(callId);
  if (cancelledEarly.size > CANCELLED_KEPT) cancelledEarly.delete(cancelledEarly.values().next().value ?? '');
}

/**
 * The path as given, if it is one of Instantly's API paths and the URL parser leaves it as it
 * is (no dot segments, nothing that would reach another path or host); else null.
 */
export function urlOf(path: string, query: { name: string; value: string }[] = []): URL | null {
  if (!path.startsWith('/api/v2/')) return null;
  let url: URL;
  try {
    url = new URL(path, INSTANTLY_API_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== INSTANTLY_API_ORIGIN || url.pathname !== path || url.search || url.hash) return null;
  for (const { name, value } of query) url.searchParams.append(name, value);
  return url;
}

/** Whom the call goes out as, checked against the stored agencies and group; a sentence when it cannot. */
async function whom(call: InstantlyCall): Promise<{ key: string; agencyId: string; label: string } | string> {
  const list = await accounts.get();
  const agency = agenciesOf(list).find((a) => a.workspaceId === call.agencyId);
  const key = agency ? await instantlyKey(agency.workspaceId).get() : null;
  if (!agency || !key) return NOT_CONNECTED;
  const agencyId = agency.workspaceId;
  if (call.asWorkspaceId === null) return { key, agencyId, label: `${agency.workspaceName} (admin workspace)` };
  const asId = call.asWorkspaceId;
  // Only an accepted sub workspace of this very agency: Instantly refuses any other (docs/instantly-api.md#x-as-workspace).
  const member = (await group.get()).members.find(
    (m) => m.workspaceId === asId && m.status === 'accepted' && adminIdOf(m, list) === agencyId,
  );
  if (!member) return `Not an accepted sub workspace of ${agency.workspaceName}: nothing was sent.`;
  return { key, agencyId, label: displayName(member) };
}

export async function callInstantly(call: InstantlyCall, deps: CallDeps = {}): Promise<CallAnswer> {
  const url = urlOf(call.path, call.query);
  const bodyText = call.body === undefined ? undefined : JSON.stringify(call.body);
  // A path outside the API, a GET with a body, a body over 1 MB: a page's mistake, never sent.
  if (!url || (call.method === 'GET' && bodyText !== undefined) || (bodyText?.length ?? 0) > MAX_REQUEST_BYTES)
    return { ok: false, error: 'The extension refused to send that request.' };
  const write = isWrite(call.method);
  if (cancelledEarly.delete(call.callId)) return { ok: false, error: NOT_SENT };
  if (inFlight.has(call.callId)) return { ok: false, error: ALREADY_SENT };
  if (write) {
    const seen = (await consoleWrites.get()).find((w) => w.id === call.callId);
    if (seen) return { ok: false, error: ALREADY_SENT, ...(seen.state === 'sent' ? {} : { unknown: true }) };
  }
  const controller = new AbortController();
  inFlight.set(call.callId, controller);
  try {
    const as = await whom(call);
    if (typeof as === 'string') return { ok: false, error: as };
    return await send(call, url, as, write, controller.signal, deps);
  } finally {
    inFlight.delete(call.callId);
  }
}

async function send(
  call: InstantlyCall,
  url: URL,
  as: { key: string; agencyId: string; label: string },
  write: boolean,
  signal: AbortSignal,
  deps: CallDeps,
): Promise<CallAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${as.key}` };
  if (call.asWorkspaceId !== null) headers[AS_WORKSPACE_HEADER] = call.asWorkspaceId;
  const listed = (status: number | 'failed') =>
    recordConsoleCall(
      {
        id: `console:${call.callId}`,
        method: call.method,
        path: call.path,
        asWorkspaceId: headers[AS_WORKSPACE_HEADER] ?? null,
      },
      status,
    );
  for (let tries = 1; ; tries++) {
    let answered: () => void;
    try {
      answered = await takeTurn(as.agencyId, call.method, call.path, signal);
    } catch {
      return { ok: false, error: NOT_SENT };
    }
    const started = Date.now();
    try {
      // Journalled before it leaves (outside the try below: a journal that cannot be written sends nothing).
      if (write && tries === 1) await journal(call, as, started);
    } catch (error) {
      answered();
      throw error;
    }
    try {
      const response = await fetchJson(url.href, {
        method: call.method,
        headers,
        body: call.body,
        fetch: deps.fetch,
        maxBodyBytes: MAX_ANSWER_BYTES,
      });
      const ms = Date.now() - started;
      listed(response.status);
      const retryAfterS = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status === 429) {
        // The whole agency waits, the glance too: Instantly's limit is the workspace's, shared.
        pauseAgency(as.agencyId, retryAfterS, BACKOFF_MS);
        if (!write && tries < READ_TRIES) continue;
      }
      if (write) await setState(call.callId, 'sent');
      return {
        ok: true,
        status: response.status,
        ms,
        body: response.json,
        ...(retryAfterS !== undefined ? { retryAfterS } : {}),
      };
    } catch (error) {
      listed('failed');
      const noAnswer = !(error instanceof ApiError) || error.kind === 'timeout' || error.kind === 'network';
      if (write) await setState(call.callId, noAnswer ? 'unknown' : 'sent', noAnswer ? 'no-answer' : undefined);
      if (noAnswer)
        return write
          ? { ok: false, error: maybeDone({ ...call, label: as.label }), unknown: true }
          : { ok: false, error: NO_ANSWER };
      // A redirect (never followed with the key) or an answer over MAX_ANSWER_BYTES.
      return { ok: false, error: error.serverMessage ?? 'Instantly’s answer could not be read.' };
    } finally {
      answered();
    }
  }
}

function journal(call: InstantlyCall, as: { agencyId: string; label: string }, at: number): Promise<void> {
  const entry: JournalledWrite = {
    id: call.callId,
    at,
    method: call.method,
    path: call.path,
    agencyId: as.agencyId,
    asWorkspaceId: call.asWorkspaceId === null ? null : call.asWorkspaceId,
    label: as.label,
    state: 'sending',
  };
  return updateJournal((list) => [...list, entry]);
}

/**
 * Start-up, before any request is served: a write still being sent belongs to a worker that was
 * stopped mid-call. It is never sent again; the user is told it may have reached Instantly.
 */
export async function settleInterruptedWrites(): Promise<void> {
  const cut = (await consoleWrites.get()).filter((w) => w.state === 'sending');
  if (cut.length === 0) return;
  const ids = new Set(cut.map((w) => w.id));
  await updateJournal((list) =>
    list.map((w) => (ids.has(w.id) ? { ...w, state: 'unknown' as const, cause: 'interrupted' as const } : w)),
  );
  for (const w of cut) await tell(maybeDone(w));
}

export function setUpInstantlyCall(): void {
  onRequest('callInstantly', (r) => callInstantly(r));
  onRequest('cancelCall', (r) => {
    cancelCall(r.callId);
    return Promise.resolve({ ok: true });
  });
}
