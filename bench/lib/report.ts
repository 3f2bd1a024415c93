// One table: each figure next to its target. Targets are from issue 6; a figure without a
// target is shown for context. Times in ms, sizes in kB (1 kB = 1,000 bytes).
import type { Summary } from './stats';

export interface Target {
  /** The figure must be at most this. */
  max: number;
  /** Which statistic is held to the target. */
  on: 'median' | 'p95' | 'value';
  text: string;
}

export interface Figure {
  figure: string;
  /** Group size, or '' for figures that do not depend on it. */
  group: string;
  unit: 'ms' | '×' | 'requests' | 'req/s' | 'kB';
  summary?: Summary;
  /** A single number (counts, sizes). */
  value?: number;
  target?: Target;
  /** Why there is no number. */
  missing?: string;
  /** Something the bench itself got wrong: the run exits with 1. */
  error?: string;
  note?: string;
}

const DIGITS: Record<Figure['unit'], number> = { ms: 1, '×': 2, requests: 0, 'req/s': 0, kB: 1 };

export function format(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '—';
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: DIGITS[unit],
    maximumFractionDigits: DIGITS[unit],
  });
  return unit === '×' ? `${text}×` : `${text} ${unit}`;
}

export function held(figure: Figure): number | undefined {
  if (!figure.target) return undefined;
  if (figure.target.on === 'value') return figure.value;
  return figure.summary?.[figure.target.on];
}

export function verdict(figure: Figure): '✓' | '✗' | '' {
  const value = held(figure);
  if (!figure.target || value === undefined || !Number.isFinite(value)) return '';
  return value <= figure.target.max ? '✓' : '✗';
}

export function markdownTable(figures: Figure[]): string {
  const rows = ['| figure | group | median | p95 | n | target | |', '|---|---:|---:|---:|---:|---|:-:|'];
  for (const f of figures) {
    let median = '—';
    let p95 = '—';
    let n = '';
    if (f.error) median = `error: ${f.error}`;
    else if (f.missing) median = `not measured: ${f.missing}`;
    else if (f.summary) {
      median = format(f.summary.median, f.unit);
      p95 = format(f.summary.p95, f.unit);
      n = String(f.summary.n);
    } else if (f.value !== undefined) median = format(f.value, f.unit);
    const target = f.target ? `${f.target.text}${f.target.on === 'p95' ? ' (p95)' : ''}` : '';
    rows.push(
      `| ${f.figure}${f.note ? ` (${f.note})` : ''} | ${f.group} | ${median} | ${p95} | ${n} | ${target} | ${verdict(f)} |`,
    );
  }
  return rows.join('\n');
}

/** Targets missed, as sentences: by how much. */
export function misses(figures: Figure[]): string[] {
  return figures
    .filter((f) => verdict(f) === '✗')
    .map((f) => {
      const value = held(f)!;
      const over = value - f.target!.max;
      const pct = f.target!.max > 0 ? ` (${Math.round((over / f.target!.max) * 100)}% over)` : '';
      return `${f.figure}${f.group ? `, ${f.group}` : ''}: ${format(value, f.unit)} against ${f.target!.text}, ${format(over, f.unit)} over${pct}`;
    });
}
