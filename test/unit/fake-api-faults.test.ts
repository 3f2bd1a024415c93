// What the fault-injection tests need from the fake: a huge group, malformed membership rows,
// endless and repeating cursors, HTML bodies, and changes applied but never answered.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, FakeApiControl } from '../fake-api/client';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import type { FaultyPage } from '../fake-api/list-faults';
import type { MemberPageBody } from '../fake-api/store';

const LIST = '/api/v2/workspace-group-members';

let api: FakeApi;
let control: FakeApiControl;
let seed: SeedResult;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const page = async <T = MemberPageBody>(query: Record<string, string> = {}, key = seed.adminKey) => {
  const res = await call(api.url, `${LIST}?${new URLSearchParams(query)}`, { headers: bearer(key) });
  expect(res.status, res.text).toBe(200);
  return res.json as T;
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
    const unread = await call(api.url, '/api/v2/emails/unread/count', {
      headers: { ...bearer(huge.adminKey), 'x-as-workspace': last?.id ?? '' },
    });
    expect(unread.json).toEqual({ count: last?.glance.unread });
  });

  it('the HTTP seed route keeps its cap (its answer would list every sub)', async () => {
    const res = await call(api.url, '/__control/seed', { method: 'POST', body: { subWorkspaces: 5001 } });
    expect(res.status).toBe(400);
    expect((await control.seed({ subWorkspaces: 5000 })).subs).toHaveLength(5000);
  });
});

