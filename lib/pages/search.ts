import type { Member } from '../shared/model';

/** Case- and accent-insensitive text for matching a typed query. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Members whose name or id contains every word of the query, in the list's order. */
export function filterMembers(members: Member[], query: string): Member[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return members;
  return members.filter((member) => {
    const haystack = fold(`${member.name ?? ''} ${member.workspaceId}`);
    return words.every((word) => haystack.includes(word));
  });
}
