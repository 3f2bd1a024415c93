// The glance's three calls (docs/instantly-api.md#glance-endpoints): a sub workspace's unread
// replies, launched campaigns and sending accounts, read with the admin key as that workspace.
// Unlike client.ts, every call here carries `x-as-workspace`, set explicitly for the one call
// (the extension's rules exclude its own requests, so nothing else would add it), and nothing is
// retried here: the glance's pacer alone decides when a request may go, also after a 429.
import { fetchJson } from '../fetch-json';
import { AS_WORKSPACE_HEADER, INSTANTLY_API_ORIGIN } from '../../common/sites/hosts';
import { AccountPageEnvelope, Count, SendingAccount } from './schemas';
import { readAnswer } from './read-answer';
import { PAGE_LIMIT } from './client';
import { DEFAULT_PACE, limitsOf, PACE_SLACK_MS, type PacerOptions } from '../pacer';

/**
 * The glance's pace. Instantly allows 100 requests/s and 6,000/min for the whole workspace,
 * shared by every tool the agency runs (docs/instantly-api.md#rate-limits): the glance takes a
 * tenth and a twentieth, counted as the server sees them (pacer.ts), with a margin of 100 ms.
 */
export const GLANCE_PACE: PacerOptions = { limits: limitsOf(DEFAULT_PACE), slackMs: PACE_SLACK_MS };

export interface GlanceClientOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface AccountPage {
  accounts: SendingAccount[];
  /** Rows that were not accounts as the document describes them: skipped, and counted. */
  skipped: number;
  next_starting_after?: string;
}

export type GlanceClient = ReturnType<typeof glanceClient>;

export function glanceClient(options: GlanceClientOptions) {
  const base = options.baseUrl ?? INSTANTLY_API_ORIGIN;

  async function get<T>(path: string, asWorkspace: string, read: (json: unknown) => T | null): Promise<T> {
    const response = await fetchJson(`${base}${path}`, {
      headers: { authorization: `Bearer ${options.apiKey}`, [AS_WORKSPACE_HEADER]: asWorkspace },
      fetch: options.fetch,
    });
    return readAnswer(response, read);
  }

  const count = (json: unknown) => {
    const parsed = Count.safeParse(json);
    return parsed.success ? parsed.data.count : null;
  };

  return {
    unreadCount: (asWorkspace: string) => get('/api/v2/emails/unread/count', asWorkspace, count),
    launchedCount: (asWorkspace: string) => get('/api/v2/campaigns/count-launched', asWorkspace, count),
    accountsPage(asWorkspace: string, startingAfter?: string): Promise<AccountPage> {
      const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      if (startingAfter) query.set('starting_after', startingAfter);
      return get(`/api/v2/accounts?${query}`, asWorkspace, readAccountPage);
    },
  };
}

export function readAccountPage(json: unknown): AccountPage | null {
  const envelope = AccountPageEnvelope.safeParse(json);
  if (!envelope.success) return null;
  const page: AccountPage = { accounts: [], skipped: 0 };
  for (const row of envelope.data.items) {
    const parsed = SendingAccount.safeParse(row);
    if (parsed.success) page.accounts.push(parsed.data);
    else page.skipped++;
  }
  if (envelope.data.next_starting_after) page.next_starting_after = envelope.data.next_starting_after;
  return page;
}
