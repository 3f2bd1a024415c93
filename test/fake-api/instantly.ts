// Instantly API v2 routes the extension uses, answered from the Store
// (docs/instantly-api.md#workspace-group-member-endpoints, #current-workspace, #glance-endpoints).
// The order of checks imitates a Fastify app whose auth runs in an onRequest hook:
// route → 401 → x-as-workspace → scope 403 → 402 → body parsing and validation 400 → the rule.
import type { ListFault } from './control';
import { ACCOUNT_STATUSES } from './glance';
import { errorResponse, headerValue, jsonResponse, type FakeRequest, type FakeResponse } from './http';
import { faultyMemberPage } from './list-faults';
import { ApiProblem, SCOPES, type Caller, type Store } from './store';

const MEMBERS = '/api/v2/workspace-group-members';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** [inference] The OpenAPI gives no default page size (its example is 10); 10 it is. */
export const DEFAULT_LIST_LIMIT = 10;

/** A fault that shapes the member list's pages (control.ts), and where its made-up rows get their numbers. */
export interface ListFaultContext {
  fault: ListFault;
  nextPhantom: () => number;
}

type Handler = (
  store: Store,
  caller: Caller,
  req: FakeRequest,
  id: string,
  listFault?: ListFaultContext,
) => FakeResponse;

interface Route {
  scopes: readonly string[];
  handle: Handler;
}

function routeFor(method: string, path: string): { route: Route; id: string } | undefined {
  const routes: Record<string, Route | undefined> = {};
  let id = '';
  if (path === MEMBERS) {
    routes.GET = { scopes: SCOPES.readMembers, handle: list };
    routes.POST = { scopes: SCOPES.createMember, handle: create };
  } else if (path === `${MEMBERS}/admin`) {
    routes.GET = {
      scopes: SCOPES.adminOfCurrent,
      handle: (store, caller) => jsonResponse(store.adminOfCurrent(caller)),
    };
  } else if (path.startsWith(`${MEMBERS}/`) && !path.slice(MEMBERS.length + 1).includes('/')) {
    id = safeDecode(path.slice(MEMBERS.length + 1));
    routes.GET = { scopes: SCOPES.readMembers, handle: get };
    routes.DELETE = { scopes: SCOPES.deleteMember, handle: remove };
  } else if (path === '/api/v2/workspaces/current') {
    routes.GET = {
      scopes: SCOPES.readWorkspace,
      handle: (store, caller) => jsonResponse(store.currentWorkspace(caller)),
    };
  } else if (path === '/api/v2/emails/unread/count') {
    routes.GET = {
      scopes: SCOPES.readEmails,
      handle: (store, caller) => jsonResponse({ count: store.glance(caller).unread }),
    };
  } else if (path === '/api/v2/campaigns/count-launched') {
    routes.GET = {
      scopes: SCOPES.readCampaigns,
      handle: (store, caller) => jsonResponse({ count: store.glance(caller).launched }),
    };
  } else if (path === '/api/v2/accounts') {
    routes.GET = { scopes: SCOPES.readAccounts, handle: listAccounts };
  }
  const route = routes[method];
  return route ? { route, id } : undefined;
}

export function handleInstantly(store: Store, req: FakeRequest, listFault?: ListFaultContext): FakeResponse {
  const found = routeFor(req.method, req.path);
  // Fastify's not-found answer, with the usual error body.
  if (!found) return errorResponse(404, `Route ${req.method}:${req.path} not found`);
  try {
    const caller = store.authenticate(
      headerValue(req.headers, 'authorization'),
      headerValue(req.headers, 'x-as-workspace'),
    );
    store.requireScope(caller, found.route.scopes);
    store.requirePaid(caller);
    return found.route.handle(store, caller, req, found.id, listFault);
  } catch (error) {
    if (error instanceof ApiProblem) return errorResponse(error.statusCode, error.message, error.headers);
    throw error;
  }
}

function list(store: Store, caller: Caller, req: FakeRequest, _id: string, listFault?: ListFaultContext): FakeResponse {
  const limit = limitOf(req);
  const startingAfter = req.query.get('starting_after') ?? undefined;
  if (listFault)
    return jsonResponse(
      faultyMemberPage(listFault.fault, store, caller, { limit, startingAfter }, listFault.nextPhantom),
    );
  return jsonResponse(store.listMemberships(caller, limit, startingAfter));
}

