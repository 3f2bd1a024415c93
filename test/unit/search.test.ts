import { describe, expect, it } from 'vitest';
import { filterMembers } from '@/lib/pages/search';
import type { Member } from '@/lib/common/model';

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
const names = (list: Member[]) => list.map((m) => m.name ?? m.workspaceId);

describe('search', () => {
  it('matches names case- and accent-insensitively, every word', () => {
    expect(names(filterMembers(members, 'cafe resume'))).toEqual(['Café Résumé']);
    expect(names(filterMembers(members, 'ACME out'))).toEqual(['Acme Outbound']);
    expect(filterMembers(members, 'acme cafe')).toEqual([]);
  });
  it('matches ids, also of unnamed workspaces', () => {
    expect(filterMembers(members, 'beef')).toHaveLength(1);
    expect(filterMembers(members, '00000000BEEF')).toHaveLength(1);
  });
  it('an empty query shows everything', () => {
    expect(filterMembers(members, '  ')).toBe(members);
  });
});

describe('search ranking', () => {
  // Ids whose digits contain what is typed, listed before the workspace that was meant.
  const group = [
    member('Client 819 Umbrella', '019ffad2-0000-7000-8000-000000999001'),
    member('Umbrella Client 999', '019ffad2-0000-7000-8000-000000000002'),
    member('Client 9990 Umbrella', '019ffad2-0000-7000-8000-000000000003'),
    member('Client 999 Umbrella Holdings', '019ffad2-0000-7000-8000-000000000004'),
    member('The Client 999 Umbrella', '019ffad2-0000-7000-8000-000000000005'),
    member('Client 999 Umbrella', '019ffad2-0000-7000-8000-000000000006'),
    member(null, '019ffad2-0000-7000-8000-000000000999'),
  ];

  it('puts the exact name first, then names starting with it, then every word starting a word, then ids', () => {
    expect(names(filterMembers(group, 'Client 999 Umbrella'))).toEqual([
      'Client 999 Umbrella', // exact
      'Client 999 Umbrella Holdings', // starts with it
      'Umbrella Client 999', // every word starts a word
      'Client 9990 Umbrella',
      'The Client 999 Umbrella',
      'Client 819 Umbrella', // only its id has 999
    ]);
  });

  it('ignores case, accents and extra spaces in the exact name', () => {
    expect(names(filterMembers(group, '  client   999 UMBRELLA ')).at(0)).toBe('Client 999 Umbrella');
    expect(
      names(filterMembers([member('Café Lumière', 'a'), member('Café Lumière Paris', 'b')].reverse(), 'cafe lumiere')),
    ).toEqual(['Café Lumière', 'Café Lumière Paris']);
  });

  it('a word inside a name ranks after words that start one, before id matches; the list order stays within a rank', () => {
    const list = [
      member('Summit Roofing', '019ffad2-0000-7000-8000-0000000000aa'),
      member('Oakroof Partners', '019ffad2-0000-7000-8000-0000000000bb'),
      member('Roofline', '019ffad2-0000-7000-8000-0000000000cc'),
      member('Roof Masters', '019ffad2-0000-7000-8000-0000000000dd'),
    ];
    expect(names(filterMembers(list, 'roof'))).toEqual([
      'Roofline',
      'Roof Masters',
      'Summit Roofing',
      'Oakroof Partners',
    ]);
  });

  it('a typed id finds its workspace, and a word split by punctuation still starts a word', () => {
    expect(names(filterMembers(group, '000000000999'))).toEqual(['019ffad2-0000-7000-8000-000000000999']);
    expect(names(filterMembers([member('Cedar & Stone', 'x'), member("O'Brien & Sons", 'y')], 'brien'))).toEqual([
      "O'Brien & Sons",
    ]);
    expect(filterMembers(group, '-')).toHaveLength(group.length); // every id has a dash: no crash, no false rank
  });
});
