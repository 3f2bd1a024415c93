// The console's period. Instantly reads a date alone as midnight UTC, so a period is whole UTC
// days, ending today (UTC), and the page says so.

export const PERIODS = ['today', 'last7', 'last30'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 'last7';

export const PERIOD_LABEL: Record<Period, string> = {
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
};

const DAYS: Record<Period, number> = { today: 1, last7: 7, last30: 30 };
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of the UTC day `at` falls in. */
export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The period's first and last UTC days (both included), as the API's start_date and end_date. */
export function periodDates(period: Period, now = Date.now()): { start_date: string; end_date: string } {
  return { start_date: utcDay(now - (DAYS[period] - 1) * DAY_MS), end_date: utcDay(now) };
}

/** The period in words, with its UTC days: "Last 7 days (2026-11-28 to 2026-12-04, UTC)". */
export function periodSentence(period: Period, now = Date.now()): string {
  const { start_date, end_date } = periodDates(period, now);
  const days = start_date === end_date ? start_date : `${start_date} to ${end_date}`;
  return `${PERIOD_LABEL[period]} (${days}, UTC days)`;
}
