import { describe, expect, it } from 'vitest';
import { age } from '@/lib/pages/age';
import { byAttention, orderRows } from '@/lib/pages/attention';
import { filterMembers } from '@/lib/pages/search';
import type { Member, MemberStatus, WorkspaceGlance } from '@/lib/common/model';

const member = (n: number, name: string, status: MemberStatus = 'accepted'): Member => ({
  membershipId: `019ffad2-0000-7000-8000-00000000100${n}`,
  workspaceId: `019ffad2-0000-7000-8000-00000000000${n}`,
  name,
  status,
  addedAt: '2026-01-01T00:00:00.000Z',
});
const figures = (m: Member, unread: number, trouble: number): [string, WorkspaceGlance] => [
  m.workspaceId,
  { fetchedAt: 0, unread, launched: 1, trouble },
];

const quiet = member(1, 'Quiet Co');
const pending = member(2, 'Pending Co', 'pending');
const chatty = member(3, 'Chatty Co');
const broken = member(4, 'Broken Co');
const unknown = member(5, 'Unread Later Co');
const busy = member(6, 'Busy Broken Co');
const list = [quiet, pending, chatty, broken, unknown, busy];
const glances = Object.fromEntries([
  figures(quiet, 0, 0),
  figures(chatty, 40, 0),
  figures(broken, 1, 2),
  figures(busy, 9, 2),
]);

describe('needs attention first', () => {
  it('accounts in trouble first, then unread replies, then the list’s own order', () => {
    expect(byAttention(list, glances).map((m) => m.name)).toEqual([
      'Busy Broken Co',
      'Broken Co',
      'Chatty Co',
      'Quiet Co',
      'Pending Co',
      'Unread Later Co',
    ]);
  });

  it('leaves the list itself alone', () => {
    const before = [...list];
    byAttention(list, glances);
    expect(list).toEqual(before);
  });

  it('the search still filters, and a typed query keeps the search’s order', () => {
    const typed = filterMembers(list, 'broken');
    expect(orderRows(typed, 'broken', true, glances)).toBe(typed);
    expect(orderRows(filterMembers(list, ''), '', true, glances).map((m) => m.name)[0]).toBe('Busy Broken Co');
    expect(orderRows(list, '', false, glances)).toBe(list);
  });
});

describe('age of the figures', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('in the popup’s words', () => {
    expect(age(now - 20_000, now)).toBe('just now');
    expect(age(now - 2 * 60_000 - 5_000, now)).toBe('2 min ago');
    expect(age(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(age(now - 26 * 3_600_000, now)).toBe('1 day ago');
    expect(age(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(age(now + 5_000, now)).toBe('just now');
  });
});
