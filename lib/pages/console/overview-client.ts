// A workspace's figures for the overview: one call per workspace, GET /campaigns/analytics/overview
// for the period (all its campaigns in one object), answered through the injected call.
import { z } from 'zod/mini';
import type { Call } from './call';
import { periodDates, type Period } from './period';

export const OVERVIEW_PATH = '/api/v2/campaigns/analytics/overview';

/** A count the API may leave out (a workspace with no campaigns answers zeros or nothing). */
const count = z.catch(z.optional(z.number()), undefined);
const OverviewAnswer = z.object({
  emails_sent_count: count,
  reply_count: count,
  reply_count_unique: count,
  total_opportunities: count,
  total_meeting_booked: count,
});

export interface OverviewFigures {
  sent: number;
  replies: number;
  opportunities: number;
  meetings: number;
}

export type OverviewResult = { ok: true; figures: OverviewFigures } | { ok: false; error: string };

/**
 * Why a status means the call could not be made, in the row's words. The analytics operations
 * state no scope in Instantly's OpenAPI document (lib/build/instantly-openapi.json): a 401 or 403 there is read as the key lacking campaigns:read.
 */
export function refusalOf(status: number, scope: string): string | null {
  if (status === 401 || status === 403) return `The agency’s key lacks the scope ${scope}.`;
  if (status === 429) return 'Instantly asked to slow down; try again in a minute.';
  if (status >= 500) return `Instantly failed (${status}); try again later.`;
  if (status === 404) return 'Instantly did not find this workspace as a sub workspace of the agency.';
  if (status >= 400) return `Instantly refused the call (${status}).`;
  return null;
}

export async function fetchOverview(
  call: Call,
  agencyId: string,
  workspaceId: string,
  period: Period,
  now = Date.now(),
): Promise<OverviewResult> {
  const { start_date, end_date } = periodDates(period, now);
  const answer = await call({
    agencyId,
    asWorkspaceId: workspaceId,
    method: 'GET',
    path: OVERVIEW_PATH,
    query: [
      ['start_date', start_date],
      ['end_date', end_date],
    ],
  });
  if (!answer.ok) return { ok: false, error: answer.error };
  const refusal = refusalOf(answer.status, 'campaigns:read');
  if (refusal) return { ok: false, error: refusal };
  const parsed = OverviewAnswer.safeParse(answer.body);
  if (!parsed.success) return { ok: false, error: 'Instantly’s answer was not the figures expected.' };
  const body = parsed.data;
  return {
    ok: true,
    figures: {
      sent: body.emails_sent_count ?? 0,
      replies: body.reply_count_unique ?? body.reply_count ?? 0,
      opportunities: body.total_opportunities ?? 0,
      meetings: body.total_meeting_booked ?? 0,
    },
  };
}

/** Replies as a share of sent, e.g. "4.2%"; empty when nothing was sent. */
export const replyRate = (f: Pick<OverviewFigures, 'sent' | 'replies'>) =>
  f.sent > 0 ? `${((f.replies / f.sent) * 100).toFixed(1)}%` : '';
