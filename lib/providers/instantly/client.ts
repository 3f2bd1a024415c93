// Typed client for the parts of Instantly API v2 the extension uses (api-facts A2, A4).
// It never sends x-as-workspace: the extension's own calls always go out as the key's workspace.
import type { z } from 'zod/mini';
import { ApiError, kindForStatus, parseRetryAfter } from '../api-error';
import { fetchJson } from '../fetch-json';
import { withRetry, type RetryPolicy } from '../retry';
import { INSTANTLY_API_ORIGIN } from '../../shared/hosts';
import {
  AdminOfCurrent,
  ErrorBody,
  MemberPage,
  Workspace,
  WorkspaceGroupMember,
} from './schemas';

export interface InstantlyClientOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Least time between two page requests of one listing (see PAGE_INTERVAL_MS). */
  pageIntervalMs?: number;
}

/**
 * Instantly allows 100 requests/s per workspace, shared by every key and app (api-facts A6):
 * a long listing keeps to about 66/s, leaving room for the user's own tabs.
 */
export const PAGE_INTERVAL_MS = 15;

/** The list endpoint's maximum page size (OpenAPI: limit 1–100). */
export const PAGE_LIMIT = 100;

export type InstantlyClient = ReturnType<typeof instantlyClient>;

export function instantlyClient(options: InstantlyClientOptions) {
  const base = options.baseUrl ?? INSTANTLY_API_ORIGIN;

  async function once<S extends z.ZodMiniType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const response = await fetchJson(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.apiKey}` },
      body,
      fetch: options.fetch,
    });
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(response.json);
      throw new ApiError(
        kindForStatus(response.status),
        parsed.success ? parsed.data.message : undefined,
        response.status,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    const parsed = schema.safeParse(response.json);
    if (!parsed.success) throw new ApiError('invalid-response', undefined, response.status);
    return parsed.data;
  }

  const call = <S extends z.ZodMiniType>(method: string, path: string, schema: S, body?: unknown) =>
    withRetry(() => once(method, path, schema, body), {
      idempotent: method === 'GET',
      policy: options.retry,
      sleep: options.sleep,
    });

  const memberPath = (id: string) => `/api/v2/workspace-group-members/${encodeURIComponent(id)}`;

  return {
    currentWorkspace: () => call('GET', '/api/v2/workspaces/current', Workspace),
    adminOfCurrent: () => call('GET', '/api/v2/workspace-group-members/admin', AdminOfCurrent),
    listMembersPage(params: { limit?: number; startingAfter?: string } = {}) {
      const query = new URLSearchParams({ limit: String(params.limit ?? PAGE_LIMIT) });
      if (params.startingAfter) query.set('starting_after', params.startingAfter);
      return call('GET', `/api/v2/workspace-group-members?${query}`, MemberPage);
    },
    /**
     * Every member, page by page. The real API can hand out a cursor on its last page, so an
     * empty page (or a missing or repeated cursor) is what ends the walk (api-facts A2).
     * @param first a first page already fetched, to continue from.
     */
    async listAllMembers(first?: MemberPage): Promise<WorkspaceGroupMember[]> {
      const all: WorkspaceGroupMember[] = [];
      const seen = new Set<string>();
      let cursor: string | undefined;
      let last = first ? Date.now() : -Infinity;
      for (let page = first; ; page = undefined) {
        if (!page) {
          const wait = last + (options.pageIntervalMs ?? PAGE_INTERVAL_MS) - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          last = Date.now();
          page = await this.listMembersPage({ startingAfter: cursor });
        }
        all.push(...page.items);
        cursor = page.next_starting_after;
        if (page.items.length === 0 || !cursor || seen.has(cursor)) return all;
        seen.add(cursor);
      }
    },
    getMember: (id: string) => call('GET', memberPath(id), WorkspaceGroupMember),
    invite: (subWorkspaceId: string) =>
      call('POST', '/api/v2/workspace-group-members', WorkspaceGroupMember, { sub_workspace_id: subWorkspaceId }),
    /** Removes a sub workspace (admin side) or leaves the group (sub side, with its own membership id). */
    deleteMember: (id: string) => call('DELETE', memberPath(id), WorkspaceGroupMember),
  };
}

export type ClientFactory = (apiKey: string) => InstantlyClient;
export const defaultClientFactory: ClientFactory = (apiKey) => instantlyClient({ apiKey });
