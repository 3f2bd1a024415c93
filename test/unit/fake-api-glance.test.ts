// The glance endpoints (unread count, launched campaigns, email accounts), answered per
// workspace as x-as-workspace says, with their scopes; and the control routes that set the
// figures, take a scope from a key, or refuse a scope to one client (docs/instantly-api.md#glance-endpoints).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, FakeApiControl } from '../fake-api/client';
import { inTrouble, type AccountPageBody } from '../fake-api/glance';
import { seedAgency, seedDemo, type SeedResult, type SeededSub } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';

const UNREAD = '/api/v2/emails/unread/count';
const LAUNCHED = '/api/v2/campaigns/count-launched';
const ACCOUNTS = '/api/v2/accounts';
const MISSING_EMAILS_READ =
  'This API key is missing a required scope: one of emails:read, emails:all, all:read, all:all';

let api: FakeApi;
let control: FakeApiControl;
let seed: SeedResult;

const headers = (key: string, asWorkspace?: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  ...(asWorkspace ? { 'x-as-workspace': asWorkspace } : {}),
});
const get = (path: string, key: string, asWorkspace?: string) =>
  call(api.url, path, { headers: headers(key, asWorkspace) });
const accepted = (): SeededSub[] => seed.subs.filter((s) => s.status === 'accepted');

/** Every account of a workspace, page by page, as a client following the cursor would. */
async function allAccounts(key: string, asWorkspace: string | undefined, limit: number) {
  const items: AccountPageBody['items'] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { starting_after: cursor } : {}) });
    const res = await get(`${ACCOUNTS}?${query}`, key, asWorkspace);
    expect(res.status, res.text).toBe(200);
    const body = res.json as AccountPageBody;
    if (body.items.length === 0) return { items, cursors, emptyPageCursor: body.next_starting_after };
    items.push(...body.items);
    cursor = body.next_starting_after;
    if (cursor) cursors.push(cursor);
  }
  throw new Error('more than 50 pages');
}

beforeAll(async () => {
  api = await startFakeApi();
  control = new FakeApiControl(api.url);
});
afterAll(() => api.close());
beforeEach(() => {
  seed = seedAgency(api.store, { subWorkspaces: 25 });
  api.conditions.reset();
});

describe('seeded figures', () => {
  it('every sub workspace has figures of its own, and some have accounts in trouble', () => {
    expect(seed.subs.every((s) => s.glance.accounts >= 2)).toBe(true);
    expect(seed.subs.filter((s) => s.glance.accountsInTrouble > 0).length).toBeGreaterThanOrEqual(5);
    expect(seed.subs.filter((s) => s.glance.accountsInTrouble === 0).length).toBeGreaterThanOrEqual(10);
    expect(seed.subs.some((s) => s.glance.unread === 0)).toBe(true);
    expect(seed.subs.some((s) => s.glance.launched === 0)).toBe(true);
    expect(new Set(seed.subs.map((s) => s.glance.unread)).size).toBeGreaterThan(10);
    // Deterministic: the same seed, the same figures.
    expect(seedAgency(api.store, { subWorkspaces: 25 }).subs.map((s) => s.glance)).toEqual(
      seed.subs.map((s) => s.glance),
    );
  });

  it('the demo seed has them too', () => {
    const demo = seedDemo(api.store);
    const withTrouble = demo.subs.filter((s) => s.status === 'accepted' && s.glance.accountsInTrouble > 0);
    expect(withTrouble.length).toBeGreaterThan(2);
    const glance = api.store.glances.of(withTrouble[0]?.id ?? '');
    expect(glance.accounts.filter(inTrouble)).toHaveLength(withTrouble[0]?.glance.accountsInTrouble ?? -1);
  });
});

