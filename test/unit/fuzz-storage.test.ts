// Fuzzed stored blobs, from older versions and from a broken disk: reading an item never
// throws and keeps every element that is valid, and start-up loses nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startUp } from '@/lib/background/start-up';
import { Account, Member, Notice, Operation, Origin, Target, UnstructuredWorkspace } from '@/lib/common/model';
import { dropStorageCaches, type StoredItem } from '@/lib/common/stored-item';
import {
  accounts,
  actingAs,
  allItems,
  allowedSites,
  group,
  notices,
  operations,
  paintedTabs,
  tabActing,
  unstructuredSites,
  unstructuredWorkspaces,
} from '@/lib/common/storage';
import { z as zm, type z } from 'zod/mini';

const uuid = fc.uuid();
const member = fc.record({
  membershipId: uuid,
  workspaceId: uuid,
  name: fc.option(fc.string(), { nil: null }),
  status: fc.constantFrom('pending', 'accepted', 'rejected'),
  addedAt: fc.string(),
});
const notice = fc.record({
  id: fc.string(),
  text: fc.string(),
  at: fc.double({ noNaN: true, noDefaultInfinity: true }),
});
// Journal ids are any string (older versions kept what they were given), read in the one form
// (trimmed, lower case: the test below): generated in it, so a kept entry reads back as it was.
const journalId = fc.string().map((s) => s.trim().toLowerCase());
const operationV2 = fc.record(
  {
    id: fc.string(),
    kind: fc.constantFrom('invite', 'remove', 'leave'),
    workspaceId: journalId,
    membershipId: journalId,
    label: fc.string(),
    at: fc.integer(),
    state: fc.constantFrom('sending', 'unknown'),
    cause: fc.constantFrom('interrupted', 'no-answer'),
    accountId: journalId,
  },
  { requiredKeys: ['id', 'kind', 'label', 'at', 'state'] },
);
const operationV1 = operationV2.map(({ state: _s, cause: _c, accountId: _a, ...rest }) => rest);
const workspace = fc.record({
  id: fc.string(),
  name: fc.string(),
  apiBase: fc.string(),
  keyHint: fc.string(),
  remembered: fc.boolean(),
  addedAt: fc.integer(),
});
const origin = fc.webUrl({ withQueryParameters: false, withFragments: false }).map((url) => new URL(url).origin);

/** A list of valid elements with garbage (anything `invalid` says is not one) in between, and the valid ones alone. */
function mixed<T>(valid: fc.Arbitrary<T>, invalid: (x: unknown) => boolean) {
  const garbage = fc.anything().filter(invalid);
  return fc
    .array(
      fc.oneof(
        valid.map((v) => ({ ok: true as const, v })),
        garbage.map((v) => ({ ok: false as const, v })),
      ),
      { maxLength: 12 },
    )
    .map((list) => ({ raw: list.map((e) => e.v), valid: list.filter((e) => e.ok).map((e) => e.v) }));
}

const RUNS = { numRuns: 200 };

// Thousands of cases: generous on a shared, busy machine.
const FUZZ = { timeout: 120_000 };

