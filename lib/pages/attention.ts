// "Needs attention first": the popup's rows ordered by what a person should look at first, as a
// pure function of the rows and the glance's figures.
import type { Glances, Member } from '../common/model';

/**
 * Most accounts in trouble first, then most unread replies; otherwise the list's own order
 * (a stable sort), so workspaces without figures (pending, rejected, not read yet) keep theirs.
 */
export function byAttention(members: Member[], glances: Glances): Member[] {
  const trouble = (m: Member) => glances[m.workspaceId]?.trouble ?? 0;
  const unread = (m: Member) => glances[m.workspaceId]?.unread ?? 0;
  return [...members].sort((a, b) => trouble(b) - trouble(a) || unread(b) - unread(a));
}

/**
 * The rows to show: the search's result, in attention order when that is on and nothing is
 * typed. A typed query keeps the search's own order: whoever types a name is looking for that
 * workspace, and the search ranks what matches it best first.
 */
export function orderRows(found: Member[], query: string, attentionFirst: boolean, glances: Glances): Member[] {
  return attentionFirst && query.trim() === '' ? byAttention(found, glances) : found;
}
