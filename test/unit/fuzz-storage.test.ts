// Fuzzed stored blobs, from older versions and from a broken disk: reading an item never
// throws and keeps every element that is valid, and start-up loses nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startUp } from '@/lib/background/start-up';
import { Member, Notice, Operation, Origin, Target, UnstructuredWorkspace } from '@/lib/common/model';
import { dropStorageCaches, type StoredItem } from '@/lib/common/stored-item';
import {
  accounts,
  actingAs,
  allItems,
  allowedSites,
  group,
  groupHead,
  notices,
  operations,
  paintedTabs,
  tabActing,
  unstructuredInUse,
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

  it('start-up over garbage in every item loses nothing valid: each item reads as it read before', async () => {
    const keys = allItems.map((item) => item.key);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...keys.map(() => fc.oneof(fc.anything(), fc.constant(undefined)))),
        fc.tuple(
          ...keys.map(() =>
            fc.oneof(fc.anything(), fc.record({ v: fc.integer({ min: 0, max: 4 }) }), fc.constant(undefined)),
          ),
        ),
        async (values, metas) => {
          fakeBrowser.reset();
          dropStorageCaches();
          const local: Record<string, unknown> = {};
          const session: Record<string, unknown> = {};
          allItems.forEach((item, i) => {
            const [area, name] = item.key.split(':') as ['local' | 'session', string];
            const target = area === 'local' ? local : session;
            if (values[i] !== undefined) target[name] = values[i];
            if (metas[i] !== undefined) target[`${name}$`] = metas[i];
          });
          await fakeBrowser.storage.local.set(local);
          await fakeBrowser.storage.session.set(session);
          const before = await Promise.all(
            [accounts, group, groupHead, actingAs, notices, unstructuredWorkspaces, unstructuredInUse].map((i) =>
              (i as StoredItem<unknown>).get(),
            ),
          );
          await startUp();
          dropStorageCaches();
          const after = await Promise.all(
            [accounts, group, groupHead, actingAs, notices, unstructuredWorkspaces, unstructuredInUse].map((i) =>
              (i as StoredItem<unknown>).get(),
            ),
          );
          // Start-up may add notices (an unreadable entry's key removed) and stop using a lost key.
          const [, , , , noticesBefore, workspacesBefore] = before;
          const [, , , , noticesAfter, workspacesAfter] = after;
          expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
          expect(noticesAfter).toEqual(expect.arrayContaining(noticesBefore as unknown[]));
          expect(workspacesAfter).toEqual(workspacesBefore);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
