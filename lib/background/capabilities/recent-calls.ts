// Recent API calls: whom each page's request to an API host actually went out as. The badge
// says whom the extension would act as; this says what left the browser, read from the request
// headers as sent, after the rules (measured in both browsers: docs/browsers.md#observing-requests).
// Observing only: non-blocking listeners, limited to the API hosts and the server-relay routes.
// Nothing but the method, the path, the page's host, the status and the name of the workspace
// is kept: never a key, a query string, a body or another header's value.
import { browser } from 'wxt/browser';
import {
  AS_WORKSPACE_HEADER,
  INSTANTLY_API_HOST,
  UNSTRUCTURED_DEFAULT_ORIGIN,
  UNSTRUCTURED_KEY_HEADER,
} from '../../common/sites/hosts';
import {
  displayName,
  RECENT_CALL_METHOD_KEPT,
  RECENT_CALL_PATH_KEPT,
  RECENT_CALLS_BYTES,
  RECENT_CALLS_KEPT,
  type RecentCall,
  type UnstructuredWorkspace,
} from '../../common/model';
import { permittedOrigins } from '../projection/guarded-tabs';
import { done } from '../../common/reply';
import { relayAt, SERVER_RELAYS } from '../../common/sites/server-relays';
import {
  actingAs,
  allowedSites,
  group,
  recentCalls,
  relayNoticeSeen,
  tabActing,
  unstructuredWorkspaces,
} from '../../common/storage';
import { describe } from '../worker/errors';
import { serialQueue } from '../worker/queue';
import { onRequest } from '../worker/message-router';
import { unstructuredKey } from '../worker/secrets';

/** What both browsers hand onSendHeaders (Chromium names the page `initiator`, Firefox `originUrl`). */
export interface SentDetails {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  timeStamp: number;
  initiator?: string;
  originUrl?: string;
  requestHeaders?: { name: string; value?: string }[];
}

export interface EndedDetails {
  requestId: string;
  statusCode?: number;
  error?: string;
}

/**
 * A call seen leaving, as held in memory until the next write (at most one batch): the value of
 * an Unstructured key header is held only to tell which workspace's key it was, and dropped then.
 */
export interface Seen {
  id: string;
  at: number;
  method: string;
  host: string;
  path: string;
  site: string | null;
  tabId: number;
  api: RecentCall['api'];
  asWorkspaceId: string | null;
  keySent: string | null;
  /** The extension's own call for the agency console (recorded by it, not observed). */
  from?: 'console';
}

/** A write per burst of requests, not per request: observing must cost a page's call nothing. */
export const WRITE_EVERY_MS = 250;

const header = (details: SentDetails, name: string) =>
  details.requestHeaders?.find((h) => h.name.toLowerCase() === name)?.value ?? null;

/** The page's host; null for an opaque origin ("null") or a page with none (about:, data:). */
function siteOf(details: SentDetails): string | null {
  const from = details.initiator ?? details.originUrl;
  if (!from) return null;
  try {
    return new URL(from).host || null;
  } catch {
    return null;
  }
}

/**
 * The call to list, or null for one not to: the extension's own (its base URL is `ownBase`,
 * e.g. chrome-extension://<id>) and CORS preflights (the browser's, not the page's: both
 * browsers report them, with the header on them too).
 */
export function seenFrom(details: SentDetails, ownBase: string): Seen | null {
  const from = details.initiator ?? details.originUrl ?? '';
  if (from.startsWith(ownBase)) return null;
  if (details.method === 'OPTIONS') return null;
  let url: URL;
  try {
    url = new URL(details.url);
  } catch {
    return null;
  }
  const relay = relayAt(url.host, url.pathname);
  return {
    id: details.requestId,
    at: Math.round(details.timeStamp),
    method: details.method,
    host: url.host,
    path: url.pathname,
    site: siteOf(details),
    tabId: details.tabId,
    api: relay ? 'relayed' : url.host === INSTANTLY_API_HOST ? 'instantly' : 'unstructured',
    asWorkspaceId: relay ? null : header(details, AS_WORKSPACE_HEADER),
    keySent: relay ? null : header(details, UNSTRUCTURED_KEY_HEADER),
  };
}

export const statusOf = (details: EndedDetails): RecentCall['status'] =>
  details.error !== undefined || !details.statusCode ? 'failed' : details.statusCode;