describe('per workspace, as x-as-workspace says', () => {
  it('the unread count and launched campaigns of each accepted sub, and of the admin workspace without the header', async () => {
    for (const sub of accepted()) {
      expect((await get(UNREAD, seed.adminKey, sub.id)).json).toEqual({ count: sub.glance.unread });
      expect((await get(LAUNCHED, seed.adminKey, sub.id)).json).toEqual({ count: sub.glance.launched });
    }
    const own = api.store.glances.of(seed.admin.id);
    expect((await get(UNREAD, seed.adminKey)).json).toEqual({ count: own.unread });
    // A sub's own key answers for the sub, as acting as it does.
    const first = accepted()[0];
    expect((await get(UNREAD, first?.ownerKey ?? '')).json).toEqual({ count: first?.glance.unread });
  });

  it('a pending sub cannot be acted as; a lapsed one answers 402', async () => {
    const pending = seed.subs.find((s) => s.status === 'pending');
    expect((await get(UNREAD, seed.adminKey, pending?.id)).status).toBe(403);
    const sub = accepted()[1];
    await control.setWorkspace(sub?.id ?? '', { paid: false });
    expect((await get(LAUNCHED, seed.adminKey, sub?.id)).status).toBe(402);
  });

  it('accounts: every one, in cursor pages of `timestamp_created&email`, the last page with data still carrying a cursor', async () => {
    const troubled = accepted().find((s) => s.glance.accountsInTrouble > 0 && s.glance.accounts >= 3);
    expect(troubled).toBeDefined();
    const { items, cursors, emptyPageCursor } = await allAccounts(seed.adminKey, troubled?.id, 1);
    expect(items).toHaveLength(troubled?.glance.accounts ?? -1);
    expect(items.filter((a) => a.status < 0 || a.warmup_status < 0)).toHaveLength(
      troubled?.glance.accountsInTrouble ?? -1,
    );
    expect(new Set(items.map((a) => a.email)).size).toBe(items.length);
    expect(items.every((a) => a.organization === troubled?.id)).toBe(true);
    expect(cursors).toEqual(items.map((a) => `${a.timestamp_created}&${a.email}`));
    expect(emptyPageCursor).toBeUndefined();
    const broken = items.find((a) => a.status < 0);
    expect(broken?.status_message).toEqual(
      expect.objectContaining({ code: expect.any(String), responseCode: expect.any(Number) }),
    );
    // Whole list in one page with the default limit.
    expect((await allAccounts(seed.adminKey, troubled?.id, 100)).items).toEqual(items);
  });

  it('accounts: the legacy date-time cursor, search and status filters; bad queries are 400', async () => {
    const sub = accepted()[0]?.id ?? '';
    await control.setGlance(sub, {
      accounts: [
        { email: 'b@client.example', timestamp_created: '2026-02-01T10:00:00.000Z' },
        {
          email: 'a@client.example',
          timestamp_created: '2026-02-01T10:00:00.000Z',
          status: -3,
          status_message: { code: 'EENVELOPE' },
        },
        { email: 'c@other.example', timestamp_created: '2026-02-02T10:00:00.000Z', status: 2 },
      ],
    });
    const emails = async (query: string) =>
      ((await get(`${ACCOUNTS}?${query}`, seed.adminKey, sub)).json as AccountPageBody).items.map((a) => a.email);
    // Same timestamp: the email breaks the tie, and the `&email` part of the cursor resumes inside it.
    expect(await emails('')).toEqual(['a@client.example', 'b@client.example', 'c@other.example']);
    expect(await emails(`starting_after=${encodeURIComponent('2026-02-01T10:00:00.000Z&a@client.example')}`)).toEqual([
      'b@client.example',
      'c@other.example',
    ]);
    expect(await emails('starting_after=2026-02-01T10:00:00.000Z')).toEqual(['c@other.example']);
    expect(await emails('search=CLIENT')).toEqual(['a@client.example', 'b@client.example']);
    expect(await emails('status=-3')).toEqual(['a@client.example']);
    expect(await emails('status=2&search=other')).toEqual(['c@other.example']);
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'status=7', 'starting_after=yesterday']) {
      expect((await get(`${ACCOUNTS}?${query}`, seed.adminKey, sub)).status, query).toBe(400);
    }
  });
});

