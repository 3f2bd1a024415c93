import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeSettings, type Present } from '@/lib/background/capabilities/settings-merge';
import { buildSettingsFile, exportSettings, importSettings } from '@/lib/background/capabilities/settings-transfer';
import { instantlyKey, unstructuredKey } from '@/lib/background/worker/secrets';
import type { Member, UnstructuredWorkspace } from '@/lib/common/model';
import type { PermissionsApi } from '@/lib/common/sites/permissions';
import { dropStorageCaches } from '@/lib/common/stored-item';
import { NOT_A_SETTINGS_FILE, SETTINGS_FORMAT, settingsFileName, type SettingsFile } from '@/lib/common/settings-file';
import {
  accounts,
  allowedSites,
  group,
  unstructuredSites,
  unstructuredWorkspaces,
  workspaceLooks,
} from '@/lib/common/storage';
import { account, storedKeyMaterial } from './one-account';

const ID = (n: number) => `019ffad2-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Permissions as a browser that granted these sites (and notifications if told). */
function permissionsWith(origins: string[], notifications = false): PermissionsApi {
  return {
    contains: async (set) => !!set.permissions?.includes('notifications') && notifications,
    request: async () => false,
    remove: async () => false,
    getAll: async () => ({ origins: origins.map((o) => `${o}/*`) }),
  };
}

const file = (over: Partial<SettingsFile> = {}): SettingsFile => ({
  format: SETTINGS_FORMAT,
  version: 1,
  exportedAt: '2026-11-02T10:00:00.000Z',
  instantly: [],
  looks: {},
  allowedSites: [],
  unstructuredSites: [],
  unstructured: [],
  preferences: { notifications: false },
  ...over,
});

const nothing: Present = {
  looks: {},
  names: new Map(),
  connected: [],
  unstructured: [],
  unstructuredSites: [],
  granted: [],
  notifications: false,
  attentionFirst: false,
};

describe('merging an imported file', () => {
  it('adds what is new, keeps what is here and says why, and counts what is already the same', () => {
    const present: Present = {
      ...nothing,
      looks: { [ID(1)]: { label: 'Ours', color: '#112233' }, [ID(2)]: { favourite: true } },
      names: new Map([
        [ID(1), 'Acme'],
        [ID(2), 'Beta'],
      ]),
    };
    const { looks, report } = mergeSettings(
      present,
      file({
        looks: {
          [ID(1)]: { label: 'Theirs', color: '#112233', favourite: true, name: 'Acme' },
          [ID(2)]: { label: 'Bee', favourite: true },
          [ID(3)]: { color: '#abcdef', name: 'Gamma' },
        },
      }),
    );
    expect(looks).toEqual({
      [ID(1)]: { label: 'Ours', color: '#112233', favourite: true },
      [ID(2)]: { label: 'Bee', favourite: true },
      [ID(3)]: { color: '#abcdef' },
    });
    expect(report.added).toEqual([
      'Acme as a favourite.',
      'The label “Bee” for Beta.',
      'The badge colour #abcdef for Gamma.',
    ]);
    expect(report.skipped).toEqual([
      'The label “Theirs” for Acme: it is already labelled “Ours” here, which was kept.',
    ]);
    expect(report.unchanged).toBe(2); // Acme's colour, Beta's favourite
  });

  it('asks for the sites this browser has not allowed, and lists the Unstructured key’s sites to confirm, never opting one in', () => {
    const { report } = mergeSettings(
      {
        ...nothing,
        granted: ['https://crm.example', 'https://mail.example'],
        unstructuredSites: ['https://mail.example'],
      },
      file({
        allowedSites: ['https://crm.example', 'https://new.example', 'https://mail.example'],
        unstructuredSites: ['https://crm.example', 'https://new.example', 'https://mail.example'],
      }),
    );
    expect(report.sitesToAllow).toEqual(['https://new.example']);
    // Allowed here without the key: the user ticks it or not. Already opted in: the same.
    expect(report.unstructuredSitesToConfirm).toEqual(['https://crm.example']);
    expect(report.added).toEqual([]);
    // Once allowed (the import runs again), the new site is to confirm too.
    const again = mergeSettings(
      { ...nothing, granted: ['https://crm.example', 'https://new.example'] },
      file({
        allowedSites: ['https://new.example'],
        unstructuredSites: ['https://new.example', 'https://crm.example'],
      }),
    );
    expect(again.report.unstructuredSitesToConfirm).toEqual(['https://crm.example', 'https://new.example']);
  });

  it('lists the keys to paste again: Instantly workspaces not connected, Unstructured workspaces not here', () => {
    const { report } = mergeSettings(
      {
        ...nothing,
        connected: [{ workspaceId: ID(9) }],
        unstructured: [{ name: 'legal', apiBase: 'https://platform.unstructuredapp.io' }],
      },
      file({
        instantly: [
          { workspaceId: ID(9), workspaceName: 'Northstar' },
          { workspaceId: ID(8), workspaceName: 'Acme Agency' },
        ],
        unstructured: [
          { name: 'Research', apiBase: 'https://platform.unstructuredapp.io' },
          { name: 'Legal', apiBase: 'https://platform.unstructuredapp.io' },
          { name: 'LEGAL', apiBase: 'https://eu.example.com' },
        ],
        preferences: { notifications: true },
      }),
    );
    expect(report.instantlyToConnect).toEqual([{ workspaceId: ID(8), workspaceName: 'Acme Agency' }]);
    expect(report.unstructuredToAdd).toEqual([{ name: 'Research', apiBase: 'https://platform.unstructuredapp.io' }]);
    expect(report.skipped).toEqual([expect.stringContaining('there is already one called legal here')]);
    expect(report.notifications).toBe(true);
  });

  it('turns on “Needs attention first” when the file had it, and never turns it off', () => {
    const on = mergeSettings(nothing, file({ preferences: { notifications: false, attentionFirst: true } }));
    expect(on.attentionFirst).toBe(true);
    expect(on.report.added).toEqual(['“Needs attention first” in the popup.']);
    expect(
      mergeSettings(
        { ...nothing, attentionFirst: true },
        file({ preferences: { notifications: false, attentionFirst: false } }),
      ).attentionFirst,
    ).toBe(true);
  });

  it('is idempotent: merging the same file again adds nothing', () => {
    const incoming = file({
      looks: { [ID(1)]: { label: 'L', color: '#000000', favourite: true } },
      unstructuredSites: ['https://crm.example'],
      allowedSites: ['https://crm.example'],
    });
    const first = mergeSettings({ ...nothing, granted: ['https://crm.example'] }, incoming);
    const again = mergeSettings({ ...nothing, granted: ['https://crm.example'], looks: first.looks }, incoming);
    expect(again.looks).toEqual(first.looks);
    expect(again.report.added).toEqual([]);
    expect(again.report.skipped).toEqual([]);
  });
});

// Secrets are drawn from letters that nothing else in the generated state uses, so finding one
// (or its last four characters) in the export can only mean it leaked.
const SECRET_LETTERS = Array.from('GHJKLMNPQRSUVWXY');
const PLAIN_LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz0123456789 ');
const secretText = fc.string({ unit: fc.constantFrom(...SECRET_LETTERS), minLength: 8, maxLength: 64 });
const plain = (maxLength: number) => fc.string({ unit: fc.constantFrom(...PLAIN_LETTERS), minLength: 1, maxLength });

/** Everything the extension may have stored, with a secret in every slot that holds one. */
const storedState = fc.record({
  // Several connected workspaces (agencies, a sub workspace's key), each with its own key.
  instantly: fc.array(
    fc.record({
      key: secretText,
      remember: fc.boolean(),
      name: plain(20),
      kind: fc.constantFrom('admin' as const, 'sub' as const, 'standalone' as const),
    }),
    { maxLength: 4 },
  ),
  members: fc.array(
    fc.record({
      name: fc.option(plain(20), { nil: null }),
      status: fc.constantFrom('accepted' as const, 'pending' as const, 'rejected' as const),
      look: fc.option(fc.record({ label: plain(30), favourite: fc.boolean() }), { nil: undefined }),
    }),
    { maxLength: 30 },
  ),
  unstructured: fc.array(fc.record({ key: secretText, remember: fc.boolean(), name: plain(12) }), { maxLength: 5 }),
  optIn: fc.boolean(),
  notifications: fc.boolean(),
});