describe('every stored list keeps its valid elements, whatever else is in it', FUZZ, () => {
  const not = (schema: z.ZodMiniType) => (x: unknown) => !schema.safeParse(x).success;
  const lists: [string, StoredItem<unknown>, fc.Arbitrary<unknown>, z.ZodMiniType][] = [
    ['notices', notices, notice, Notice],
    ['operations (v2)', operations, operationV2, Operation],
    ['unstructuredWorkspaces', unstructuredWorkspaces, workspace, UnstructuredWorkspace],
    ['allowedSites', allowedSites, origin, Origin],
    ['unstructuredSites', unstructuredSites, origin, Origin],
    ['paintedTabs', paintedTabs, fc.string(), zm.string()],
  ];
  it.each(lists)('%s', (_name, item, valid, schema) => {
    fc.assert(
      fc.property(mixed(valid, not(schema)), ({ raw, valid }) => {
        expect(item.parse(raw)).toEqual(valid);
      }),
      RUNS,
    );
  });

  it('journal ids are read in the one form, whatever case and spaces they were kept in', () => {
    const id = '019FFAD2-0000-7000-8000-0000000000AA';
    const [op] = operations.parse([
      { id: 'x', kind: 'invite', workspaceId: ` ${id} `, accountId: id, label: '', at: 0, state: 'sending' },
    ]);
    expect(op).toMatchObject({ workspaceId: id.toLowerCase(), accountId: id.toLowerCase() });
  });

  it('operations of v1 are read as v2, the valid ones all kept', () => {
    fc.assert(
      fc.property(
        mixed(operationV1, (x) => operations.parse([x], 1).length === 0),
        ({ raw, valid }) => {
          expect(operations.parse(raw, 1)).toEqual(valid.map((op) => ({ ...op, state: 'sending' })));
        },
      ),
      RUNS,
    );
  });

  it('the group keeps its valid members; tab choices keep their valid entries (tab ids only)', () => {
    const not = (schema: z.ZodMiniType) => (x: unknown) => !schema.safeParse(x).success;
    fc.assert(
      fc.property(mixed(member, not(Member)), fc.anything(), ({ raw, valid }, syncedAt) => {
        expect(group.parse({ members: raw, syncedAt }).members).toEqual(valid);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.nat().map(String), fc.string()),
          fc.oneof(fc.constant(null), fc.record({ workspaceId: uuid, name: fc.string() }), fc.anything()),
        ),
        (raw) => {
          const kept = tabActing.parse(raw);
          expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
          for (const [tab, value] of Object.entries(raw)) {
            const ok = /^\d+$/.test(tab) && (value === null || Target.safeParse(value).success);
            expect(Object.hasOwn(kept, tab)).toBe(ok);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('no stored blob makes a read throw', FUZZ, () => {
  it('any value, with any version recorded, is read without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allItems),
        fc.anything(),
        fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(undefined)),
        (item, raw, version) => {
          expect(() => item.parse(raw, version)).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('start-up over valid items with garbage mixed in (and garbage in every other item) loses nothing valid', async () => {
    // Valid values, corrupted: garbage elements between the valid ones of each list, garbage beside
    // a valid group. fc.anything() alone almost never makes a valid item, so the property would
    // only compare fallbacks; here the first read must hold exactly the valid part, and so must
    // the read after start-up.
    const account = fc.record(
      {
        workspaceId: uuid,
        workspaceName: fc.string(),
        kind: fc.constantFrom('admin', 'sub', 'standalone'),
        remembered: fc.boolean(),
        checkedAt: fc.integer(),
        syncedAt: fc.option(fc.integer(), { nil: null }),
      },
      { requiredKeys: ['workspaceId', 'workspaceName', 'kind', 'remembered', 'checkedAt'] },
    );
    const target = fc.record({ workspaceId: uuid, name: fc.string() });
    // Storage keeps JSON, where -0 comes back as 0.
    const storedNotice = notice.map((n) => ({ ...n, at: n.at + 0 }));
    const not = (schema: z.ZodMiniType) => (x: unknown) => !schema.safeParse(x).success;
    const checked = [accounts, group, actingAs, notices, unstructuredWorkspaces] as StoredItem<unknown>[];
    const others = allItems.filter((item) => !checked.some((c) => c.key === item.key) && item.key !== 'local:group');
    await fc.assert(
      fc.asyncProperty(
        mixed(account, not(Account)),
        mixed(member, not(Member)),
        fc.option(fc.integer(), { nil: null }),
        fc.oneof(fc.constant(null), target),
        mixed(storedNotice, not(Notice)),
        mixed(workspace, not(UnstructuredWorkspace)),
        fc.tuple(...others.map(() => fc.oneof(fc.anything(), fc.constant(undefined)))),
        async (accountList, members, syncedAt, choice, noticeList, workspaces, garbage) => {
          fakeBrowser.reset();
          dropStorageCaches();
          const stored: Record<'local' | 'session', Record<string, unknown>> = { local: {}, session: {} };
          const put = (item: StoredItem<unknown>, value: unknown) => {
            const [area, name] = item.key.split(':') as ['local' | 'session', string];
            stored[area][name] = value;
            stored[area][`${name}$`] = { v: item.version };
          };
          put(accounts, accountList.raw);
          put(group, { members: members.raw, syncedAt });
          put(actingAs, choice);
          put(notices, noticeList.raw);
          put(unstructuredWorkspaces, workspaces.raw);
          others.forEach((item, i) => {
            const [area, name] = item.key.split(':') as ['local' | 'session', string];
            if (garbage[i] !== undefined) stored[area][name] = garbage[i];
          });
          await fakeBrowser.storage.local.set(stored.local);
          await fakeBrowser.storage.session.set(stored.session);
          const read = () => Promise.all(checked.map((item) => item.get()));
          const before = await read();
          expect(before).toEqual([
            accountList.valid,
            expect.objectContaining({ members: members.valid, syncedAt }),
            choice,
            noticeList.valid,
            workspaces.valid,
          ]);
          await startUp();
          dropStorageCaches();
          const after = await read();
          expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
          // Start-up may add notices (an unreadable entry's key removed).
          expect(after[3]).toEqual(expect.arrayContaining(before[3] as unknown[]));
          expect(after[4]).toEqual(before[4]);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
