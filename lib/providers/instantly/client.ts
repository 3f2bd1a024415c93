// Typed client for the parts of Instantly API v2 the extension uses (docs/instantly-api.md#workspace-group-member-endpoints).
// It never sends x-as-workspace: the extension's own calls always go out as the key's workspace.
import type { z } from 'zod/mini';
import { ApiError } from '../api-error';
import { fetchJson } from '../fetch-json';
import { withRetry, type RetryPolicy } from '../retry';
import { INSTANTLY_API_ORIGIN } from '../../common/sites/hosts';
import { readAnswer } from './read-answer';
import {
  AdminOfCurrent,
  readMemberPage,
  Workspace,
  WorkspaceGroupMember,
  type MemberPage,
  type UnreadableRow,
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
 * Instantly allows 100 requests/s and 6,000/min per workspace, shared by every key and tool the
 * agency runs (docs/instantly-api.md#rate-limits): a listing keeps to 40/s, so a 1,000-member
 * group (10 pages and the empty one) still lists in well under a second.
 */
export const PAGE_INTERVAL_MS = 25;

/** The list endpoint's maximum page size (OpenAPI: limit 1–100). */
export const PAGE_LIMIT = 100;

/**
 * Far above any real group (agencies run from one to several hundred sub workspaces, and the
 * bench's largest is 10,000), yet reached by an endless list in 1,001 requests, about 25 s at
 * PAGE_INTERVAL_MS and a sixth of the workspace's minute budget: then the listing stops.
 */
export const MAX_MEMBERSHIPS = 100_000;
/** Enough pages for MAX_MEMBERSHIPS and the empty page that confirms the end. */
const MAX_PAGES = MAX_MEMBERSHIPS / PAGE_LIMIT + 1;

/** A listing the extension stopped because Instantly kept sending pages. */
export class EndlessListError extends ApiError {
  constructor(
    /** repeats: a page brought no membership not seen already; too-long: past MAX_MEMBERSHIPS. */
    readonly why: 'repeats' | 'too-long',
    readonly pages: number,
  ) {
    super('endless-list');
    this.name = 'EndlessListError';
  }
}

export interface MemberList {
  members: WorkspaceGroupMember[];
  /** Rows the extension could not read, each once (docs/instantly-api.md#errors). */
  unreadable: UnreadableRow[];
}

export type InstantlyClient = ReturnType<typeof instantlyClient>;

export function instantlyClient(options: InstantlyClientOptions) {
  const base = options.baseUrl ?? INSTANTLY_API_ORIGIN;
  // A listing's pages keep their interval between the requests as sent (not between decisions
  // taken before a request is built, which a slow moment could bring closer together).
  const pagesFetch = pacedFetch(
    options.fetch ?? ((input, init) => fetch(input, init)),
    options.pageIntervalMs ?? PAGE_INTERVAL_MS,
  );

  async function once<T>(
    method: string,
    path: string,
    read: (json: unknown) => T | null,
    body?: unknown,
    viaFetch = options.fetch,
  ): Promise<T> {
    const response = await fetchJson(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.apiKey}` },
      body,
      fetch: viaFetch,
    });
    return readAnswer(response, read);
  }

  const call = <T>(
    method: string,
    path: string,
    read: (json: unknown) => T | null,
    body?: unknown,
    viaFetch = options.fetch,
  ) =>
    withRetry(() => once(method, path, read, body, viaFetch), {
      idempotent: method === 'GET',
      policy: options.retry,
      sleep: options.sleep,
    });

  const memberPath = (id: string) => `/api/v2/workspace-group-members/${encodeURIComponent(id)}`;

  return {
    currentWorkspace: () => call('GET', '/api/v2/workspaces/current', schema(Workspace)),
    adminOfCurrent: () => call('GET', '/api/v2/workspace-group-members/admin', schema(AdminOfCurrent)),
    listMembersPage(params: { limit?: number; startingAfter?: string } = {}): Promise<MemberPage> {
      const query = new URLSearchParams({ limit: String(params.limit ?? PAGE_LIMIT) });
      if (params.startingAfter) query.set('starting_after', params.startingAfter);
      return call('GET', `/api/v2/workspace-group-members?${query}`, readMemberPage, undefined, pagesFetch);
    },
    /**
     * Every member, page by page. The real API can hand out a cursor on its last page, so an
     * empty page or a missing cursor ends the walk (docs/instantly-api.md#pagination). A page
     * that brings no row not seen already, a cursor handed out twice, or more than
     * MAX_MEMBERSHIPS rows end it too, as an EndlessListError: better no refresh than a wrong
     * list or a listing that eats the workspace's shared rate limit for ever.
     * @param first a first page already fetched, to continue from.
     */
    async listAllMembers(first?: MemberPage): Promise<MemberList> {
      const members: WorkspaceGroupMember[] = [];
      const unreadable: UnreadableRow[] = [];
      const seenRows = new Set<string>();
      const seenCursors = new Set<string>();
      let cursor: string | undefined;
      for (let pages = first ? 1 : 0, page = first; ; page = undefined) {
        if (!page) {
          page = await this.listMembersPage({ startingAfter: cursor });
          pages++;
        }
        if (page.rows.length === 0) return { members, unreadable };
        let fresh = 0;
        for (const { key, row } of page.rows) {
          if (seenRows.has(key)) continue;
          seenRows.add(key);
          fresh++;
          if ('problem' in row) unreadable.push(row);
          else members.push(row);
        }
        if (fresh === 0) throw new EndlessListError('repeats', pages);
        if (seenRows.size > MAX_MEMBERSHIPS) throw new EndlessListError('too-long', pages);
        cursor = page.next_starting_after;
        if (!cursor) return { members, unreadable };
        if (seenCursors.has(cursor)) throw new EndlessListError('repeats', pages);
        if (pages >= MAX_PAGES) throw new EndlessListError('too-long', pages);
        seenCursors.add(cursor);
      }
    },
    invite: (subWorkspaceId: string) =>
      call('POST', '/api/v2/workspace-group-members', schema(WorkspaceGroupMember), {
        sub_workspace_id: subWorkspaceId,
      }),
    /** Removes a sub workspace (admin side) or leaves the group (sub side, with its own membership id). */
    deleteMember: (id: string) => call('DELETE', memberPath(id), schema(WorkspaceGroupMember)),
  };
}

/** A fetch that starts each request at least `intervalMs` after the one before. */
function pacedFetch(base: typeof fetch, intervalMs: number): typeof fetch {
  let last = -Infinity;
  return async (input, init) => {
    for (let wait = last + intervalMs - Date.now(); wait > 0; wait = last + intervalMs - Date.now())
      await new Promise((resolve) => setTimeout(resolve, wait));
    last = Date.now();
    return base(input, init);
  };
}

/** A whole body read with one schema. */
function schema<S extends z.ZodMiniType>(shape: S) {
  return (json: unknown): z.infer<S> | null => {
    const parsed = shape.safeParse(json);
    return parsed.success ? parsed.data : null;
  };
}

export type ClientFactory = (apiKey: string) => InstantlyClient;
export const defaultClientFactory: ClientFactory = (apiKey) => instantlyClient({ apiKey });
