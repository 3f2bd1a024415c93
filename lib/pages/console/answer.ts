// One call of the workspace view, read: the failure in the user's words (no answer, a refusal
// naming the missing scope), or the body parsed with the client's own schema (zod: the answer
// comes from outside).
import { z } from 'zod/mini';
import type { Call, CallRequest } from './call';
import { refusalOf } from './overview-client';

/** The workspace a view shows and acts as: an accepted sub workspace of a connected agency. */
export interface AsWorkspace {
  agencyId: string;
  workspaceId: string;
  /** Its name as the console shows it (for sentences and dialogs). */
  name: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: string; unknown?: boolean };

export const NOT_EXPECTED = 'Instantly’s answer was not what was expected.';

export async function ask<S extends z.ZodMiniType>(
  call: Call,
  as: AsWorkspace,
  request: Pick<CallRequest, 'method' | 'path' | 'query'>,
  scope: string,
  schema: S,
): Promise<Read<z.infer<S>>> {
  const answer = await call({ agencyId: as.agencyId, asWorkspaceId: as.workspaceId, ...request });
  if (!answer.ok) return { ok: false, error: answer.error, ...(answer.unknown ? { unknown: true } : {}) };
  const refusal = refusalOf(answer.status, scope);
  if (refusal) return { ok: false, error: refusal };
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: NOT_EXPECTED };
}

/** At most this many pages of 100 (a workspace with more campaigns or mailboxes shows the first 2,000, and says so). */
export const MAX_PAGES = 20;

const Page = z.object({ items: z.array(z.unknown()), next_starting_after: z.optional(z.nullable(z.string())) });

/**
 * Every item of a cursor-paginated list (limit 100, at most MAX_PAGES pages), each item parsed
 * alone so one odd row never costs the table the others; `more` when the pages ran out first.
 */
export async function askAllPages<S extends z.ZodMiniType>(
  call: Call,
  as: AsWorkspace,
  path: string,
  scope: string,
  item: S,
): Promise<Read<{ items: z.infer<S>[]; more: boolean }>> {
  const items: z.infer<S>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: [string, string][] = [
      ['limit', '100'],
      ...(cursor ? [['starting_after', cursor] as [string, string]] : []),
    ];
    const read = await ask(call, as, { method: 'GET', path, query }, scope, Page);
    if (!read.ok) return read;
    for (const raw of read.value.items) {
      const one = item.safeParse(raw);
      if (one.success) items.push(one.data);
    }
    cursor = read.value.next_starting_after ?? undefined;
    if (!cursor || read.value.items.length === 0) return { ok: true, value: { items, more: false } };
  }
  return { ok: true, value: { items, more: true } };
}
