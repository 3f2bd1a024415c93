// What a test can do to the fake from outside (routes under /__control/ on every host): read
// the log of what arrived, make the API fail, slow or unreachable, play the invited owner,
// and reseed. None of these requests is logged or affected by the conditions they set.
//
//   GET    /__control/requests[?host=&path=&method=]   the log (RequestLogEntry[]), oldest first
//   DELETE /__control/requests                          clear it → {cleared}
//   POST   /__control/memberships/{id}/accept|reject    the invited owner answers → member
//   POST   /__control/faults {Fault}                    queue a fault → {faults}
//   DELETE /__control/faults                            drop queued faults
//
// A fault hits the next `count` API requests (default: every one until DELETE /__control/faults)
// whose path starts with `path` and whose method is `method` (both optional); the first queued
// fault that matches a request is the one used. CORS preflights are never hit. Kinds:
//
//   {status: 429|500|503, retryAfter?}      answered with that error instead (nothing applied);
//                                            `kind: 'status'` may be given, as for all below
//   {kind: 'html', status: 200|500}         answered instead with an HTML page: 200 an app's
//                                            shell (as a misrouted proxy gives), 500 a proxy's
//                                            error page; content-type text/html either way
//   {kind: 'malformed-members'}             GET /api/v2/workspace-group-members only: each page
//                                            with items also has a row with status "invited" and
//                                            a row with sub_workspace_id null among the good rows
//                                            (next_starting_after stays the last good row's id)
//   {kind: 'endless-cursor'}                that list only: every page has items and a fresh
//                                            next_starting_after; past the real members, phantom
//                                            accepted members (ids the store does not know), forever
//   {kind: 'repeating-cursor'}              that list only: a page asked for with starting_after X
//                                            answers next_starting_after X again (its items: the
//                                            page after X, or the first page when that is empty)
//   {kind: 'apply-then-fail', status: 500|503, retryAfter?}   the request is handled (a POST
//                                            or DELETE changes the store), then answered with
//                                            that error instead of its result
//   {kind: 'apply-then-hold', holdMs}       handled, then the answer is held for holdMs (the
//                                            client times out with the outcome unknown); sent
//                                            afterwards if the connection is still open
//
// e.g. {kind: 'apply-then-fail', status: 503, method: 'DELETE', path: '/api/v2/workspace-group-members/', count: 1}.
// The log's `handledStatus` says what the handler answered when a fault replaced or held it.
//   POST   /__control/latency {ms}                      delay every API answer
//   POST   /__control/offline {on}                      drop API connections unanswered
//   POST   /__control/seed {SeedOptions}                replace the store → SeedResult
//            (at most 5,000 subs here: the answer lists every one; a bigger group, up to 100,000
//            and more, is seeded in-process: seedAgency(api.store, {subWorkspaces: 100_000}))
//   POST   /__control/reset                             empty store, log and conditions
//   GET    /__control/state                             StoreSnapshot + conditions
//   POST   /__control/workspaces/{id} {paid?, name?, deniedScopes?}   change a workspace → Workspace
//            deniedScopes: every call answered as this workspace (its own keys, or the admin's
//            key under x-as-workspace) to an operation that accepts one of these scopes gets the
//            403 of a missing scope, e.g. ["emails:read"] fails that one client's unread count
//            (why a switch on the workspace: WorkspaceRecord.deniedScopes in store.ts)
//   POST   /__control/workspaces/{id}/glance {unread?, launched?, accounts?: AccountInput[]}
//            set what the glance endpoints answer for that workspace → {unread, launched, accounts}
//            (accounts replace the list; AccountInput: email plus any Account field, see below)
//   POST   /__control/keys/revoke {key}                 revoke a key
//   POST   /__control/keys/scopes {key, scopes}         replace a key's scopes → ApiKeyRecord
import { z } from 'zod';
import { ACCOUNT_STATUSES, PROVIDER_CODES, WARMUP_STATUSES, type AccountRecord } from './glance';
import { errorResponse, jsonResponse, type FakeRequest, type FakeResponse } from './http';
import { seedAgency } from './seed';
import { ApiProblem, type Store } from './store';

export const CONTROL_PREFIX = '/__control/';

