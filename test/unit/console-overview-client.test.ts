// The overview's one call per workspace: what it asks (as which workspace, which days) and how
// it reads the answer, against a fake call.
import { describe, expect, it } from 'vitest';
import type { CallRequest, CallResult } from '@/lib/pages/console/call';
import { fetchOverview, OVERVIEW_PATH, replyRate } from '@/lib/pages/console/overview-client';

const AGENCY = '019ffad2-0000-7000-8000-00000000aaaa';
const SUB = '019ffad2-0000-7000-8000-000000000001';
const now = Date.UTC(2026, 11, 4, 12);

function fakeCall(answer: CallResult) {
  const asked: CallRequest[] = [];
  return { asked, call: async (request: CallRequest) => (asked.push(request), answer) };
}

describe('overview client', () => {
  it('asks once, as the sub workspace, for the period’s UTC days, and reads the figures', async () => {
    const { asked, call } = fakeCall({
      ok: true,
      status: 200,
      body: {
        emails_sent_count: 400,
        reply_count: 30,
        reply_count_unique: 21,
        total_opportunities: 4,
        total_meeting_booked: 2,
      },
    });
    expect(await fetchOverview(call, AGENCY, SUB, 'last7', now)).toEqual({
      ok: true,
      figures: { sent: 400, replies: 21, opportunities: 4, meetings: 2 },
    });
    expect(asked).toEqual([
      {
        agencyId: AGENCY,
        asWorkspaceId: SUB,
        method: 'GET',
        path: OVERVIEW_PATH,
        query: [
          ['start_date', '2026-11-28'],
          ['end_date', '2026-12-04'],
        ],
      },
    ]);
  });

  it('names the missing scope on a 403, and says a failure without a number', async () => {
    const { call } = fakeCall({ ok: true, status: 403, body: { message: 'Forbidden' } });
    expect(await fetchOverview(call, AGENCY, SUB, 'today', now)).toEqual({
      ok: false,
      error: expect.stringContaining('campaigns:read'),
    });
    const down = fakeCall({ ok: false, error: 'No answer from Instantly.' });
    expect(await fetchOverview(down.call, AGENCY, SUB, 'today', now)).toEqual({
      ok: false,
      error: 'No answer from Instantly.',
    });
  });

  it('refuses an answer that is not figures rather than showing zeros', async () => {
    const { call } = fakeCall({ ok: true, status: 200, body: 'hello' });
    expect(await fetchOverview(call, AGENCY, SUB, 'last30', now)).toMatchObject({ ok: false });
  });

  it('reply rate is replies of sent, and nothing when nothing was sent', () => {
    expect(replyRate({ sent: 400, replies: 21 })).toBe('5.3%');
    expect(replyRate({ sent: 0, replies: 0 })).toBe('');
  });
});