describe('the export', () => {
  it('never holds a key, nor a key’s last characters (fuzzed stored state)', async () => {
    await fc.assert(
      fc.asyncProperty(storedState, async (state) => {
        fakeBrowser.reset();
        dropStorageCaches();
        const secrets: string[] = [];
        await accounts.set(
          state.instantly.map((a, i) => ({
            workspaceId: ID(1 + i),
            workspaceName: a.name,
            kind: a.kind,
            remembered: a.remember,
            checkedAt: 1,
            syncedAt: 1,
          })),
        );
        for (const [i, a] of state.instantly.entries()) {
          await instantlyKey(ID(1 + i)).set(a.key, a.remember);
          secrets.push(a.key);
        }
        const members: Member[] = state.members.map((m, i) => ({
          membershipId: ID(5000 + i),
          workspaceId: ID(1000 + i),
          name: m.name,
          status: m.status,
          addedAt: '2026-01-01T00:00:00.000Z',
          adminId: ID(1 + (i % Math.max(1, state.instantly.length))),
        }));
        await group.set({ members, syncedAt: 1 });
        await workspaceLooks.set(
          Object.fromEntries(
            state.members.flatMap((m, i) => (m.look ? [[ID(1000 + i), { ...m.look, color: '#a0b1c2' }]] : [])),
          ),
        );
        const workspaces: UnstructuredWorkspace[] = [];
        for (const [i, w] of state.unstructured.entries()) {
          await unstructuredKey(`u-${i}`).set(w.key, w.remember);
          secrets.push(w.key);
          workspaces.push({
            id: `u-${i}`,
            name: w.name,
            apiBase: 'https://platform.unstructuredapp.io',
            keyHint: w.key.slice(-4),
            remembered: w.remember,
            addedAt: 1,
          });
        }
        await unstructuredWorkspaces.set(workspaces);
        await allowedSites.set(['https://crm.example']);
        await unstructuredSites.set(state.optIn ? ['https://crm.example'] : []);

        const answer = await exportSettings(permissionsWith(['https://crm.example'], state.notifications));
        expect(answer.ok).toBe(true);
        // Every connected workspace is in it (by id and name), and none of their keys.
        expect(answer.ok && answer.file.instantly.map((w) => w.workspaceId)).toEqual(
          state.instantly.map((_, i) => ID(1 + i)),
        );
        const text = JSON.stringify(answer);
        for (const value of secrets) {
          expect(text).not.toContain(value);
          expect(text).not.toContain(value.slice(-4));
        }
        expect(text).not.toMatch(/keyHint|secret|apiKey/i);
      }),
      { numRuns: 60 },
    );
  });

  it('holds the connected workspace, looks with names, sites, Unstructured names and URLs, and preferences', async () => {
    await account.set({
      workspaceId: ID(1),
      workspaceName: 'Northstar',
      kind: 'admin',
      remembered: true,
      checkedAt: 1,
    });
    await group.set({
      members: [{ membershipId: ID(50), workspaceId: ID(2), name: 'Acme', status: 'accepted', addedAt: 'x' }],
      syncedAt: 1,
    });
    await workspaceLooks.set({ [ID(2)]: { label: 'Top client', favourite: true } });
    await allowedSites.set(['https://crm.example']);
    await unstructuredSites.set(['https://crm.example']);
    await unstructuredWorkspaces.set([
      { id: 'u', name: 'Research', apiBase: 'https://eu.example.com', keyHint: 'WXYZ', remembered: false, addedAt: 1 },
    ]);
    const built = await buildSettingsFile(
      permissionsWith(['https://crm.example'], true),
      new Date('2026-11-02T10:00:00Z'),
    );
    expect(built).toEqual({
      format: 'workspace-switcher-settings',
      version: 1,
      exportedAt: '2026-11-02T10:00:00.000Z',
      instantly: [{ workspaceId: ID(1), workspaceName: 'Northstar' }],
      looks: { [ID(2)]: { label: 'Top client', favourite: true, name: 'Acme' } },
      allowedSites: ['https://crm.example'],
      unstructuredSites: ['https://crm.example'],
      unstructured: [{ name: 'Research', apiBase: 'https://eu.example.com' }],
      preferences: { notifications: true, attentionFirst: false },
    });
    expect(settingsFileName(new Date(2026, 0, 5))).toBe('workspace-switcher-settings-2026-01-05.json');
  });
});

