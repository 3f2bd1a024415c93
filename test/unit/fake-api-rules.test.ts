// The workspace-group rules the fake enforces (docs/instantly-api.md), seen over HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../fake-api/client';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import type { AdminOfCurrentBody, MemberPageBody, WorkspaceBody, WorkspaceGroupMemberBody } from '../fake-api/store';

const LIST = '/api/v2/workspace-group-members';
const CURRENT = '/api/v2/workspaces/current';

let api: FakeApi;
let seed: SeedResult;

const bearer = (key: string, asWorkspace?: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  ...(asWorkspace ? { 'x-as-workspace': asWorkspace } : {}),
});
const invite = (key: string, subWorkspaceId: string, asWorkspace?: string) =>
  call(api.url, LIST, {
    method: 'POST',
    headers: bearer(key, asWorkspace),
    body: { sub_workspace_id: subWorkspaceId },
  });
const remove = (key: string, membershipId: string) =>
  call(api.url, `${LIST}/${membershipId}`, { method: 'DELETE', headers: bearer(key) });
const subWith = (status: string) => {
  const sub = seed.subs.find((s) => s.status === status);
  if (!sub) throw new Error(`seed has no ${status} sub`);
  return sub;
};

beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());
beforeEach(() => {
  seed = seedAgency(api.store, { subWorkspaces: 10, pendingEvery: 4, rejectedEvery: 5 });
  api.conditions.reset();
});

describe('inviting', () => {
  it('an invitation is pending; a second one for the same workspace is a 409 with the documented body', async () => {
    const invitee = seed.invitable[0]?.id ?? '';
    const first = await invite(seed.adminKey, invitee);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      status: 'pending',
      admin_workspace_id: seed.admin.id,
      sub_workspace_id: invitee,
    });
    const second = await invite(seed.adminKey, invitee);
    expect(second.status).toBe(409);
    expect(second.json).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'The sub workspace already has an active parent or invitation',
    });
  });

  it('an accepted or pending sub cannot be invited again, even by another admin workspace', async () => {
    for (const status of ['accepted', 'pending']) {
      expect((await invite(seed.adminKey, subWith(status).id)).status).toBe(409);
      expect((await invite(seed.loneKey, subWith(status).id)).status).toBe(409);
    }
  });

  it('a rejected membership does not block a new invitation', async () => {
    const rejected = subWith('rejected');
    const again = await invite(seed.adminKey, rejected.id);
    expect(again.status).toBe(200);
    const member = again.json as WorkspaceGroupMemberBody;
    expect(member.status).toBe('pending');
    expect(member.id).not.toBe(rejected.membershipId);
  });

  it('a workspace is never both admin and sub', async () => {
    // The admin workspace cannot become someone's sub…
    const ofAdmin = await invite(seed.loneKey, seed.admin.id);
    expect(ofAdmin.status).toBe(409);
    expect((ofAdmin.json as { message: string }).message).toMatch(/admin workspace/);
    // …and an accepted sub cannot invite, with its own key or acted as.
    const free = seed.invitable[1]?.id ?? '';
    expect((await invite(seed.subKey, free)).status).toBe(409);
    expect((await invite(seed.adminKey, free, subWith('accepted').id)).status).toBe(409);
    // Nor invite itself.
    expect((await invite(seed.loneKey, api.store.keys.get(seed.loneKey)?.workspaceId ?? '')).status).toBe(400);
  });

  it('only owners and admins invite (403 for a member)', async () => {
    const free = seed.invitable[0]?.id ?? '';
    const byMember = await invite(seed.adminMemberKey, free);
    expect(byMember.status).toBe(403);
    expect(byMember.json).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await invite(seed.adminColleagueKey, free)).status).toBe(200);
  });

  it('an unknown workspace is 404; a malformed body is 400', async () => {
    expect((await invite(seed.adminKey, randomUUID())).status).toBe(404);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      call(api.url, LIST, { method: 'POST', headers: { ...bearer(seed.adminKey), ...headers }, body });
    expect((await post('{not json')).json).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await post({ sub_workspace_id: seed.invitable[0]?.id, note: 'hi' })).status).toBe(400);
    expect((await post({ subWorkspaceId: seed.invitable[0]?.id })).json).toMatchObject({
      message: "body must have required property 'sub_workspace_id'",
    });
    expect((await post({ sub_workspace_id: 'acme' })).status).toBe(400);
    expect((await post([])).status).toBe(400);
  });

  it('the invited owner accepting (control route) makes it an accepted sub', async () => {
    const free = seed.invitable[0]?.id ?? '';
    const pending = (await invite(seed.adminKey, free)).json as WorkspaceGroupMemberBody;
    const accepted = await call(api.url, `/__control/memberships/${pending.id}/accept`, { method: 'POST' });
    expect(accepted.json).toMatchObject({ id: pending.id, status: 'accepted' });
    const current = await call(api.url, CURRENT, { headers: bearer(seed.adminKey, free) });
    expect((current.json as WorkspaceBody).id).toBe(free);
    // Settled invitations cannot be settled again.
    expect((await call(api.url, `/__control/memberships/${pending.id}/reject`, { method: 'POST' })).status).toBe(409);
  });
});

