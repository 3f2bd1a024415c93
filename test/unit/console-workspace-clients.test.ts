// The workspace view's clients: what each asks (as which workspace, which path and days) and what
// the view shows from the answer, against a fake call.
import { describe, expect, it } from 'vitest';
import type { CallRequest, CallResult } from '@/lib/pages/console/call';
import { fetchCampaigns, notSending, setCampaignSending } from '@/lib/pages/console/campaigns';
import { fetchDaily, niceTop } from '@/lib/pages/console/daily';
import { fetchMailboxes, mailboxStatusWords, setMailboxSending, warmupWords } from '@/lib/pages/console/mailboxes';
import { fetchPlan, leadsUsed } from '@/lib/pages/console/plan-details';
import { fetchSendingStatus } from '@/lib/pages/console/sending-status';
import { confirmTitle, outcomeOf } from '@/lib/pages/console/write-outcome';

const AS = {
  agencyId: '019ffad2-0000-7000-8000-00000000aaaa',
  workspaceId: '019ffad2-0000-7000-8000-000000000001',
  name: 'Acme',
};
const now = Date.UTC(2026, 11, 4, 12);
const ok = (body: unknown): CallResult => ({ ok: true, status: 200, body });

/** A fake call answering by path (and cursor), recording what was asked. */
function fakeCall(answer: (request: CallRequest) => CallResult) {
  const asked: CallRequest[] = [];
  return { asked, call: async (request: CallRequest) => (asked.push(request), answer(request)) };
}
const cursorOf = (r: CallRequest) => r.query?.find(([name]) => name === 'starting_after')?.[1];

describe('campaigns', () => {
  it('lists every page of campaigns as the workspace, joined with the period’s figures', async () => {
    const { asked, call } = fakeCall((r) => {
      if (r.path === '/api/v2/campaigns/analytics')
        return ok([
          { campaign_id: 'c1', emails_sent_count: 120, reply_count: 9, reply_count_unique: 7, total_opportunities: 2 },
        ]);
      if (cursorOf(r) === undefined)
        return ok({
          items: [{ id: 'c1', name: 'Spring', status: 1, not_sending_status: null }],
          next_starting_after: 'c1',
        });
      if (cursorOf(r) === 'c1')
        return ok({ items: [{ id: 'c2', name: 'Winter', status: -2 }], next_starting_after: 'c2' });
      return ok({ items: [] });
    });
    const read = await fetchCampaigns(call, AS, 'last7', now);
    expect(read).toEqual({
      ok: true,
      value: {
        more: false,
        campaigns: [
          { id: 'c1', name: 'Spring', status: 1, notSendingStatus: null, sent: 120, replies: 7, opportunities: 2 },
          { id: 'c2', name: 'Winter', status: -2, notSendingStatus: null },
        ],
      },
    });
    expect(asked.every((r) => r.agencyId === AS.agencyId && r.asWorkspaceId === AS.workspaceId)).toBe(true);
    expect(asked.find((r) => r.path === '/api/v2/campaigns/analytics')?.query).toEqual([
      ['start_date', '2026-11-28'],
      ['end_date', '2026-12-04'],
    ]);
    expect(asked.filter((r) => r.path === '/api/v2/campaigns').map(cursorOf)).toEqual([undefined, 'c1', 'c2']);
  });

  it('shows the list without figures, and says why, when only the figures fail', async () => {
    const { call } = fakeCall((r) =>
      r.path === '/api/v2/campaigns/analytics'
        ? { ok: true, status: 500, body: {} }
        : ok({ items: [{ id: 'c1', name: 'Spring', status: 2 }] }),
    );
    const read = await fetchCampaigns(call, AS, 'today', now);
    expect(read).toMatchObject({ ok: true, value: { campaigns: [{ id: 'c1', status: 2 }] } });
    expect(read.ok && read.value.figuresError).toContain('500');
  });

  it('names campaigns:read when the list is refused', async () => {
    const { call } = fakeCall(() => ({ ok: true, status: 403, body: {} }));
    expect(await fetchCampaigns(call, AS, 'today', now)).toEqual({
      ok: false,
      error: expect.stringContaining('campaigns:read'),
    });
  });

  it('a campaign is not sending when it is not active, or active with a not-sending status', () => {
    expect(notSending({ status: 1, notSendingStatus: null })).toBe(false);
    expect(notSending({ status: 1, notSendingStatus: 4 })).toBe(true);
    expect(notSending({ status: 2, notSendingStatus: null })).toBe(true);
  });

  it('pause and resume post to the campaign’s own path and take its status from the answer', async () => {
    const { asked, call } = fakeCall((r) =>
      ok({ id: 'c1', name: 'Spring', status: r.path.endsWith('/pause') ? 2 : 1 }),
    );
    expect(await setCampaignSending(call, AS, 'c1', 'pause')).toEqual({
      ok: true,
      value: { id: 'c1', name: 'Spring', status: 2, notSendingStatus: null },
    });
    expect(await setCampaignSending(call, AS, 'c1', 'resume')).toMatchObject({ ok: true, value: { status: 1 } });
    expect(asked.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/campaigns/c1/pause',
      'POST /api/v2/campaigns/c1/activate',
    ]);
  });

  it('a write with no answer stays unknown (the view says it may have been done)', async () => {
    const { call } = fakeCall(() => ({ ok: false, error: 'No answer came.', unknown: true }));
    expect(await setCampaignSending(call, AS, 'c1', 'pause')).toEqual({
      ok: false,
      error: 'No answer came.',
      unknown: true,
    });
  });
});