export interface Batch {
  seen: Seen[];
  ended: Map<string, RecentCall['status']>;
}

/** The stored list after a batch: new calls first (newest first), statuses filled in, 50 kept. */
export async function withBatch(list: RecentCall[], batch: Batch): Promise<RecentCall[]> {
  const [members, everywhere, tabs, workspaces, sites] = await Promise.all([
    group.get().then((g) => g.members),
    actingAs.get(),
    tabActing.get(),
    unstructuredWorkspaces.get(),
    allowedSites.get(),
  ]);
  const knownHosts = new Set(permittedOrigins(sites, workspaces).map((origin) => new URL(origin).host));
  const names = new Map(members.map((m) => [m.workspaceId, displayName(m)]));
  for (const target of [everywhere, ...Object.values(tabs)]) if (target) names.set(target.workspaceId, target.name);
  const keys = await Promise.all(workspaces.map(async (w) => [await unstructuredKey(w.id).get(), w.name] as const));
  const keyOwner = (key: string) => keys.find(([k]) => k === key)?.[1] ?? null;

  const fresh = batch.seen.map((s): RecentCall => {
    // A call relayed through the docs' proxy counts only from the docs' own pages: any page
    // can post to that route, and must not raise the notice that its server relayed a call.
    // The console's calls are the extension's own (site null): known by where they come from.
    const unknown =
      !s.from && (s.site === null || !knownHosts.has(s.site) || (s.api === 'relayed' && s.site !== s.host));
    const call: RecentCall = {
      id: s.id,
      at: s.at,
      method: cut(s.method, RECENT_CALL_METHOD_KEPT),
      host: cut(s.host, RECENT_CALL_PATH_KEPT),
      path: cut(s.path, RECENT_CALL_PATH_KEPT),
      site: s.site === null ? null : cut(s.site, RECENT_CALL_PATH_KEPT),
      status: batch.ended.get(s.id) ?? null,
      api: s.api,
      // A page that is not the extension's to switch sent whatever it liked: never shown as anyone.
      as: unknown ? null : s.asWorkspaceId ? shownId(names, s.asWorkspaceId) : s.keySent ? keyOwner(s.keySent) : null,
    };
    if (s.from) call.from = s.from;
    if (unknown) call.unknownSite = true;
    else if (s.api === 'relayed') {
      const tabChoice = tabs[String(s.tabId)];
      const meant = tabChoice === undefined ? everywhere : tabChoice;
      if (meant) call.meant = meant.name;
    }
    return call;
  });
  const older = list.map((call) => {
    const status = call.status === null ? batch.ended.get(call.id) : undefined;
    return status === undefined ? call : { ...call, status };
  });
  const kept = [...fresh.reverse(), ...older].sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS_KEPT);
  while (kept.length > 1 && JSON.stringify(kept).length > RECENT_CALLS_BYTES) kept.pop();
  return kept;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const WELL_FORMED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A known workspace's name; an id the extension does not know only if it is one (a page set the header itself). */
const shownId = (names: Map<string, string>, id: string) =>
  names.get(id) ?? (WELL_FORMED_ID.test(id) ? id : 'an unrecognised workspace id');

export interface Recorder {
  sent(details: SentDetails): void;
  ended(details: EndedDetails): void;
  /** A call the extension made itself (observing skips those), listed with its status at once. */
  own(call: Seen, status: RecentCall['status']): void;
  /** Writes what is waiting now (the timer does this WRITE_EVERY_MS after a batch starts). */
  flush(): Promise<void>;
}

export function recorder(ownBase: string, delayMs = WRITE_EVERY_MS): Recorder {
  const writes = serialQueue();
  let batch: Batch = { seen: [], ended: new Map() };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Ids of the calls listed lately: the end of any other request (the extension's own, a
  // preflight) is no reason to write.
  const listed = new Set<string>();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const taken = batch;
    batch = { seen: [], ended: new Map() };
    if (taken.seen.length === 0 && taken.ended.size === 0) return writes(() => Promise.resolve());
    return writes(async () => recentCalls.set(await withBatch(await recentCalls.get(), taken))).catch(
      (error: unknown) => console.warn('Workspace Switcher: recording recent calls failed:', describe(error)),
    );
  };
  const later = () => (timer ??= setTimeout(() => void flush(), delayMs));
  return {
    sent(details) {
      const seen = seenFrom(details, ownBase);
      if (!seen) return;
      listed.add(seen.id);
      if (listed.size > RECENT_CALLS_KEPT * 4) {
        const oldest = listed.values().next();
        if (!oldest.done) listed.delete(oldest.value);
      }
      batch.seen.push(seen);
      later();
    },
    ended(details) {
      if (!listed.has(details.requestId)) return;
      batch.ended.set(details.requestId, statusOf(details));
      later();
    },
    own(call, status) {
      batch.seen.push(call);
      batch.ended.set(call.id, status);
      later();
    },
    flush,
  };
}

