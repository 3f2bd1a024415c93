import type { Member, WorkspaceLooks } from '../common/model';
import { lookOf } from '../common/workspace-looks';

/** Any character beyond ASCII (without the u flag, every UTF-16 code unit above 0x7f, so astral ones too). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Case- and accent-insensitive text for matching a typed query (plain ASCII, most names, skips normalising). */
export const fold = (text: string) =>
  NON_ASCII.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : text.toLowerCase();

/** Folded, with runs of spaces as one, so "Acme  Outbound " is the name "acme outbound". */
const squash = (text: string) => fold(text).replace(/\s+/g, ' ').trim();

/**
 * A folded text with a space before each word, words split at anything but letters and digits:
 * " o brien sons" for "O'Brien & Sons", so a word starts wherever " " + it is found.
 */
const spaced = (text: string) => ` ${text.replace(NON_ASCII.test(text) ? /[^\p{L}\p{N}]+/gu : /[^a-z0-9]+/g, ' ')}`;

interface Folded {
  member: Member;
  name: string;
  words: string;
  /** The user's label for the workspace, folded the same way ('' for none). */
  label: string;
  labelWords: string;
  id: string;
}

// Folded once per member list (the list object changes only when the group does), not on every
// keystroke: at 10,000 members folding is most of a search's cost. One string per part (no
// arrays of words), and done ahead of the first keystroke when the page is idle (prepareSearch).
// The labels are folded with the list, again only when they change (a new looks object).
const foldedLists = new WeakMap<Member[], { looks: WorkspaceLooks; folded: Folded[] }>();
const NO_LOOKS: WorkspaceLooks = {};

function foldedOf(members: Member[], looks: WorkspaceLooks): Folded[] {
  const known = foldedLists.get(members);
  if (known?.looks === looks) return known.folded;
  const labelled = Object.keys(looks).length > 0;
  const folded = members.map((member): Folded => {
    const name = member.name ? squash(member.name) : '';
    const given = labelled ? lookOf(looks, member.workspaceId).label : undefined;
    const label = given ? squash(given) : '';
    return {
      member,
      name,
      words: spaced(name),
      label,
      labelWords: label ? spaced(label) : '',
      id: member.workspaceId,
    };
  });
  foldedLists.set(members, { looks, folded });
  return folded;
}

/** Folds a list ahead of the first keystroke (call it when the page is idle). */
export const prepareSearch = (members: Member[], looks: WorkspaceLooks = NO_LOOKS) => void foldedOf(members, looks);

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

type Rank = (typeof RANK)[keyof typeof RANK];

interface Query {
  text: string;
  words: string[];
  /** Each typed word with a space before it, to find where it starts a word of the name. */
  prefixes: string[];
}

/** How well a name (the workspace's own, or the user's label for it) matches. */
function nameRank(name: string, words: string, query: Query): Rank | null {
  if (!name) return null;
  if (name === query.text) return RANK.exactName;
  if (name.startsWith(query.text)) return RANK.namePrefix;
  if (query.prefixes.length > 0 && query.prefixes.every((p) => words.includes(p))) return RANK.wordPrefixes;
  if (query.words.every((w) => name.includes(w))) return RANK.nameContains;
  return null;
}

function rankOf(member: Folded, query: Query): Rank | null {
  const { name, label, id } = member;
  const byName = nameRank(name, member.words, query);
  const byLabel = label ? nameRank(label, member.labelWords, query) : null;
  // The better of the two, where either matches.
  if (byLabel === null) {
    if (byName !== null) return byName;
  } else return byName !== null && byName < byLabel ? byName : byLabel;
  if (query.words.every((w) => id.includes(w))) return RANK.id;
  if (query.words.every((w) => name.includes(w) || label.includes(w) || id.includes(w))) return RANK.nameAndId;
  return null;
}

/**
 * Members matching the query, best match first: the exact name, then names that start with it,
 * then names with a word starting with each typed word, then names containing them, then ids.
 * Within a rank the list's order stays. So typing a whole name puts that workspace on top even
 * where its digits appear in a thousand other ids. A label the user gave counts as a name.
 */
export function filterMembers(members: Member[], query: string, looks: WorkspaceLooks = NO_LOOKS): Member[] {
  const text = squash(query);
  if (!text) return members;
  const q: Query = {
    text,
    words: text.split(' '),
    prefixes: spaced(text)
      .split(' ')
      .filter(Boolean)
      .map((w) => ` ${w}`),
  };
  // One list a rank (the type asks for every rank), read back in order: integer keys enumerate ascending.
  const ranks: Record<Rank, Member[]> = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [] };
  for (const folded of foldedOf(members, looks)) {
    const rank = rankOf(folded, q);
    if (rank !== null) ranks[rank].push(folded.member);
  }
  return Object.values(ranks).flat();
}