/**
 * GET /accounts: `limit`, `starting_after`, `search` and `status` are honoured; the document's
 * other filters (provider, tags, sort, skip) are accepted and ignored: no client of ours sends them.
 */
function listAccounts(store: Store, caller: Caller, req: FakeRequest): FakeResponse {
  const rawStatus = req.query.get('status');
  let status: number | undefined;
  if (rawStatus !== null) {
    status = Number(rawStatus);
    if (rawStatus.trim() === '' || !ACCOUNT_STATUSES.some((s) => s === status)) {
      throw new ApiProblem(400, 'querystring/status must be equal to one of the allowed values');
    }
  }
  return jsonResponse(
    store.listAccounts(caller, {
      limit: limitOf(req),
      startingAfter: req.query.get('starting_after') ?? undefined,
      search: req.query.get('search') ?? undefined,
      status,
    }),
  );
}

/** `limit` of a cursor-paginated list: integer 1–100 in every list of the OpenAPI document. */
function limitOf(req: FakeRequest): number {
  const raw = req.query.get('limit');
  if (raw === null) return DEFAULT_LIST_LIMIT;
  // Messages as Fastify's ajv words them (coerced query string, OpenAPI: integer 1–100).
  if (!/^-?\d+$/.test(raw.trim())) throw new ApiProblem(400, 'querystring/limit must be integer');
  const limit = Number(raw);
  if (limit < 1) throw new ApiProblem(400, 'querystring/limit must be >= 1');
  if (limit > 100) throw new ApiProblem(400, 'querystring/limit must be <= 100');
  return limit;
}

function create(store: Store, caller: Caller, req: FakeRequest): FakeResponse {
  const body = parseJsonBody(req);
  // Body schema: {sub_workspace_id: uuid}, required, additionalProperties: false
  // (docs/instantly-api.md#workspace-group-member-endpoints).
  // [inference] Fastify's default ajv would drop an extra property silently; the fake refuses
  // it, so a client that sends anything else is caught here rather than in production.
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiProblem(400, 'body must be object');
  const fields = body as Record<string, unknown>;
  if (!('sub_workspace_id' in fields)) throw new ApiProblem(400, "body must have required property 'sub_workspace_id'");
  const extra = Object.keys(fields).find((k) => k !== 'sub_workspace_id');
  if (extra !== undefined) throw new ApiProblem(400, `body must NOT have additional properties ('${extra}')`);
  const subId = fields.sub_workspace_id;
  if (typeof subId !== 'string') throw new ApiProblem(400, 'body/sub_workspace_id must be string');
  if (!UUID.test(subId)) throw new ApiProblem(400, 'body/sub_workspace_id must match format "uuid"');
  return jsonResponse(store.invite(caller, subId));
}

function get(store: Store, caller: Caller, _req: FakeRequest, id: string): FakeResponse {
  requireUuidParam(id);
  return jsonResponse(store.getMembership(caller, id));
}

function remove(store: Store, caller: Caller, req: FakeRequest, id: string): FakeResponse {
  const body = parseJsonBody(req);
  // The DELETE body schema is `type: null` (docs/instantly-api.md#workspace-group-member-endpoints).
  if (body !== undefined && body !== null) throw new ApiProblem(400, 'body must be null');
  requireUuidParam(id);
  return jsonResponse(store.removeMembership(caller, id));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is then refused as "not a uuid"
  }
}

function requireUuidParam(id: string): void {
  if (!UUID.test(id)) throw new ApiProblem(400, 'params/id must match format "uuid"');
}

/**
 * The body as Fastify's JSON parser sees it: undefined when there is none. With
 * `content-type: application/json` an empty body is refused, which is why clients must not
 * send that header on a DELETE without a body (docs/instantly-api.md#errors).
 */
function parseJsonBody(req: FakeRequest): unknown {
  const type = headerValue(req.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!type) return req.body === '' ? undefined : req.body;
  if (type !== 'application/json') {
    if (req.body === '') return undefined;
    throw new ApiProblem(415, `Unsupported Media Type: ${type}`);
  }
  if (req.body.trim() === '')
    throw new ApiProblem(400, "Body cannot be empty when content-type is set to 'application/json'");
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    throw new ApiProblem(400, "Body is not valid JSON but content-type is set to 'application/json'");
  }
}