describe('mailboxes', () => {
  it('lists the mailboxes with status, warm-up and score in words; pause and resume by email', async () => {
    const { asked, call } = fakeCall((r) =>
      r.method === 'GET'
        ? ok({
            items: [
              { email: 'a@acme.test', status: 1, warmup_status: 1, stat_warmup_score: 97 },
              { email: 'b@acme.test', status: -3, warmup_status: -1, stat_warmup_score: null },
            ],
          })
        : ok({ email: 'a+1@acme.test', status: 2, warmup_status: 1, stat_warmup_score: 97 }),
    );
    const read = await fetchMailboxes(call, AS);
    expect(read).toEqual({
      ok: true,
      value: {
        more: false,
        mailboxes: [
          { email: 'a@acme.test', status: 1, warmupStatus: 1, warmupScore: 97 },
          { email: 'b@acme.test', status: -3, warmupStatus: -1, warmupScore: null },
        ],
      },
    });
    expect([mailboxStatusWords(-3), warmupWords(-1), mailboxStatusWords(3)]).toEqual([
      'sending error',
      'banned',
      'maintenance',
    ]);
    expect(await setMailboxSending(call, AS, 'a+1@acme.test', 'pause')).toMatchObject({
      ok: true,
      value: { status: 2 },
    });
    expect(asked.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v2/accounts/a%2B1%40acme.test/pause',
      asWorkspaceId: AS.workspaceId,
    });
  });

  it('names accounts:read when refused', async () => {
    const { call } = fakeCall(() => ({ ok: true, status: 401, body: {} }));
    expect(await fetchMailboxes(call, AS)).toEqual({ ok: false, error: expect.stringContaining('accounts:read') });
  });
});