describe('removing and leaving', () => {
  it('owners and admins of the admin workspace remove a sub; members get 403', async () => {
    const target = subWith('accepted').membershipId;
    expect((await remove(seed.adminMemberKey, target)).status).toBe(403);
    const removed = await remove(seed.adminColleagueKey, target);
    expect(removed.status).toBe(200);
    expect((removed.json as WorkspaceGroupMemberBody).id).toBe(target);
    expect((await call(api.url, `${LIST}/${target}`, { headers: bearer(seed.adminKey) })).status).toBe(404);
  });

  it('only the sub workspace owner leaves (403 for a member), through /admin then DELETE', async () => {
    const admin = (await call(api.url, `${LIST}/admin`, { headers: bearer(seed.subMemberKey) }))
      .json as AdminOfCurrentBody;
    expect(admin.has_admin_workspace).toBe(true);
    const id = admin.workspace_group_member_id ?? '';
    const byMember = await remove(seed.subMemberKey, id);
    expect(byMember.status).toBe(403);
    expect(byMember.json).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Only the workspace owner can leave the workspace group',
    });

    expect((await remove(seed.subKey, id)).status).toBe(200);
    const after = (await call(api.url, `${LIST}/admin`, { headers: bearer(seed.subKey) })).json;
    expect(after).toEqual({ workspace_name: 'Undefined', has_admin_workspace: false });
  });

  it('a membership of other workspaces is 404; a malformed id is 400', async () => {
    expect((await remove(seed.loneKey, subWith('accepted').membershipId)).status).toBe(404);
    const bad = await call(api.url, `${LIST}/not-a-uuid`, { headers: bearer(seed.adminKey) });
    expect(bad.json).toEqual({ statusCode: 400, error: 'Bad Request', message: 'params/id must match format "uuid"' });
  });

  it('a DELETE with content-type application/json and no body is refused, as Fastify does', async () => {
    const res = await call(api.url, `${LIST}/${subWith('accepted').membershipId}`, {
      method: 'DELETE',
      headers: { ...bearer(seed.adminKey), 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });
});

describe('keys, scopes and plans', () => {
  it('401 for a missing, unknown or revoked key', async () => {
    const missing = await call(api.url, CURRENT);
    expect(missing.json).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing Authorization header' });
    expect((await call(api.url, CURRENT, { headers: bearer('nope') })).status).toBe(401);
    const revoked = await call(api.url, CURRENT, { headers: bearer(seed.revokedKey) });
    expect(revoked.status).toBe(401);
    expect(revoked.json).toMatchObject({ error: 'Unauthorized' });
  });

  it('402 without a paid plan, also for a lapsed sub acted as', async () => {
    const unpaid = await call(api.url, CURRENT, { headers: bearer(seed.unpaidKey) });
    expect(unpaid.json).toEqual({
      statusCode: 402,
      error: 'Payment Required',
      message: 'Workspace does not have an active paid plan',
    });
    const sub = subWith('accepted');
    const workspace = api.store.workspaces.get(sub.id);
    if (workspace) workspace.paid = false;
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey, sub.id) })).status).toBe(402);
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(200);
  });

  it('403 naming the scope when the key lacks it; read scopes still read', async () => {
    const res = await invite(seed.readOnlyKey, seed.invitable[0]?.id ?? '');
    expect(res.status).toBe(403);
    expect((res.json as { message: string }).message).toContain('workspace_group_members:create');
    expect((await remove(seed.readOnlyKey, subWith('accepted').membershipId)).status).toBe(403);
    expect((await call(api.url, LIST, { headers: bearer(seed.readOnlyKey) })).status).toBe(200);
    expect((await call(api.url, CURRENT, { headers: bearer(seed.readOnlyKey) })).status).toBe(200);
  });
});