/** The URL patterns of the API hosts: the built-in ones, and those of the user's own Unstructured URLs. */
export const BUILT_IN_PATTERNS = [
  `https://${INSTANTLY_API_HOST}/*`,
  `${UNSTRUCTURED_DEFAULT_ORIGIN}/*`,
  ...SERVER_RELAYS.map((relay) => `https://${relay.host}${relay.path}*`),
];

export function customPatterns(workspaces: UnstructuredWorkspace[]): string[] {
  const patterns = new Set<string>();
  for (const w of workspaces) {
    try {
      patterns.add(`${new URL(w.apiBase).origin}/*`);
    } catch {
      // Stored URLs were checked when added; one that no longer parses is not watched.
    }
  }
  return [...patterns].filter((p) => !BUILT_IN_PATTERNS.includes(p));
}

type WebRequest = NonNullable<typeof browser.webRequest>;

/** Non-blocking listeners for these patterns; returns what removes them. */
function observe(webRequest: WebRequest, urls: string[], record: Recorder): () => void {
  // The rules' resource types: a page's fetch/XHR (and sendBeacon and the like), not navigations.
  const filter = { urls, types: ['xmlhttprequest', 'other'] as const };
  const sent = (details: unknown) => record.sent(details as SentDetails);
  const ended = (details: unknown) => record.ended(details as EndedDetails);
  // Headers added by the rules are in requestHeaders without Chromium's extraHeaders (measured),
  // which would route every matching request through the extension's process for nothing.
  webRequest.onSendHeaders.addListener(sent, filter as never, ['requestHeaders']);
  webRequest.onCompleted.addListener(ended, filter as never);
  webRequest.onErrorOccurred.addListener(ended, filter as never);
  return () => {
    webRequest.onSendHeaders.removeListener(sent);
    webRequest.onCompleted.removeListener(ended);
    webRequest.onErrorOccurred.removeListener(ended);
  };
}

export async function dismissRelayNotice() {
  await relayNoticeSeen.set(Date.now());
  return done;
}

let record: Recorder | undefined;

/**
 * Lists a call the console had the extension make (method, path without query, whom, status:
 * nothing else), which the observer skips as the extension's own.
 */
export function recordConsoleCall(
  call: Pick<Seen, 'id' | 'method' | 'path' | 'asWorkspaceId'>,
  status: RecentCall['status'],
): void {
  record?.own(
    {
      ...call,
      at: Date.now(),
      host: INSTANTLY_API_HOST,
      site: null,
      tabId: -1,
      api: 'instantly',
      keySent: null,
      from: 'console',
    },
    status,
  );
}

export function setUpRecentCalls(): void {
  onRequest('dismissRelayNotice', dismissRelayNotice);
  const recording = recorder(browser.runtime.getURL('/').replace(/\/$/, ''));
  record = recording;
  const webRequest = browser.webRequest as WebRequest | undefined;
  // No webRequest permission (the bench's copy without it): nothing is observed, nothing else changes.
  if (!webRequest) return;
  // Registered now, synchronously, so an event that wakes the worker finds its listener.
  observe(webRequest, BUILT_IN_PATTERNS, recording);
  // An Unstructured account's own API host is watched once it is stored (its host permission
  // was granted when it was added); a call that wakes the worker before this runs is missed.
  let stopCustom = () => {};
  const follow = (workspaces: UnstructuredWorkspace[]) => {
    stopCustom();
    const urls = customPatterns(workspaces);
    stopCustom = urls.length > 0 ? observe(webRequest, urls, recording) : () => {};
  };
  unstructuredWorkspaces.watch(follow);
  void unstructuredWorkspaces.get().then(follow, () => undefined);
}
