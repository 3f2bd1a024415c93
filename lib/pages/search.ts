import type { Member } from '../shared/model';

/** Case- and accent-insensitive text for matching a typed query (plain ASCII, most names, skips normalising). */
export const fold = (text: string) =>
  /[^\x00-\x7f]/.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : text.toLowerCase();

/** Folded, with runs of spaces as one, so "Acme  Outbound " is the name "acme outbound". */
const squash = (text: string) => fold(text).replace(/\s+/g, ' ').trim();

/** A folded name's words: split at anything but letters and digits, so "brien" starts a word of "O'Brien". */
const wordsOf = (text: string) => text.split(/[^\x00-\x7f]/.test(text) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/).filter(Boolean);

interface Folded {
  name: string;
  words: string[];
  id: string;
}

// Folded once per member list (the list object changes only when the group does), not on every
// keystroke: at 10,000 members folding is most of a search's cost.
const foldedLists = new WeakMap<Member[], Folded[]>();

function foldedOf(members: Member[]): Folded[] {
  let folded = foldedLists.get(members);
  if (!folded) {
    folded = members.map((m) => {
      const name = squash(m.name ?? '');
      return { name, words: wordsOf(name), id: m.workspaceId.toLowerCase() };
    });
    foldedLists.set(members, folded);
  }
  return folded;
}

/** How well a member matches, best first; null when it does not. */
export const RANK = {
  exactName: 0,
  namePrefix: 1,
  /** Every typed word starts a word of the name ("acme out" for "Acme Outbound"). */
  wordPrefixes: 2,
  /** Every typed word is somewhere in the name ("bound" for "Acme Outbound"). */
  nameContains: 3,
  /** Every typed word is in the id. */
  id: 4,
  /** Every typed word is in the name or the id, some in each. */
  nameAndId: 5,
} as const;

interface Query {
  text: string;
  words: string[];
  prefixes: string[];
}

function rankOf(member: Folded, query: Query): number | null {
  const { name, words, id } = member;
  if (name) {
    if (name === query.text) return RANK.exactName;
    if (name.startsWith(query.text)) return RANK.namePrefix;
    if (query.prefixes.length > 0 && query.prefixes.every((p) => words.some((w) => w.startsWith(p)))) return RANK.wordPrefixes;
    if (query.words.every((w) => name.includes(w))) return RANK.nameContains;
  }
  if (query.words.every((w) => id.includes(w))) return RANK.id;
  if (query.words.every((w) => name.includes(w) || id.includes(w))) return RANK.nameAndId;
  return null;
}

/**
 * Members matching the query, best match first: the exact name, then names that start with it,
 * then names with a word starting with each typed word, then names containing them, then ids.
 * Within a rank the list's order stays. So typing a whole name puts that workspace on top even
 * where its digits appear in a thousand other ids.
 */
export function filterMembers(members: Member[], query: string): Member[] {
  const text = squash(query);
  if (!text) return members;
  const q: Query = { text, words: text.split(' '), prefixes: wordsOf(text) };
  const folded = foldedOf(members);
  const ranks: Member[][] = Object.values(RANK).map(() => []);
  for (let i = 0; i < members.length; i++) {
    const rank = rankOf(folded[i]!, q);
    if (rank !== null) ranks[rank]!.push(members[i]!);
  }
  return ranks.flat();
}
