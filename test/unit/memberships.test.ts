import { describe, expect, it } from 'vitest';
import { membershipOf, oneMembershipEach } from '@/lib/common/memberships';
import type { Member } from '@/lib/common/model';
import { WorkspaceId } from '@/lib/common/workspace-id';

const WORKSPACE = '019ffad2-0000-7000-8000-0000000000aa';
const m = (n: number, status: Member['status'], addedAt: string, workspaceId = WORKSPACE): Member => ({
  membershipId: `019ffad2-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`,
  workspaceId,
  name: 'Acme Outbound',
  status,
  addedAt,
});

describe('one membership per sub workspace', () => {
  const rejected = m(1, 'rejected', '2026-01-01T00:00:00.000Z');
  const accepted = m(2, 'accepted', '2026-02-01T00:00:00.000Z');
  const pendingOld = m(3, 'pending', '2026-01-15T00:00:00.000Z');
  const pendingNew = m(4, 'pending', '2026-03-01T00:00:00.000Z');
  const other = m(5, 'accepted', '2026-01-01T00:00:00.000Z', '019ffad2-0000-7000-8000-0000000000bb');

  it('the accepted one counts, then pending, then rejected; the newest within a status', () => {
    expect(membershipOf([rejected, accepted, pendingNew], WORKSPACE)).toBe(accepted);
    expect(membershipOf([rejected, pendingOld, pendingNew], WORKSPACE)).toBe(pendingNew);
    expect(membershipOf([rejected], WORKSPACE)).toBe(rejected);
    expect(membershipOf([other], WORKSPACE)).toBeUndefined();
  });

  it('ids in any case are the same workspace', () => {
    // In upper case as typed or sent; parsed (WorkspaceId) before anything compares it.
    expect(membershipOf([rejected, accepted], WorkspaceId.parse(WORKSPACE.toUpperCase()))).toBe(accepted);
  });

  it('keeps the one that counts of each workspace, in the list’s order', () => {
    expect(oneMembershipEach([rejected, other, accepted, pendingNew])).toEqual([other, accepted]);
    const plain = [accepted, other];
    expect(oneMembershipEach(plain)).toBe(plain);
  });
});
