// Checking a typed workspace id before anything is sent (the popup and the background both do).
import { Uuid } from './model';

export const MALFORMED_ID =
  'That is not a workspace ID. A workspace ID looks like 019ffad2-5cb9-7412-a999-646b69b0d7b4; copy it from the workspace’s Settings → Workspace & Members.';

export const isWorkspaceId = (text: string) => Uuid.safeParse(text.trim()).success;

/**
 * An id as the extension keeps and compares it: trimmed, in lower case. UUIDs are the same in
 * either case, and the server's may come back in another case than the one typed.
 */
export const normaliseId = (text: string) => text.trim().toLowerCase();
