// Why a campaign is not sending, as Instantly diagnoses it (GET /campaigns/{id}/sending-status):
// its status message, the accounts available and unavailable, and which limits are hit. The
// document says fields may be missing (a campaign out of schedule): each is optional here.
import { z } from 'zod/mini';
import type { Call } from './call';
import { ask, type AsWorkspace, type Read } from './answer';

const num = z.catch(z.optional(z.nullable(z.number())), undefined);
const flag = z.catch(z.optional(z.nullable(z.boolean())), undefined);
const text = z.catch(z.optional(z.nullable(z.string())), undefined);

const SendingStatusAnswer = z.object({
  diagnostics: z.catch(
    z.nullable(
      z.object({
        status: text,
        accounts_summary: z.optional(
          z.object({
            total_connected: num,
            available: num,
            unavailable: z.optional(z.record(z.string(), z.unknown())),
          }),
        ),
        campaign_daily_limit: z.optional(z.object({ limit: num, sent: num, limit_hit: flag })),
        new_lead_limit: z.optional(z.object({ limit: num, contacted: num, limit_hit: flag })),
        schedule_status: z.optional(z.object({ in_schedule: flag })),
        domain_limiter: z.optional(z.object({ domains_at_limit: num })),
      }),
    ),
    null,
  ),
  summary: z.catch(z.nullable(z.object({ status: text, status_message: text })), null),
});

/** The unavailable accounts' reasons in words (the keys of accounts_summary.unavailable). */
const UNAVAILABLE: Record<string, string> = {
  daily_limit_hit: 'at their daily limit',
  slow_ramp_limit_hit: 'at the slow ramp limit',
  disconnected: 'disconnected',
  global_gap_not_met: 'waiting for the sending gap',
};

export interface Diagnosis {
  /** Instantly's own sentence, or its status code in words when it gave none. */
  message: string;
  available?: number;
  connected?: number;
  /** e.g. ["2 at their daily limit", "1 disconnected"]. */
  unavailable: string[];
  /** e.g. ["campaign daily limit (100 of 100 sent)"]. */
  limitsHit: string[];
}

const words = (code: string) => code.replaceAll('_', ' ');

export async function fetchSendingStatus(call: Call, as: AsWorkspace, campaignId: string): Promise<Read<Diagnosis>> {
  const read = await ask(
    call,
    as,
    { method: 'GET', path: `/api/v2/campaigns/${encodeURIComponent(campaignId)}/sending-status` },
    'campaigns:read',
    SendingStatusAnswer,
  );
  if (!read.ok) return read;
  return { ok: true, value: diagnosisOf(read.value) };
}

export function diagnosisOf(answer: z.infer<typeof SendingStatusAnswer>): Diagnosis {
  const d = answer.diagnostics;
  const code = answer.summary?.status ?? d?.status;
  const message =
    answer.summary?.status_message ??
    (code ? `Instantly says: ${words(code)}.` : 'Instantly has no diagnosis for it yet.');
  const unavailable = Object.entries(d?.accounts_summary?.unavailable ?? {}).flatMap(([key, value]) =>
    typeof value === 'number' && value > 0 ? [`${value} ${UNAVAILABLE[key] ?? words(key)}`] : [],
  );
  const limitsHit: string[] = [];
  const daily = d?.campaign_daily_limit;
  if (daily?.limit_hit) limitsHit.push(`campaign daily limit (${daily.sent ?? '?'} of ${daily.limit ?? '?'} sent)`);
  const leads = d?.new_lead_limit;
  if (leads?.limit_hit) limitsHit.push(`new leads a day (${leads.contacted ?? '?'} of ${leads.limit ?? '?'})`);
  const domains = d?.domain_limiter?.domains_at_limit ?? 0;
  if (domains > 0) limitsHit.push(`${domains} domain${domains === 1 ? '' : 's'} at their limit`);
  if (d?.schedule_status?.in_schedule === false) limitsHit.push('outside its sending schedule');
  const summary = d?.accounts_summary;
  return {
    message,
    ...(typeof summary?.available === 'number' ? { available: summary.available } : {}),
    ...(typeof summary?.total_connected === 'number' ? { connected: summary.total_connected } : {}),
    unavailable,
    limitsHit,
  };
}
