// A workspace's plan and lead usage (GET /workspace-billing/plan-details): the outreach plan's
// name, leads counted of the limit, and when the period ends or the plan is cancelled.
import { z } from 'zod/mini';
import type { Call } from './call';
import { ask, type AsWorkspace, type Read } from './answer';

const num = z.catch(z.optional(z.nullable(z.number())), undefined);
const PlanAnswer = z.object({
  subscriptions: z.catch(
    z.optional(
      z.object({
        outreach: z.optional(
          z.object({
            plan_name: z.catch(z.optional(z.string()), undefined),
            total_lead_limit: num,
            current_lead_count: num,
            current_period_end: num,
            cancel_at_time: num,
          }),
        ),
      }),
    ),
    undefined,
  ),
});

export interface Plan {
  name?: string;
  leadsUsed?: number;
  leadLimit?: number;
  /** ms since the epoch (the API gives Unix seconds). */
  periodEnd?: number;
  cancelAt?: number;
}

export async function fetchPlan(call: Call, as: AsWorkspace): Promise<Read<Plan>> {
  const read = await ask(
    call,
    as,
    { method: 'GET', path: '/api/v2/workspace-billing/plan-details' },
    'workspace_billing:read',
    PlanAnswer,
  );
  if (!read.ok) return read;
  const o = read.value.subscriptions?.outreach;
  const ms = (s: number | null | undefined) => (typeof s === 'number' ? s * 1000 : undefined);
  const plan: Plan = {
    name: o?.plan_name,
    leadsUsed: o?.current_lead_count ?? undefined,
    leadLimit: o?.total_lead_limit ?? undefined,
    periodEnd: ms(o?.current_period_end),
    cancelAt: ms(o?.cancel_at_time),
  };
  return { ok: true, value: Object.fromEntries(Object.entries(plan).filter(([, v]) => v !== undefined)) };
}

/** "1,200 of 5,000 leads (24%)"; what is known when the limit is not. */
export function leadsUsed(plan: Plan): string {
  if (plan.leadsUsed === undefined) return 'not given';
  const used = plan.leadsUsed.toLocaleString('en');
  if (!plan.leadLimit) return `${used} leads`;
  return `${used} of ${plan.leadLimit.toLocaleString('en')} leads (${Math.round((plan.leadsUsed / plan.leadLimit) * 100)}%)`;
}
