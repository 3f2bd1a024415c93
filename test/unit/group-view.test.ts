import { describe, expect, it } from 'vitest';
import { checkingRemovals, visibleMembers } from '@/lib/pages/group-view';
import type { Member, Operation } from '@/lib/common/model';

const member = (n: number): Member => ({
  membershipId: `0190a0b0-0000-7000-8000-00000000000${n}`,
  workspaceId: `0190a0b0-1111-7000-8000-00000000000${n}`,
  name: `Client ${n}`,
  status: 'accepted',
  addedAt: '2026-01-01T00:00:00.000Z',
});
const removal = (m: Member, state: Operation['state']): Operation => ({
  id: `op-${m.membershipId}`,
  kind: 'remove',
  membershipId: m.membershipId,
  workspaceId: m.workspaceId,
  label: m.name ?? m.workspaceId,
  at: 1,
  state,
});

describe('what the popup shows of removals', () => {
  const [a, b, c] = [member(1), member(2), member(3)];

  it('hides a row whose removal is on its way, and only that one', () => {
    expect(visibleMembers([a, b, c], [removal(b, 'sending')])).toEqual([a, c]);
  });

  it('shows a row whose removal got no answer, marked as being checked', () => {
    const ops = [removal(b, 'unknown'), removal(c, 'sending')];
    expect(visibleMembers([a, b, c], ops)).toEqual([a, b]);
    expect([...checkingRemovals(ops)]).toEqual([b.membershipId]);
  });

  it('marks nothing when no removal is unknown (an invite being checked has no row yet)', () => {
    const invite: Operation = {
      id: 'i',
      kind: 'invite',
      workspaceId: a.workspaceId,
      label: 'x',
      at: 1,
      state: 'unknown',
    };
    expect(checkingRemovals([invite, removal(a, 'sending')]).size).toBe(0);
  });
});
