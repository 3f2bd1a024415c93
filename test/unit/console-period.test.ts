// The console's period is whole UTC days ending today (UTC), whatever the browser's time zone.
import { describe, expect, it } from 'vitest';
import { periodDates, periodSentence } from '@/lib/pages/console/period';

// 00:30 UTC on 4 December: still 3 December west of Greenwich, which must not matter.
const now = Date.UTC(2026, 11, 4, 0, 30);

describe('period dates', () => {
  it('Today is the current UTC day alone', () => {
    expect(periodDates('today', now)).toEqual({ start_date: '2026-12-04', end_date: '2026-12-04' });
  });

  it('Last 7 days is today and the six UTC days before', () => {
    expect(periodDates('last7', now)).toEqual({ start_date: '2026-11-28', end_date: '2026-12-04' });
  });

  it('Last 30 days crosses a month and a year boundary by UTC days', () => {
    expect(periodDates('last30', Date.UTC(2026, 0, 10, 23, 59))).toEqual({
      start_date: '2025-12-12',
      end_date: '2026-01-10',
    });
  });

  it('says the days and that they are UTC days', () => {
    expect(periodSentence('last7', now)).toBe('Last 7 days (2026-11-28 to 2026-12-04, UTC days)');
    expect(periodSentence('today', now)).toBe('Today (2026-12-04, UTC days)');
  });
});
