import { describe, expect, it } from 'vitest';
import { filterMembers } from '@/lib/pages/search';
import type { Member } from '@/lib/shared/model';

const member = (name: string | null, workspaceId: string): Member => ({
  membershipId: workspaceId,
  workspaceId,
  name,
  status: 'accepted',
  addedAt: '2026-01-01T00:00:00.000Z',
});
const members = [
  member('Acme Outbound', '019ffad2-0000-7000-8000-000000000001'),
  member('Café Résumé', '019ffad2-0000-7000-8000-000000000002'),
  member(null, '019ffad2-0000-7000-8000-00000000beef'),
];

describe('search', () => {
  it('matches names case- and accent-insensitively, every word', () => {
    expect(filterMembers(members, 'cafe resume').map((m) => m.name)).toEqual(['Café Résumé']);
    expect(filterMembers(members, 'ACME out').map((m) => m.name)).toEqual(['Acme Outbound']);
    expect(filterMembers(members, 'acme cafe')).toEqual([]);
  });
  it('matches ids, also of unnamed workspaces', () => {
    expect(filterMembers(members, 'beef')).toHaveLength(1);
  });
  it('an empty query shows everything', () => {
    expect(filterMembers(members, '  ')).toBe(members);
  });
});