describe('x-as-workspace', () => {
  it('is honoured for an accepted sub: the request is answered as that workspace', async () => {
    const sub = subWith('accepted');
    const current = await call(api.url, CURRENT, { headers: bearer(seed.adminKey, sub.id) });
    expect(current.status).toBe(200);
    expect(current.json).toMatchObject({ id: sub.id, name: sub.name });
    const admin = (await call(api.url, `${LIST}/admin`, { headers: bearer(seed.adminKey, sub.id) }))
      .json as AdminOfCurrentBody;
    expect(admin).toMatchObject({
      has_admin_workspace: true,
      workspace_name: seed.admin.name,
      workspace_group_member_id: sub.membershipId,
    });
  });

  it('is refused with 403 for pending, rejected, unrelated or unknown workspaces, and for a key that is no admin', async () => {
    const lone = api.store.keys.get(seed.loneKey)?.workspaceId ?? '';
    for (const target of [subWith('pending').id, subWith('rejected').id, lone, randomUUID(), 'acme']) {
      const res = await call(api.url, CURRENT, { headers: bearer(seed.adminKey, target) });
      expect(res.status, target).toBe(403);
      expect((res.json as { message: string }).message).toContain('x-as-workspace');
    }
    expect((await call(api.url, CURRENT, { headers: bearer(seed.subKey, subWith('accepted').id) })).status).toBe(403);
  });

  it('an empty header is no header', async () => {
    const res = await call(api.url, CURRENT, { headers: { ...bearer(seed.adminKey), 'x-as-workspace': '' } });
    expect((res.json as WorkspaceBody).id).toBe(seed.admin.id);
  });
});

describe('pagination', () => {
  it('250 members with limit 100: pages of 100, 100 and 50, each with a cursor, then an empty page', async () => {
    seed = seedAgency(api.store, { subWorkspaces: 250 });
    const pages: MemberPageBody[] = [];
    let cursor: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ limit: '100', ...(cursor ? { starting_after: cursor } : {}) });
      const res = await call(api.url, `${LIST}?${query}`, { headers: bearer(seed.adminKey) });
      expect(res.status).toBe(200);
      const page = res.json as MemberPageBody;
      pages.push(page);
      if (page.items.length === 0 || pages.length > 5) break;
      cursor = page.next_starting_after;
    }
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50, 0]);
    expect(pages.slice(0, 3).map((p) => p.next_starting_after)).toEqual(
      pages.slice(0, 3).map((p) => p.items.at(-1)?.id),
    );
    expect(pages[3]?.next_starting_after).toBeUndefined();
    // Creation order, every member once.
    expect(pages.flatMap((p) => p.items.map((m) => m.id))).toEqual(seed.subs.map((s) => s.membershipId));
  });

  it('the default page size is 10; limit outside 1–100 is 400', async () => {
    const page = (await call(api.url, LIST, { headers: bearer(seed.adminKey) })).json as MemberPageBody;
    expect(page.items).toHaveLength(10);
    for (const limit of ['0', '101', 'ten', '2.5']) {
      expect((await call(api.url, `${LIST}?limit=${limit}`, { headers: bearer(seed.adminKey) })).status, limit).toBe(
        400,
      );
    }
  });

  it('a cursor whose member was removed still continues after it', async () => {
    const first = (await call(api.url, `${LIST}?limit=3`, { headers: bearer(seed.adminKey) })).json as MemberPageBody;
    const cursor = first.next_starting_after ?? '';
    await remove(seed.adminKey, cursor);
    const next = (await call(api.url, `${LIST}?limit=3&starting_after=${cursor}`, { headers: bearer(seed.adminKey) }))
      .json as MemberPageBody;
    expect(next.items[0]?.id).toBe(seed.subs[3]?.membershipId);
  });

  it("a sub workspace's key lists nothing (it has no subs)", async () => {
    const page = (await call(api.url, LIST, { headers: bearer(seed.subKey) })).json as MemberPageBody;
    expect(page).toEqual({ items: [] });
  });
});