describe('scopes', () => {
  it('each endpoint needs its own read scope (or an :all or all: one)', async () => {
    // The read-only key has only workspace_group_members:read and workspaces:read.
    for (const path of [UNREAD, LAUNCHED, ACCOUNTS]) {
      const res = await get(path, seed.readOnlyKey);
      expect(res.status, path).toBe(403);
      expect((res.json as { message: string }).message).toMatch(/missing a required scope/);
    }
    await control.setKeyScopes(seed.readOnlyKey, ['emails:read', 'campaigns:all']);
    expect((await get(UNREAD, seed.readOnlyKey)).status).toBe(200);
    expect((await get(LAUNCHED, seed.readOnlyKey)).status).toBe(200);
    expect((await get(ACCOUNTS, seed.readOnlyKey)).status).toBe(403);
    await control.setKeyScopes(seed.readOnlyKey, ['all:read']);
    expect((await get(ACCOUNTS, seed.readOnlyKey)).status).toBe(200);
  });

  it('the admin key without emails:read: every client’s unread count is refused, the rest still answer', async () => {
    await control.setKeyScopes(seed.adminKey, [
      'workspace_group_members:all',
      'workspaces:read',
      'campaigns:read',
      'accounts:read',
    ]);
    for (const sub of accepted().slice(0, 3)) {
      const res = await get(UNREAD, seed.adminKey, sub.id);
      expect([res.status, res.json]).toEqual([
        403,
        { statusCode: 403, error: 'Forbidden', message: MISSING_EMAILS_READ },
      ]);
      expect((await get(LAUNCHED, seed.adminKey, sub.id)).status).toBe(200);
    }
    expect((await control.state()).keys.find((k) => k.key === seed.adminKey)?.scopes).not.toContain('emails:read');
  });

  it('a scope denied to one sub workspace: only that client’s call gets the 403, whoever acts as it', async () => {
    const [refused, other] = accepted();
    await control.setWorkspace(refused?.id ?? '', { deniedScopes: ['emails:read'] });
    const res = await get(UNREAD, seed.adminKey, refused?.id);
    expect([res.status, res.json]).toEqual([
      403,
      { statusCode: 403, error: 'Forbidden', message: MISSING_EMAILS_READ },
    ]);
    expect((await get(UNREAD, refused?.ownerKey ?? '')).status).toBe(403);
    expect((await get(UNREAD, seed.adminKey, other?.id)).json).toEqual({ count: other?.glance.unread });
    expect((await get(UNREAD, seed.adminKey)).status).toBe(200);
    // Other operations of that client are untouched; an empty list lifts the refusal.
    expect((await get(LAUNCHED, seed.adminKey, refused?.id)).status).toBe(200);
    expect((await get('/api/v2/workspaces/current', seed.adminKey, refused?.id)).status).toBe(200);
    expect((await control.state()).workspaces.find((w) => w.id === refused?.id)?.deniedScopes).toEqual(['emails:read']);
    await control.setWorkspace(refused?.id ?? '', { deniedScopes: [] });
    expect((await get(UNREAD, seed.adminKey, refused?.id)).status).toBe(200);
  });
});

describe('POST /__control/workspaces/{id}/glance', () => {
  it('sets a workspace’s figures; what is not given stays', async () => {
    const sub = accepted()[2];
    const set = await control.setGlance(sub?.id ?? '', { unread: 7 });
    expect(set).toMatchObject({ unread: 7, launched: sub?.glance.launched });
    expect(set.accounts).toHaveLength(sub?.glance.accounts ?? -1);
    expect((await get(UNREAD, seed.adminKey, sub?.id)).json).toEqual({ count: 7 });
    await control.setGlance(sub?.id ?? '', {
      launched: 0,
      accounts: [{ email: 'ops@client.example', warmup_status: -3 }],
    });
    expect((await get(LAUNCHED, seed.adminKey, sub?.id)).json).toEqual({ count: 0 });
    const [account] = ((await get(ACCOUNTS, seed.adminKey, sub?.id)).json as AccountPageBody).items;
    expect(account).toMatchObject({
      email: 'ops@client.example',
      status: 1,
      warmup_status: -3,
      first_name: 'ops',
      organization: sub?.id,
    });
    expect((await get(UNREAD, seed.adminKey, sub?.id)).json).toEqual({ count: 7 });
  });

  it('refuses an unknown workspace and a body it does not know', async () => {
    const unknown = await call(api.url, '/__control/workspaces/nope/glance', { method: 'POST', body: { unread: 1 } });
    expect(unknown.status).toBe(404);
    for (const body of [
      { unread: -1 },
      { unread: 1.5 },
      { accounts: [{ email: 'x@y.example', status: 5 }] },
      { accounts: [{ email: 'not-an-email' }] },
      { other: 1 },
    ]) {
      const res = await call(api.url, `/__control/workspaces/${seed.admin.id}/glance`, { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const noKey = await call(api.url, '/__control/keys/scopes', { method: 'POST', body: { key: 'nope', scopes: [] } });
    expect(noKey.status).toBe(404);
  });

  it('a re-seed forgets figures set from outside', async () => {
    const sub = accepted()[0];
    await control.setGlance(sub?.id ?? '', { unread: 999 });
    seed = seedAgency(api.store, { subWorkspaces: 25 });
    expect((await get(UNREAD, seed.adminKey, sub?.id)).json).toEqual({ count: sub?.glance.unread });
  });
});