describe('sending status', () => {
  it('says Instantly’s message, the accounts available and unavailable, and the limits hit', async () => {
    const { asked, call } = fakeCall(() =>
      ok({
        diagnostics: {
          status: 'account_daily_limit_met',
          accounts_summary: {
            total_connected: 5,
            available: 2,
            unavailable: { daily_limit_hit: 2, disconnected: 1, slow_ramp_limit_hit: 0 },
          },
          campaign_daily_limit: { limit: 100, sent: 100, limit_hit: true },
        },
        summary: { status: 'account_daily_limit_met', status_message: 'All accounts hit their daily limit.' },
      }),
    );
    expect(await fetchSendingStatus(call, AS, 'c1')).toEqual({
      ok: true,
      value: {
        message: 'All accounts hit their daily limit.',
        available: 2,
        connected: 5,
        unavailable: ['2 at their daily limit', '1 disconnected'],
        limitsHit: ['campaign daily limit (100 of 100 sent)'],
      },
    });
    expect(asked[0]).toMatchObject({ method: 'GET', path: '/api/v2/campaigns/c1/sending-status' });
  });

  it('a campaign with no data yet (both fields null) is said as such', async () => {
    const { call } = fakeCall(() => ok({ diagnostics: null, summary: null }));
    expect(await fetchSendingStatus(call, AS, 'c1')).toEqual({
      ok: true,
      value: { message: 'Instantly has no diagnosis for it yet.', unavailable: [], limitsHit: [] },
    });
  });
});

describe('plan details', () => {
  it('reads the outreach plan and its leads used of the limit; names workspace_billing:read when refused', async () => {
    const { call } = fakeCall(() =>
      ok({
        subscriptions: {
          outreach: {
            plan_name: 'Hypergrowth',
            total_lead_limit: 5000,
            current_lead_count: 1200,
            current_period_end: 1_767_225_600,
          },
        },
      }),
    );
    const read = await fetchPlan(call, AS);
    expect(read).toEqual({
      ok: true,
      value: { name: 'Hypergrowth', leadsUsed: 1200, leadLimit: 5000, periodEnd: 1_767_225_600_000 },
    });
    expect(read.ok && leadsUsed(read.value)).toBe('1,200 of 5,000 leads (24%)');
    const refused = fakeCall(() => ({ ok: true, status: 403, body: {} }));
    expect(await fetchPlan(refused.call, AS)).toEqual({
      ok: false,
      error: expect.stringContaining('workspace_billing:read'),
    });
  });
});

describe('per day', () => {
  it('gives every day of the period, a day left out as zeros', async () => {
    const { asked, call } = fakeCall(() =>
      ok([
        { date: '2026-11-29', sent: 40, replies: 5, unique_replies: 4 },
        { date: '2026-12-04', sent: 10, replies: 1 },
      ]),
    );
    const read = await fetchDaily(call, AS, 'last7', now);
    expect(read.ok && read.value.map((d) => `${d.date} ${d.sent} ${d.replies}`)).toEqual([
      '2026-11-28 0 0',
      '2026-11-29 40 4',
      '2026-11-30 0 0',
      '2026-12-01 0 0',
      '2026-12-02 0 0',
      '2026-12-03 0 0',
      '2026-12-04 10 1',
    ]);
    expect(asked[0]).toMatchObject({
      path: '/api/v2/campaigns/analytics/daily',
      query: [
        ['start_date', '2026-11-28'],
        ['end_date', '2026-12-04'],
      ],
    });
  });

  it('the chart’s top is a round number at least the largest figure', () => {
    expect([niceTop(1), niceTop(7), niceTop(40), niceTop(120), niceTop(1000)]).toEqual([1, 10, 50, 200, 1000]);
  });
});

describe('what a pause or resume came to', () => {
  it('says done, refused with the reason, or plainly that it may have been done', () => {
    expect(outcomeOf({ ok: true, value: {} }, 'pause', 'Spring', 'Acme')).toEqual({
      kind: 'done',
      text: 'Spring in Acme: paused.',
    });
    expect(outcomeOf({ ok: false, error: 'No answer came.', unknown: true }, 'pause', 'Spring', 'Acme')).toMatchObject({
      kind: 'unknown',
      text: expect.stringContaining('may have been paused'),
    });
    expect(
      outcomeOf(
        { ok: false, error: 'The agency’s key lacks the scope accounts:update.' },
        'resume',
        'a@acme.test',
        'Acme',
      ),
    ).toEqual({
      kind: 'failed',
      text: 'a@acme.test in Acme was not resumed: The agency’s key lacks the scope accounts:update.',
    });
    expect(confirmTitle('resume', 'a@acme.test', 'Acme')).toBe('Resume a@acme.test in Acme?');
  });
});
