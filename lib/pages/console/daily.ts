// A workspace's sent and replies per day for the period (GET /campaigns/analytics/daily, all its
// campaigns), every day of the period present (a day Instantly leaves out is a day of zeros),
// and the chart's geometry, drawn by the page.
import { z } from 'zod/mini';
import type { Call } from './call';
import { ask, type AsWorkspace, type Read } from './answer';
import { periodDates, utcDay, type Period } from './period';

const count = z.catch(z.optional(z.number()), undefined);
const Day = z.object({ date: z.string(), sent: count, replies: count, unique_replies: count });

export interface DayFigures {
  /** YYYY-MM-DD, a UTC day. */
  date: string;
  sent: number;
  replies: number;
}

const DAY_MS = 86_400_000;

export async function fetchDaily(
  call: Call,
  as: AsWorkspace,
  period: Period,
  now = Date.now(),
): Promise<Read<DayFigures[]>> {
  const { start_date, end_date } = periodDates(period, now);
  const read = await ask(
    call,
    as,
    {
      method: 'GET',
      path: '/api/v2/campaigns/analytics/daily',
      query: [
        ['start_date', start_date],
        ['end_date', end_date],
      ],
    },
    'campaigns:read',
    z.array(z.catch(z.nullable(Day), null)),
  );
  if (!read.ok) return read;
  const given = new Map(read.value.flatMap((d) => (d ? [[d.date.slice(0, 10), d] as const] : [])));
  const days: DayFigures[] = [];
  for (let at = Date.parse(start_date); utcDay(at) <= end_date; at += DAY_MS) {
    const d = given.get(utcDay(at));
    days.push({ date: utcDay(at), sent: d?.sent ?? 0, replies: d?.unique_replies ?? d?.replies ?? 0 });
  }
  return { ok: true, value: days };
}

/** Chart geometry in a width × height box: one x per day, y scaled to the largest figure (a nice round top). */
export function chartPoints(days: DayFigures[], width: number, height: number) {
  const top = niceTop(Math.max(1, ...days.map((d) => Math.max(d.sent, d.replies))));
  const x = (i: number) => (days.length === 1 ? width / 2 : (i / (days.length - 1)) * width);
  const y = (v: number) => height - (v / top) * height;
  const line = (pick: (d: DayFigures) => number) =>
    days.map((d, i) => `${x(i).toFixed(1)},${y(pick(d)).toFixed(1)}`).join(' ');
  return { top, sent: line((d) => d.sent), replies: line((d) => d.replies), x };
}

/** 1, 2 or 5 times a power of ten, at least n: an axis top a reader takes in at once. */
export function niceTop(n: number): number {
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= n) ?? 10 * power;
}
