// Export CSV: the overview as shown (its columns, its rows in their order), RFC 4180 quoting, a
// file name that says the period and the day.
import { utcDay, PERIOD_LABEL, type Period } from './period';

/** A cell as CSV: quoted when it holds a comma, a quote or a line break; quotes doubled. Formula-looking text is kept as text. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  // A spreadsheet runs a cell starting with = + - @ as a formula: a workspace name is never one.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** e.g. sub-workspaces-last-7-days-2026-12-04.csv */
export function csvFileName(period: Period, now = Date.now()): string {
  return `sub-workspaces-${PERIOD_LABEL[period].toLowerCase().replaceAll(' ', '-')}-${utcDay(now)}.csv`;
}
