// Which sending accounts are in trouble, and why, in words: Instantly's own per-client rollup
// flags an account whose `status` or `warmup_status` is negative (docs/instantly-api.md#glance-endpoints).
import type { SendingAccount } from './schemas';

const STATUS: Record<number, string> = {
  [-1]: 'connection error',
  [-2]: 'soft bounce error',
  [-3]: 'sending error',
};
const WARMUP: Record<number, string> = {
  [-1]: 'warmup banned',
  [-2]: 'warmup: spam folder unknown',
  [-3]: 'warmup permanently suspended',
};

/** A server's message can be long (a whole SMTP answer): enough of it to recognise. */
const MESSAGE_CHARS = 120;

export function inTrouble(account: SendingAccount): boolean {
  return (account.status ?? 0) < 0 || (account.warmup_status ?? 0) < 0;
}

/** The reason an account is in trouble, e.g. "sending error: 550-5.4.5 Daily user sending limit exceeded". */
export function troubleReason(account: SendingAccount): string {
  const parts: string[] = [];
  const status = account.status ?? 0;
  const warmup = account.warmup_status ?? 0;
  if (status < 0) parts.push(STATUS[status] ?? `status ${status}`);
  if (warmup < 0) parts.push(WARMUP[warmup] ?? `warmup status ${warmup}`);
  const message = messageOf(account.status_message);
  const reason = parts.join(', ');
  return message ? `${reason}: ${message}` : reason;
}

function messageOf(raw: unknown): string | undefined {
  let text: unknown = raw;
  if (typeof raw === 'object' && raw !== null) {
    const fields = raw as Record<string, unknown>;
    text = [fields.response, fields.e_message, fields.code].find((value) => typeof value === 'string' && value.trim());
  }
  if (typeof text !== 'string' || !text.trim()) return undefined;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MESSAGE_CHARS ? `${oneLine.slice(0, MESSAGE_CHARS - 1)}…` : oneLine;
}