export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  method: string;
  /** Host header without port. */
  host: string;
  path: string;
  query: Record<string, string>;
  /** Every request header, names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** ms since the epoch (performance.timeOrigin + performance.now(): monotonic, sub-ms). */
  time: number;
  /** null while unanswered, and for requests dropped while offline or left by the client. */
  status: number | null;
  /** What the handler answered, when an apply-then-fail or apply-then-hold fault replaced or held it. */
  handledStatus?: number;
}

/** What every kind of fault may say about which requests it hits. */
const faultTarget = {
  /** How many requests it hits; absent: every matching one until the faults are cleared. */
  count: z.int().min(1).optional(),
  /** Only requests whose path starts with this. */
  path: z.string().startsWith('/').optional(),
  /** Only requests with this method. */
  method: z.enum(['GET', 'POST', 'DELETE', 'PATCH', 'PUT']).optional(),
};
/** Seconds, sent as Retry-After. */
const retryAfter = z.number().min(0).optional();

export const FaultSchema = z.union([
  z.strictObject({
    kind: z.literal('status').optional(),
    status: z.literal([429, 500, 503]),
    retryAfter,
    ...faultTarget,
  }),
  z.strictObject({ kind: z.literal('html'), status: z.literal([200, 500]), ...faultTarget }),
  z.strictObject({ kind: z.literal(['malformed-members', 'endless-cursor', 'repeating-cursor']), ...faultTarget }),
  z.strictObject({ kind: z.literal('apply-then-fail'), status: z.literal([500, 503]), retryAfter, ...faultTarget }),
  z.strictObject({ kind: z.literal('apply-then-hold'), holdMs: z.int().min(0).max(600_000), ...faultTarget }),
]);
export type Fault = z.infer<typeof FaultSchema>;
/** Faults answered instead of the handler: nothing is applied. */
export type AnsweringFault = Extract<Fault, { kind?: 'status' | 'html' }>;
/** Faults that shape the pages of the member list (list-faults.ts). */
export type ListFault = Extract<Fault, { kind: 'malformed-members' | 'endless-cursor' | 'repeating-cursor' }>;
/** Faults that let the handler apply the request, then fail or hold its answer. */
export type AfterFault = Extract<Fault, { kind: 'apply-then-fail' | 'apply-then-hold' }>;

export const MEMBER_LIST_PATH = '/api/v2/workspace-group-members';

export function isAnswering(fault: Fault): fault is AnsweringFault {
  return fault.kind === undefined || fault.kind === 'status' || fault.kind === 'html';
}
export function isListFault(fault: Fault): fault is ListFault {
  return fault.kind === 'malformed-members' || fault.kind === 'endless-cursor' || fault.kind === 'repeating-cursor';
}

function hits(fault: Fault, method: string, path: string): boolean {
  if (fault.count !== undefined && fault.count < 1) return false;
  if (fault.path !== undefined && !path.startsWith(fault.path)) return false;
  if (fault.method !== undefined && fault.method !== method) return false;
  // The list faults shape one list; anything else they would pass through unchanged, used up.
  return !isListFault(fault) || (method === 'GET' && path === MEMBER_LIST_PATH);
}

const FAULT_MESSAGES: Record<429 | 500 | 503, string> = {
  429: 'Rate limit exceeded', // docs/instantly-api.md#errors
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The conditions the API requests meet: failures, delay, unreachability, and the log. */
export class Conditions {
  log: RequestLogEntry[] = [];
  faults: Fault[] = [];
  latencyMs = 0;
  offline = false;
  private seq = 0;
  private phantoms = 0;

  record(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.seq += 1;
    const logged = { seq: this.seq, ...entry };
    this.log.push(logged);
    return logged;
  }

  /** Uses up one hit of the first queued fault that matches the request. */
  takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => hits(f, method, path));
    if (!fault) return undefined;
    if (fault.count !== undefined) {
      fault.count -= 1;
      this.faults = this.faults.filter((f) => f.count === undefined || f.count > 0);
    }
    return fault;
  }

  /** 1, 2, 3…: numbers for the made-up rows of list faults, never twice until reset. */
  nextPhantom(): number {
    this.phantoms += 1;
    return this.phantoms;
  }

  reset(): void {
    this.log = [];
    this.faults = [];
    this.latencyMs = 0;
    this.offline = false;
    this.phantoms = 0;
  }
}