describe('malformed membership rows', () => {
  it('a page also has an "invited" row and a row without sub_workspace_id among the good ones; the cursor stays good', async () => {
    await control.fault({ kind: 'malformed-members', count: 1 });
    // Other requests neither see nor use up the fault.
    expect((await call(api.url, '/api/v2/workspaces/current', { headers: bearer(seed.adminKey) })).status).toBe(200);
    const faulty = await page<FaultyPage>({ limit: '5' });
    const good = seed.subs.slice(0, 5).map((s) => s.membershipId);
    expect(faulty.items).toHaveLength(7);
    expect(faulty.items.filter((m) => good.includes(m.id)).map((m) => m.id)).toEqual(good);
    const bad = faulty.items.filter((m) => !good.includes(m.id));
    expect(bad.map((m) => m.status).sort()).toEqual(['accepted', 'invited']);
    expect(bad.find((m) => m.status === 'accepted')?.sub_workspace_id).toBeNull();
    expect(bad.find((m) => m.status === 'invited')?.sub_workspace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(faulty.items.at(-1)?.id).toBe(good.at(-1));
    expect(faulty.next_starting_after).toBe(good.at(-1));
    // Used up: the next page is clean.
    const next = await page({ limit: '5', starting_after: faulty.next_starting_after ?? '' });
    expect(next.items.map((m) => m.id)).toEqual(seed.subs.slice(5, 10).map((s) => s.membershipId));
  });
});

describe('cursors that never end', () => {
  it('endless: every page has items and a fresh cursor, past the real members, until the fault is cleared', async () => {
    await control.fault({ kind: 'endless-cursor' });
    const cursors: string[] = [];
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (let i = 0; i < 12; i++) {
      const body = await page({ limit: '5', ...(cursor ? { starting_after: cursor } : {}) });
      expect(body.items.length).toBeGreaterThan(0);
      for (const m of body.items) ids.add(m.id);
      cursor = body.next_starting_after;
      expect(cursor).toBeDefined();
      cursors.push(cursor ?? '');
    }
    expect(new Set(cursors).size).toBe(12);
    // The 12 real members, then phantoms the store does not know.
    expect(ids.size).toBe(12 + 9 * 5);
    const phantom = [...ids].at(-1) ?? '';
    expect(api.store.memberships.some((m) => m.id === phantom)).toBe(false);
    await control.clearFaults();
    expect((await page({ limit: '5', starting_after: cursor ?? '' })).items).toEqual([]);
  });

  it('repeating: a page asked for with a cursor answers that same cursor again', async () => {
    await control.fault({ kind: 'repeating-cursor', count: 3 });
    const first = await page({ limit: '5' });
    const cursor = first.next_starting_after ?? '';
    expect(cursor).toBe(seed.subs[4]?.membershipId);
    for (let i = 0; i < 2; i++) {
      const again = await page({ limit: '5', starting_after: cursor });
      expect(again.next_starting_after).toBe(cursor);
      expect(again.items.map((m) => m.id)).toEqual(seed.subs.slice(5, 10).map((s) => s.membershipId));
    }
  });

  it('repeating, on a group of one page: the cursor past the end gives the first page and itself again', async () => {
    await control.fault({ kind: 'repeating-cursor' });
    const first = await page({ limit: '100' });
    expect(first.items).toHaveLength(12);
    const again = await page({ limit: '100', starting_after: first.next_starting_after ?? '' });
    expect(again).toEqual(first);
  });
});

describe('HTML instead of JSON', () => {
  it('200 with an app shell, and 500 with a proxy error page, each as text/html', async () => {
    await control.fault({ kind: 'html', status: 200, count: 1 });
    await control.fault({ kind: 'html', status: 500, count: 1 });
    const shell = await call(api.url, '/api/v2/workspaces/current', { headers: bearer(seed.adminKey) });
    expect(shell.status).toBe(200);
    expect(shell.headers['content-type']).toMatch(/^text\/html/);
    expect(shell.json).toBeUndefined();
    expect(shell.text).toMatch(/^<!doctype html>/i);
    const proxy = await call(api.url, LIST, { headers: bearer(seed.adminKey) });
    expect(proxy.status).toBe(500);
    expect(proxy.headers['content-type']).toMatch(/^text\/html/);
    expect(proxy.text).toContain('500 Internal Server Error');
    expect((await call(api.url, LIST, { headers: bearer(seed.adminKey) })).status).toBe(200);
  });
});

describe('applied but unanswered', () => {
  const removeUrl = (id: string) => `${LIST}/${id}`;

  it('apply-then-fail: the DELETE removes the member, then answers 503', async () => {
    const target = seed.subs[0]?.membershipId ?? '';
    await control.fault({
      kind: 'apply-then-fail',
      status: 503,
      method: 'DELETE',
      path: `${LIST}/`,
      count: 1,
      retryAfter: 1,
    });
    // A GET on the same path is not hit.
    expect((await call(api.url, removeUrl(target), { headers: bearer(seed.adminKey) })).status).toBe(200);
    const res = await call(api.url, removeUrl(target), { method: 'DELETE', headers: bearer(seed.adminKey) });
    expect([res.status, res.json]).toEqual([
      503,
      { statusCode: 503, error: 'Service Unavailable', message: 'Service Unavailable' },
    ]);
    expect(res.headers['retry-after']).toBe('1');
    expect(api.store.memberships.some((m) => m.id === target)).toBe(false);
    const [entry] = await control.requests({ method: 'DELETE' });
    expect(entry).toMatchObject({ status: 503, handledStatus: 200 });
    // The retry a client makes now meets the change already made.
    expect((await call(api.url, removeUrl(target), { method: 'DELETE', headers: bearer(seed.adminKey) })).status).toBe(
      404,
    );
  });

  it('apply-then-fail: the POST invites, then answers 500; inviting again is a 409', async () => {
    const invitee = seed.invitable[0]?.id ?? '';
    await control.fault({ kind: 'apply-then-fail', status: 500, method: 'POST', path: LIST, count: 1 });
    const invite = () =>
      call(api.url, LIST, { method: 'POST', headers: bearer(seed.adminKey), body: { sub_workspace_id: invitee } });
    expect((await invite()).status).toBe(500);
    expect(api.store.memberships.find((m) => m.subWorkspaceId === invitee)?.status).toBe('pending');
    expect((await invite()).status).toBe(409);
  });

  it('apply-then-hold: the change is made while the client waits in vain; a patient client gets the answer late', async () => {
    const invitee = seed.invitable[1]?.id ?? '';
    await control.fault({ kind: 'apply-then-hold', holdMs: 60_000, method: 'POST', count: 1 });
    const giveUp = new AbortController();
    const waiting = fetch(`${api.url}${LIST}`, {
      method: 'POST',
      headers: { ...bearer(seed.adminKey), 'content-type': 'application/json' },
      body: JSON.stringify({ sub_workspace_id: invitee }),
      signal: giveUp.signal,
    });
    // Handled (the invitation exists) while the client still has no answer…
    await vi.waitFor(() => expect(api.conditions.log.find((e) => e.method === 'POST')?.handledStatus).toBe(200), {
      timeout: 10_000,
    });
    expect(api.store.memberships.find((m) => m.subWorkspaceId === invitee)?.status).toBe('pending');
    // …which it never gets: it times out, and the log says nobody was answered.
    giveUp.abort();
    await expect(waiting).rejects.toThrow();
    const [entry] = await control.requests({ method: 'POST' });
    expect(entry).toMatchObject({ status: null, handledStatus: 200 });

    const target = seed.subs[1]?.membershipId ?? '';
    await control.fault({ kind: 'apply-then-hold', holdMs: 150, method: 'DELETE', count: 1 });
    const started = performance.now();
    const late = await call(api.url, `${LIST}/${target}`, { method: 'DELETE', headers: bearer(seed.adminKey) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ id: target });
  });
});

describe('the fault queue', () => {
  it('a fault without a count lasts until cleared; a method limits it', async () => {
    await control.fault({ status: 500, method: 'GET', path: '/api/v2/workspaces/current' });
    for (let i = 0; i < 3; i++)
      expect((await call(api.url, '/api/v2/workspaces/current', { headers: bearer(seed.adminKey) })).status).toBe(500);
    expect((await control.state()).conditions.faults).toHaveLength(1);
    await control.clearFaults();
    expect((await call(api.url, '/api/v2/workspaces/current', { headers: bearer(seed.adminKey) })).status).toBe(200);
  });

  it('refuses faults it does not know', async () => {
    for (const body of [
      { kind: 'teapot', count: 1 },
      { kind: 'html', status: 503 },
      { kind: 'apply-then-hold' },
      { kind: 'apply-then-fail', status: 429 },
      { kind: 'endless-cursor', status: 500 },
      { status: 500, method: 'get' },
      { status: 500, count: 0 },
    ]) {
      const res = await call(api.url, '/__control/faults', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
