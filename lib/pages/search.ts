import type { Member, WorkspaceLooks } from '../shared/model';
import { lookOf } from '../shared/workspace-looks';

/** Case- and accent-insensitive text for matching a typed query. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Members whose name, label of the user's or id contains every word of the query, in the list's order. */
export function filterMembers(members: Member[], query: string, looks: WorkspaceLooks = {}): Member[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return members;
  const labelled = Object.keys(looks).length > 0;
  return members.filter((member) => {
    const label = labelled ? (lookOf(looks, member.workspaceId).label ?? '') : '';
    const haystack = fold(`${member.name ?? ''} ${label} ${member.workspaceId}`);
    return words.every((word) => haystack.includes(word));
  });
}