// [inference] What a client may meet instead of JSON: the shell of a web app (a request routed
// to the wrong origin by a proxy or captive portal) and an edge proxy's own error page.
const APP_SHELL =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Instantly</title></head>' +
  '<body><div id="root"></div><script src="/static/js/main.js"></script></body></html>';
const PROXY_ERROR =
  '<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center>' +
  '<hr><center>cloudflare</center></body></html>';

/** The response an answering fault gives, in the body shape of the host it hits. */
export function faultResponse(
  fault: AnsweringFault | Extract<AfterFault, { kind: 'apply-then-fail' }>,
  flavour: 'instantly' | 'unstructured',
): FakeResponse {
  if (fault.kind === 'html') return { status: fault.status, html: fault.status === 200 ? APP_SHELL : PROXY_ERROR };
  const headers: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
  const message = FAULT_MESSAGES[fault.status];
  if (flavour === 'unstructured') return { status: fault.status, json: { detail: message }, headers };
  return errorResponse(fault.status, message, headers);
}

const SeedOptionsSchema = z.strictObject({
  // Over HTTP only: the SeedResult of 100,000 subs is tens of megabytes of JSON.
  subWorkspaces: z.int().min(0).max(5000),
  pendingEvery: z.int().min(0).optional(),
  rejectedEvery: z.int().min(0).optional(),
  namePrefix: z.string().optional(),
  nullNameEvery: z.int().min(0).optional(),
  unstructuredWorkspaces: z.array(z.string().min(1)).optional(),
  secondAgency: z.int().min(0).max(100).optional(),
});

const LatencySchema = z.strictObject({ ms: z.number().min(0) });
const OfflineSchema = z.strictObject({ on: z.boolean() });
const WorkspacePatchSchema = z.strictObject({
  paid: z.boolean().optional(),
  name: z.string().nullable().optional(),
  deniedScopes: z.array(z.string().min(1)).optional(),
});
const KeySchema = z.strictObject({ key: z.string() });
const KeyScopesSchema = z.strictObject({ key: z.string(), scopes: z.array(z.string().min(1)) });

