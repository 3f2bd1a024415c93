// A workspace's mailboxes (sending accounts) for the console: status and warm-up in words, the
// warm-up score (GET /accounts), and pausing or resuming one (POST /accounts/{email}/pause, …/resume),
// the row taken from the answer.
import { z } from 'zod/mini';
import type { Call } from './call';
import { ask, askAllPages, type AsWorkspace, type Read } from './answer';

/** Account `status` in words (the OpenAPI document's x-enumDescriptions, shortened). */
export const MAILBOX_STATUS: Record<number, string> = {
  1: 'active',
  2: 'paused',
  3: 'maintenance',
  [-1]: 'connection error',
  [-2]: 'soft bounce error',
  [-3]: 'sending error',
};
export const mailboxStatusWords = (status: number | null) =>
  status === null ? 'unknown' : (MAILBOX_STATUS[status] ?? `status ${status}`);

/** `warmup_status` in words. */
export const WARMUP_STATUS: Record<number, string> = {
  0: 'paused',
  1: 'active',
  [-1]: 'banned',
  [-2]: 'spam folder unknown',
  [-3]: 'permanent suspension',
};
export const warmupWords = (status: number | null) =>
  status === null ? 'unknown' : (WARMUP_STATUS[status] ?? `status ${status}`);

/** A paused mailbox is resumed; any other can be paused (one in error too, to stop its retries). */
export const canResumeMailbox = (status: number | null) => status === 2;

export interface MailboxRow {
  email: string;
  status: number | null;
  warmupStatus: number | null;
  /** stat_warmup_score, 0–100; null when Instantly has none yet. */
  warmupScore: number | null;
}

const Account = z.object({
  email: z.string(),
  status: z.optional(z.nullable(z.number())),
  warmup_status: z.optional(z.nullable(z.number())),
  stat_warmup_score: z.optional(z.nullable(z.number())),
});

const rowOf = (a: z.infer<typeof Account>): MailboxRow => ({
  email: a.email,
  status: a.status ?? null,
  warmupStatus: a.warmup_status ?? null,
  warmupScore: a.stat_warmup_score ?? null,
});

export async function fetchMailboxes(
  call: Call,
  as: AsWorkspace,
): Promise<Read<{ mailboxes: MailboxRow[]; more: boolean }>> {
  const read = await askAllPages(call, as, '/api/v2/accounts', 'accounts:read', Account);
  return read.ok ? { ok: true, value: { mailboxes: read.value.items.map(rowOf), more: read.value.more } } : read;
}

/** Pauses or resumes one mailbox; its row from Instantly's answer (the Account after the change). */
export async function setMailboxSending(
  call: Call,
  as: AsWorkspace,
  email: string,
  action: 'pause' | 'resume',
): Promise<Read<MailboxRow>> {
  const path = `/api/v2/accounts/${encodeURIComponent(email)}/${action}`;
  const read = await ask(call, as, { method: 'POST', path }, 'accounts:update', Account);
  return read.ok ? { ok: true, value: rowOf(read.value) } : read;
}
