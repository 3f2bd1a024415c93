// Ids as the extension keeps and compares them. UUIDs are the same in either case, and the
// server's may come back in another case than the one typed, so an id is trimmed and put in lower
// case once, when it is parsed (from storage, a message, an API answer or what the user typed):
// every id past a boundary is already in the one form, and no call site lower-cases by hand.
import { z } from 'zod/mini';

/**
 * An id put in the one form and not checked further: for the journal of invites and removals,
 * whose entries of older versions kept whatever id they were given and must still be read.
 */
export const NormalisedId = z.string().check(z.trim(), z.toLowerCase());

/** Any 8-4-4-4-12 hex id (Instantly's are UUIDv7, but its OpenAPI document only says `format: uuid`), normalised. */
export const Uuid = z.string().check(z.trim(), z.toLowerCase(), z.guid());

/** A workspace's id, normalised when parsed. */
export const WorkspaceId = Uuid;
export type WorkspaceId = z.infer<typeof WorkspaceId>;

export const MALFORMED_ID =
  'That is not a workspace ID. A workspace ID looks like 019ffad2-5cb9-7412-a999-646b69b0d7b4; copy it from the workspace’s Settings → Workspace & Members.';

/** What the user typed as a workspace id, normalised; null when it is not one. */
export function parseWorkspaceId(text: string): WorkspaceId | null {
  const parsed = WorkspaceId.safeParse(text);
  return parsed.success ? parsed.data : null;
}

export const isWorkspaceId = (text: string) => parseWorkspaceId(text) !== null;