/** An account to list: the email, and any Account field to set (the rest: a healthy Google account). */
const AccountInputSchema = z.strictObject({
  email: z.email(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  status: z.literal(ACCOUNT_STATUSES).optional(),
  warmup_status: z.literal(WARMUP_STATUSES).optional(),
  status_message: z.looseObject({}).optional(),
  provider_code: z.literal(PROVIDER_CODES).optional(),
  stat_warmup_score: z.number().nullable().optional(),
  daily_limit: z.number().nullable().optional(),
  timestamp_created: z.iso.datetime().optional(),
});
export type AccountInput = z.input<typeof AccountInputSchema>;

const GlancePatchSchema = z.strictObject({
  unread: z.int().min(0).optional(),
  launched: z.int().min(0).optional(),
  accounts: z.array(AccountInputSchema).optional(),
});

function accountRecord(
  input: z.infer<typeof AccountInputSchema>,
  index: number,
  workspaceCreated: string,
): AccountRecord {
  // Without a timestamp, one hour apart after the workspace, in the order given.
  const created = new Date(
    input.timestamp_created ?? Date.parse(workspaceCreated) + (index + 1) * 3_600_000,
  ).toISOString();
  const local = input.email.split('@')[0] ?? '';
  return {
    email: input.email,
    first_name: input.first_name ?? local,
    last_name: input.last_name ?? '',
    status: input.status ?? 1,
    warmup_status: input.warmup_status ?? 1,
    ...(input.status_message ? { status_message: input.status_message } : {}),
    provider_code: input.provider_code ?? 2,
    stat_warmup_score: input.stat_warmup_score === undefined ? 95 : input.stat_warmup_score,
    daily_limit: input.daily_limit === undefined ? 30 : input.daily_limit,
    timestamp_created: created,
    timestamp_updated: created,
    timestamp_warmup_start: created,
  };
}

export function handleControl(store: Store, conditions: Conditions, req: FakeRequest): FakeResponse {
  try {
    return route(store, conditions, req);
  } catch (error) {
    if (error instanceof ApiProblem) return errorResponse(error.statusCode, error.message);
    if (error instanceof z.ZodError) return errorResponse(400, `control body: ${z.prettifyError(error)}`);
    if (error instanceof SyntaxError) return errorResponse(400, `control body is not JSON: ${error.message}`);
    throw error;
  }
}

function route(store: Store, conditions: Conditions, req: FakeRequest): FakeResponse {
  const rest = req.path.slice(CONTROL_PREFIX.length);
  const body = (): unknown => (req.body.trim() === '' ? {} : JSON.parse(req.body));
  const is = (method: string, path: string) => req.method === method && rest === path;

  if (is('GET', 'requests')) {
    // Optional filters: ?host=api.instantly.ai&path=/api/v2/&method=GET (path is a prefix).
    const host = req.query.get('host');
    const path = req.query.get('path');
    const method = req.query.get('method')?.toUpperCase();
    return jsonResponse(
      conditions.log.filter(
        (e) => (!host || e.host === host) && (!path || e.path.startsWith(path)) && (!method || e.method === method),
      ),
    );
  }
  if (is('DELETE', 'requests')) {
    const cleared = conditions.log.length;
    conditions.log = [];
    return jsonResponse({ cleared });
  }
  if (is('POST', 'faults')) {
    conditions.faults.push(FaultSchema.parse(body()));
    return jsonResponse({ faults: conditions.faults });
  }
  if (is('DELETE', 'faults')) {
    conditions.faults = [];
    return jsonResponse({ faults: [] });
  }
  if (is('POST', 'latency')) {
    conditions.latencyMs = LatencySchema.parse(body()).ms;
    return jsonResponse({ ms: conditions.latencyMs });
  }
  if (is('POST', 'offline')) {
    conditions.offline = OfflineSchema.parse(body()).on;
    return jsonResponse({ on: conditions.offline });
  }
  if (is('POST', 'seed')) {
    const result = seedAgency(store, SeedOptionsSchema.parse(body()));
    return jsonResponse(result);
  }
  if (is('POST', 'reset')) {
    store.reset();
    conditions.reset();
    return jsonResponse({ reset: true });
  }
  if (is('GET', 'state')) {
    return jsonResponse({
      ...store.snapshot(),
      conditions: { faults: conditions.faults, latencyMs: conditions.latencyMs, offline: conditions.offline },
    });
  }
  if (is('POST', 'keys/revoke')) {
    const { key } = KeySchema.parse(body());
    if (!store.revokeKey(key)) throw new ApiProblem(404, 'No such key');
    return jsonResponse({ revoked: key });
  }
  if (is('POST', 'keys/scopes')) {
    const { key, scopes } = KeyScopesSchema.parse(body());
    const record = store.keys.get(key);
    if (!record) throw new ApiProblem(404, 'No such key');
    record.scopes = [...scopes];
    return jsonResponse(record);
  }

  const membership = /^memberships\/([^/]+)\/(accept|reject)$/.exec(rest);
  if (membership && req.method === 'POST') {
    const [, id = '', action] = membership;
    return jsonResponse(action === 'accept' ? store.accept(id) : store.reject(id));
  }
  const workspace = /^workspaces\/([^/]+)(\/glance)?$/.exec(rest);
  if (workspace && req.method === 'POST') {
    const found = store.workspaces.get(workspace[1] ?? '');
    if (!found) throw new ApiProblem(404, 'Workspace not found');
    if (workspace[2]) {
      const patch = GlancePatchSchema.parse(body());
      const accounts = patch.accounts?.map((a, i) => accountRecord(a, i, found.timestampCreated));
      const glance = store.glances.update(found.id, { unread: patch.unread, launched: patch.launched, accounts });
      return jsonResponse({ ...glance, accounts: glance.accounts.map((a) => store.accountBody(found.id, a)) });
    }
    const patch = WorkspacePatchSchema.parse(body());
    if (patch.paid !== undefined) found.paid = patch.paid;
    if (patch.name !== undefined) found.name = patch.name;
    if (patch.deniedScopes !== undefined) found.deniedScopes = [...patch.deniedScopes];
    found.timestampUpdated = store.timestamp();
    return jsonResponse(store.workspaceBody(found));
  }
  return errorResponse(404, `No control route ${req.method} ${req.path}`);
}