describe('importing', () => {
  it('a malformed or foreign file is refused with a plain sentence and changes nothing', async () => {
    await workspaceLooks.set({ [ID(2)]: { label: 'Mine' } });
    await unstructuredSites.set(['https://crm.example']);
    const before = await fakeBrowser.storage.local.get(null);
    const foreign = [
      null,
      'text',
      [1, 2],
      {},
      { format: 'modheader-profile', version: 1 },
      { ...file(), looks: { 'not-an-id': { label: 'x' } } },
      { ...file(), allowedSites: ['javascript:alert(1)'] },
      { ...file(), looks: { [ID(3)]: { color: 'red' } } },
    ];
    for (const raw of foreign) {
      expect(await importSettings(raw, permissionsWith(['https://crm.example']))).toEqual({
        ok: false,
        error: NOT_A_SETTINGS_FILE,
      });
    }
    expect(await importSettings({ ...file(), version: 2 }, permissionsWith([]))).toEqual({
      ok: false,
      error: expect.stringContaining('newer version'),
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('a file larger than 1 MB is refused with its size and changes nothing', async () => {
    await workspaceLooks.set({ [ID(2)]: { label: 'Mine' } });
    const before = await fakeBrowser.storage.local.get(null);
    // Within every list's limit, but 10,000 long labels: more than a settings file ever holds.
    const looks = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, n) => [ID(100 + n), { label: 'x'.repeat(40), name: 'y'.repeat(200) }]),
    );
    expect(await importSettings(file({ looks }), permissionsWith([]))).toEqual({
      ok: false,
      error: expect.stringMatching(/^That file is \d+\.\d MB: a Workspace Switcher settings file is at most 1 MB/),
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('export, then import on a fresh browser, restores looks and opt-ins; keys are asked for', async () => {
    const granted = permissionsWith(['https://crm.example']);
    await account.set({
      workspaceId: ID(1),
      workspaceName: 'Northstar',
      kind: 'admin',
      remembered: true,
      checkedAt: 1,
    });
    await instantlyKey(ID(1)).set('GHJKsecretGHJK', true);
    await workspaceLooks.set({ [ID(2)]: { label: 'Top client', color: '#123456', favourite: true } });
    await allowedSites.set(['https://crm.example']);
    await unstructuredSites.set(['https://crm.example']);
    await unstructuredWorkspaces.set([
      {
        id: 'u',
        name: 'Research',
        apiBase: 'https://platform.unstructuredapp.io',
        keyHint: 'MNPQ',
        remembered: false,
        addedAt: 1,
      },
    ]);
    const exported = await exportSettings(granted);
    if (!exported.ok) throw new Error(exported.error);

    fakeBrowser.reset();
    // Through JSON, as the file travels.
    const answer = await importSettings(JSON.parse(JSON.stringify(exported.file)), granted);
    expect(answer).toMatchObject({
      ok: true,
      report: {
        instantlyToConnect: [{ workspaceId: ID(1), workspaceName: 'Northstar' }],
        unstructuredToAdd: [{ name: 'Research', apiBase: 'https://platform.unstructuredapp.io' }],
        sitesToAllow: [],
      },
    });
    expect(await workspaceLooks.get()).toEqual({ [ID(2)]: { label: 'Top client', color: '#123456', favourite: true } });
    // The file's opt-in for the key is listed to confirm, not applied.
    expect(answer).toMatchObject({ ok: true, report: { unstructuredSitesToConfirm: ['https://crm.example'] } });
    expect(await unstructuredSites.get()).toEqual([]);
    expect(await storedKeyMaterial('GHJKsecretGHJK')).toEqual([]);
    expect(await account.get()).toBeNull();
  });
});
