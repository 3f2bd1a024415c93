// A workspace's campaigns for the console: each with its status in words and its figures for the
// period (GET /campaigns for names and statuses, GET /campaigns/analytics for the figures), and
// pausing or resuming one (POST /campaigns/{id}/pause, …/activate), the row taken from the answer.
import { z } from 'zod/mini';
import type { Call } from './call';
import { ask, askAllPages, type AsWorkspace, type Read } from './answer';
import { periodDates, type Period } from './period';

/** `status` of a Campaign, in the words (the OpenAPI document's x-enumDescriptions, lower case). */
export const CAMPAIGN_STATUS: Record<number, string> = {
  0: 'draft',
  1: 'active',
  2: 'paused',
  3: 'completed',
  4: 'running subsequences',
  [-1]: 'accounts unhealthy',
  [-2]: 'bounce protect',
  [-99]: 'account suspended',
};
export const campaignStatusWords = (status: number) => CAMPAIGN_STATUS[status] ?? `status ${status}`;

/** Launched campaigns that can be paused: sending, or held by Instantly's own checks. */
const PAUSABLE = new Set([1, 4, -1, -2]);
export const canPause = (status: number) => PAUSABLE.has(status);
/** Only a paused campaign is resumed (activating a draft launches it: not this button's job). */
export const canResume = (status: number) => status === 2;
/** The campaigns "Pause all active campaigns" pauses: the ones sending. */
export const isSending = (status: number) => status === 1 || status === 4;

export interface CampaignRow {
  id: string;
  name: string;
  status: number;
  /** `not_sending_status` (1 out of schedule, 2 waiting for lead, 3 daily limit, 4 accounts at limit, 99 error); null when sending. */
  notSendingStatus: number | null;
  sent?: number;
  replies?: number;
  opportunities?: number;
}

/** A campaign not sending: not active, or active with Instantly's reason why it is not sending now. */
export const notSending = (c: Pick<CampaignRow, 'status' | 'notSendingStatus'>) =>
  c.status !== 1 || c.notSendingStatus !== null;

const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  status: z.number(),
  not_sending_status: z.optional(z.nullable(z.number())),
});
const count = z.catch(z.optional(z.number()), undefined);
const CampaignFigures = z.object({
  campaign_id: z.string(),
  emails_sent_count: count,
  reply_count: count,
  reply_count_unique: count,
  total_opportunities: count,
});

const rowOf = (c: z.infer<typeof Campaign>): Omit<CampaignRow, 'sent' | 'replies' | 'opportunities'> => ({
  id: c.id,
  name: c.name,
  status: c.status,
  notSendingStatus: c.not_sending_status ?? null,
});

export interface Campaigns {
  campaigns: CampaignRow[];
  /** More campaigns than the pages read (the first 2,000 shown). */
  more: boolean;
  /** Why the figures are missing, when the list came but its figures did not. */
  figuresError?: string;
}

export async function fetchCampaigns(
  call: Call,
  as: AsWorkspace,
  period: Period,
  now = Date.now(),
): Promise<Read<Campaigns>> {
  const { start_date, end_date } = periodDates(period, now);
  const [list, figures] = await Promise.all([
    askAllPages(call, as, '/api/v2/campaigns', 'campaigns:read', Campaign),
    ask(
      call,
      as,
      {
        method: 'GET',
        path: '/api/v2/campaigns/analytics',
        query: [
          ['start_date', start_date],
          ['end_date', end_date],
        ],
      },
      'campaigns:read',
      z.array(z.catch(z.nullable(CampaignFigures), null)),
    ),
  ]);
  if (!list.ok) return list;
  const byId = new Map(figures.ok ? figures.value.flatMap((f) => (f ? [[f.campaign_id, f] as const] : [])) : []);
  const campaigns = list.value.items.map((c): CampaignRow => {
    const f = byId.get(c.id);
    return {
      ...rowOf(c),
      ...(f
        ? {
            sent: f.emails_sent_count ?? 0,
            replies: f.reply_count_unique ?? f.reply_count ?? 0,
            opportunities: f.total_opportunities ?? 0,
          }
        : {}),
    };
  });
  return {
    ok: true,
    value: { campaigns, more: list.value.more, ...(figures.ok ? {} : { figuresError: figures.error }) },
  };
}

/** Pauses or resumes one campaign; its new status from Instantly's answer (the Campaign after the change). */
export async function setCampaignSending(
  call: Call,
  as: AsWorkspace,
  campaignId: string,
  action: 'pause' | 'resume',
): Promise<Read<Pick<CampaignRow, 'status' | 'notSendingStatus'>>> {
  const verb = action === 'pause' ? 'pause' : 'activate';
  const path = `/api/v2/campaigns/${encodeURIComponent(campaignId)}/${verb}`;
  const read = await ask(call, as, { method: 'POST', path }, 'campaigns:update', Campaign);
  return read.ok ? { ok: true, value: rowOf(read.value) } : read;
}
