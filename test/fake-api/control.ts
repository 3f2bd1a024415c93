// What a test can do to the fake from outside (routes under /__control/ on every host): read
// the log of what arrived, make the API fail, slow or unreachable, play the invited owner,
// and reseed. None of these requests is logged or affected by the conditions they set.
//
//   GET    /__control/requests[?host=&path=&method=]   the log (RequestLogEntry[]), oldest first
//   DELETE /__control/requests                          clear it → {cleared}
//   POST   /__control/memberships/{id}/accept|reject    the invited owner answers → member
//   POST   /__control/faults {status, count, retryAfter?, path?}   queue failures → {faults}
//   DELETE /__control/faults                            drop queued failures
//   POST   /__control/latency {ms}                      delay every API answer
//   POST   /__control/offline {on}                      drop API connections unanswered
//   POST   /__control/seed {SeedOptions}                replace the store → SeedResult
//   POST   /__control/reset                             empty store, log and conditions
//   GET    /__control/state                             StoreSnapshot + conditions
//   POST   /__control/workspaces/{id} {paid?, name?}    change a workspace → Workspace
//   POST   /__control/keys/revoke {key}                 revoke a key
import { z } from 'zod';
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
  /** null while unanswered, and for requests dropped while offline. */
  status: number | null;
}

export const FaultSchema = z.strictObject({
  status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
  count: z.int().min(1),
  /** Seconds, sent as Retry-After. */
  retryAfter: z.number().min(0).optional(),
  /** Only requests whose path starts with this. */
  path: z.string().startsWith('/').optional(),
});
export type Fault = z.infer<typeof FaultSchema>;

const FAULT_MESSAGES: Record<Fault['status'], string> = {
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

  record(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.seq += 1;
    const logged = { seq: this.seq, ...entry };
    this.log.push(logged);
    return logged;
  }

  /** Uses up one failure of the first queued fault that matches the path. */
  takeFault(path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.count > 0 && (f.path === undefined || path.startsWith(f.path)));
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    return fault;
  }

  reset(): void {
    this.log = [];
    this.faults = [];
    this.latencyMs = 0;
    this.offline = false;
  }
}

/** The response a fault gives, in the body shape of the host it hits. */
export function faultResponse(fault: Fault, flavour: 'instantly' | 'unstructured'): FakeResponse {
  const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
  const message = FAULT_MESSAGES[fault.status];
  if (flavour === 'unstructured') return { status: fault.status, json: { detail: message }, headers };
  return errorResponse(fault.status, message, headers);
}

const SeedOptionsSchema = z.strictObject({
  subWorkspaces: z.int().min(0).max(5000),
  pendingEvery: z.int().min(0).optional(),
  rejectedEvery: z.int().min(0).optional(),
  namePrefix: z.string().optional(),
  nullNameEvery: z.int().min(0).optional(),
  unstructuredWorkspaces: z.array(z.string().min(1)).optional(),
});

const LatencySchema = z.strictObject({ ms: z.number().min(0) });
const OfflineSchema = z.strictObject({ on: z.boolean() });
const WorkspacePatchSchema = z.strictObject({ paid: z.boolean().optional(), name: z.string().nullable().optional() });
const KeySchema = z.strictObject({ key: z.string() });

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
      conditions.log.filter((e) => (!host || e.host === host) && (!path || e.path.startsWith(path)) && (!method || e.method === method)),
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

  const membership = /^memberships\/([^/]+)\/(accept|reject)$/.exec(rest);
  if (membership && req.method === 'POST') {
    const [, id = '', action] = membership;
    return jsonResponse(action === 'accept' ? store.accept(id) : store.reject(id));
  }
  const workspace = /^workspaces\/([^/]+)$/.exec(rest);
  if (workspace && req.method === 'POST') {
    const found = store.workspaces.get(workspace[1] ?? '');
    if (!found) throw new ApiProblem(404, 'Workspace not found');
    const patch = WorkspacePatchSchema.parse(body());
    if (patch.paid !== undefined) found.paid = patch.paid;
    if (patch.name !== undefined) found.name = patch.name;
    found.timestampUpdated = store.timestamp();
    return jsonResponse(store.workspaceBody(found));
  }
  return errorResponse(404, `No control route ${req.method} ${req.path}`);
}
