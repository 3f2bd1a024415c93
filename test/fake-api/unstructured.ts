// The two cheap Unstructured endpoints the extension uses to check a key
// (docs/instantly-api.md#unstructured-authentication-and-errors, #unstructured-list-endpoints).
import { headerValue, type FakeRequest, type FakeResponse } from './http';
import type { Store, UnstructuredWorkspaceRecord } from './store';

// Both spellings answer: the SDK uses the trailing slash, the docs' curl examples omit it
// (docs/instantly-api.md#unstructured-list-endpoints).
const LISTS: Record<string, (ws: UnstructuredWorkspaceRecord, query: URLSearchParams) => unknown[]> = {
  '/api/v1/workflows': workflows,
  '/api/v1/jobs': jobs,
};

export function handleUnstructured(store: Store, req: FakeRequest): FakeResponse {
  const list = LISTS[req.path.replace(/\/$/, '')];
  // FastAPI's not-found body: an unknown path is a 404 whatever the key
  // (docs/instantly-api.md#unstructured-authentication-and-errors).
  if (!list) return { status: 404, json: { detail: 'Not Found' } };
  if (req.method !== 'GET') return { status: 405, json: { detail: 'Method Not Allowed' } };
  const workspace = store.unstructuredByKey(headerValue(req.headers, 'unstructured-api-key'));
  if (!workspace) {
    // One answer for a missing and a wrong key (same section).
    return { status: 401, json: { detail: 'API key is malformed, please type the API key correctly in the header.' } };
  }
  // A bare JSON array, not an envelope (docs/instantly-api.md#unstructured-list-endpoints).
  return { status: 200, json: list(workspace, req.query) };
}

function workflows(ws: UnstructuredWorkspaceRecord, query: URLSearchParams): unknown[] {
  const status = query.get('status');
  const name = query.get('name');
  const matching = ws.workflows.filter((w) => (!status || w.status === status) && (!name || w.name.includes(name)));
  return paged(matching, query);
}

function jobs(ws: UnstructuredWorkspaceRecord, query: URLSearchParams): unknown[] {
  const workflowId = query.get('workflow_id');
  const status = query.get('status');
  return ws.jobs.filter((j) => (!workflowId || j.workflow_id === workflowId) && (!status || j.status === status));
}

/** [inference] `page` is 1-based and `page_size` caps the page; absent means everything. */
function paged<T>(items: T[], query: URLSearchParams): T[] {
  const size = Number(query.get('page_size'));
  if (!Number.isInteger(size) || size < 1) return items;
  const page = Math.max(1, Number(query.get('page')) || 1);
  return items.slice((page - 1) * size, page * size);
}
