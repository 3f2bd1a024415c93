// A sub workspace can have several memberships in the list: a rejected invitation and a newer one
// it accepted, say. Whatever acts as a workspace (the popup's Act as, the cycle, the context
// menu) must use the one that counts: accepted, then pending, then rejected; the newest first
// within a status.
import type { Member, MemberStatus } from './model';

const STATUS_ORDER: Record<MemberStatus, number> = { accepted: 0, pending: 1, rejected: 2 };

/** Negative when `a` is the membership that counts over `b` (for the same workspace). */
function better(a: Member, b: Member): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.addedAt.localeCompare(a.addedAt);
}

/** The membership that counts for this sub workspace, or undefined. */
export function membershipOf(members: Member[], workspaceId: string): Member | undefined {
  let best: Member | undefined;
  for (const m of members) if (m.workspaceId === workspaceId && (!best || better(m, best) < 0)) best = m;
  return best;
}

/** One membership per sub workspace, the one that counts, in the list's order. */
export function oneMembershipEach(members: Member[]): Member[] {
  const best = new Map<string, Member>();
  for (const m of members) {
    const now = best.get(m.workspaceId);
    if (!now || better(m, now) < 0) best.set(m.workspaceId, m);
  }
  return best.size === members.length ? members : members.filter((m) => best.get(m.workspaceId) === m);
}
