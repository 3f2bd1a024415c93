// What the fault-injection tests need from the fake: a huge group, malformed membership rows,
// endless and repeating cursors, HTML bodies, and changes applied but never answered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, FakeApiControl } from '../fake-api/client';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import type { MemberPageBody } from '../fake-api/store';

const LIST = '/api/v2/workspace-group-members';

let api: FakeApi;
let control: FakeApiControl;
let seed: SeedResult;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const page = async (query: Record<string, string> = {}, key = seed.adminKey) => {
  const res = await call(api.url, `${LIST}?${new URLSearchParams(query)}`, { headers: bearer(key) });
  expect(res.status, res.text).toBe(200);
  return res.json as MemberPageBody;
};

beforeAll(async () => {
  api = await startFakeApi();
  control = new FakeApiControl(api.url);
});
afterAll(() => api.close());
beforeEach(() => {
  seed = seedAgency(api.store, { subWorkspaces: 12 });
  api.conditions.reset();
});

describe('a huge group', () => {
  it('100,000 members seed in-process and page like any group', { timeout: 120_000 }, async () => {
    const huge = seedAgency(api.store, { subWorkspaces: 100_000 });
    expect(huge.subs).toHaveLength(100_000);
    expect(api.store.memberships).toHaveLength(100_000);
    expect(new Set(huge.subs.slice(-1000).map((s) => s.name)).size).toBe(1000);
    const first = await page({ limit: '100' }, huge.adminKey);
    expect(first.items.map((m) => m.id)).toEqual(huge.subs.slice(0, 100).map((s) => s.membershipId));
    // Deep in the group, a page answers from the cursor on, and the end is an empty page.
    const deep = await page({ limit: '100', starting_after: huge.subs[99_949]?.membershipId ?? '' }, huge.adminKey);
    expect(deep.items.map((m) => m.sub_workspace_id)).toEqual(huge.subs.slice(99_950).map((s) => s.id));
    expect(deep.next_starting_after).toBe(huge.subs[99_999]?.membershipId);
    expect((await page({ starting_after: deep.next_starting_after ?? '' }, huge.adminKey)).items).toEqual([]);
    // Acting as the last one works, and its figures are there.
    const last = huge.subs.findLast((s) => s.status === 'accepted');
    const unread = await call(api.url, '/api/v2/emails/unread/count', { headers: { ...bearer(huge.adminKey), 'x-as-workspace': last?.id ?? '' } });
    expect(unread.json).toEqual({ count: last?.glance.unread });
  });

  it('the HTTP seed route keeps its cap (its answer would list every sub)', async () => {
    const res = await call(api.url, '/__control/seed', { method: 'POST', body: { subWorkspaces: 5001 } });
    expect(res.status).toBe(400);
    expect((await control.seed({ subWorkspaces: 5000 })).subs).toHaveLength(5000);
  });
});
