import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/providers/api-error';
import { instantlyClient, PAGE_INTERVAL_MS } from '@/lib/providers/instantly/client';
import { useFakeApi } from './fake-api-harness';

describe('Instantly client against the fake API', () => {
  const ctx = useFakeApi({ subWorkspaces: 250 });

  it('lists every member of a 250-member group, 100 a page, until an empty page', async () => {
    const { members, unreadable } = await ctx.makeClient(ctx.seeded.adminKey).listAllMembers();
    expect(unreadable).toEqual([]);
    expect(members).toHaveLength(250);
    expect(new Set(members.map((m) => m.sub_workspace_id)).size).toBe(250);
    const pages = await ctx.control.requests({ path: '/api/v2/workspace-group-members' });
    expect(pages.map((r) => r.query.limit)).toEqual(['100', '100', '100', '100']);
    expect(pages[0]!.query.starting_after).toBeUndefined();
  });

  it('keeps a listing under Instantly’s 100 requests per second', async () => {
    const started: number[] = [];
    const client = instantlyClient({
      apiKey: ctx.seeded.adminKey,
      baseUrl: ctx.api.url,
      fetch: (input, init) => (started.push(Date.now()), fetch(input, init)),
    });
    await client.listAllMembers();
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    expect(started).toHaveLength(4);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PAGE_INTERVAL_MS - 1); // read a moment after the pacer read its clock
  });

  it('never sends x-as-workspace, and sends content-type only with a body', async () => {
    const client = ctx.makeClient(ctx.seeded.adminKey);
    await client.currentWorkspace();
    const invitee = ctx.seeded.invitable[0]!;
    const created = await client.invite(invitee.id);
    await client.deleteMember(created.id);
    const log = await ctx.control.requests();
    expect(log).toHaveLength(3);
    expect(log.every((r) => !('x-as-workspace' in r.headers))).toBe(true);
    expect(log.map((r) => [r.method, r.headers['content-type'] ?? null])).toEqual([
      ['GET', null],
      ['POST', 'application/json'],
      ['DELETE', null],
    ]);
    expect(log[1]!.headers.authorization).toBe(`Bearer ${ctx.seeded.adminKey}`);
  });

  it('invites: the new member is pending, and inviting again is a conflict', async () => {
    const client = ctx.makeClient(ctx.seeded.adminKey);
    const invitee = ctx.seeded.invitable[0]!;
    const created = await client.invite(invitee.id);
    expect(created).toMatchObject({
      sub_workspace_id: invitee.id,
      status: 'pending',
      admin_workspace_id: ctx.seeded.admin.id,
    });
    await expect(client.invite(invitee.id)).rejects.toMatchObject({ kind: 'conflict', status: 409 });
  });

  it('maps the server’s refusals to typed errors, keeping its message', async () => {
    await expect(ctx.makeClient('nope').currentWorkspace()).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
    });
    await expect(ctx.makeClient(ctx.seeded.revokedKey).currentWorkspace()).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await expect(ctx.makeClient(ctx.seeded.unpaidKey).currentWorkspace()).rejects.toMatchObject({
      kind: 'payment-required',
    });
    const forbidden = await ctx
      .makeClient(ctx.seeded.adminMemberKey)
      .invite(ctx.seeded.invitable[1]!.id)
      .catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect(forbidden).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(forbidden instanceof ApiError && forbidden.serverMessage).toBeTruthy();
    await expect(
      ctx.makeClient(ctx.seeded.adminKey).invite('019ffad2-0000-7000-8000-0000000dead0'),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('retries a 429 and a 500 on reads, then succeeds', async () => {
    await ctx.control.fault({ status: 429, count: 1, retryAfter: 0 });
    await ctx.control.fault({ status: 500, count: 1 });
    const workspace = await ctx.makeClient(ctx.seeded.adminKey).currentWorkspace();
    expect(workspace.id).toBe(ctx.seeded.admin.id);
    expect(await ctx.control.requests({ path: '/api/v2/workspaces/current' })).toHaveLength(3);
  });

  it('does not repeat an invite after a 500 (it may have gone through)', async () => {
    await ctx.control.fault({ status: 500, count: 1, path: '/api/v2/workspace-group-members' });
    await expect(ctx.makeClient(ctx.seeded.adminKey).invite(ctx.seeded.invitable[0]!.id)).rejects.toMatchObject({
      kind: 'server',
    });
    expect(await ctx.control.requests({ method: 'POST' })).toHaveLength(1);
  });

  it('gives up on a lasting 429 with how long the server asked to wait', async () => {
    await ctx.control.fault({ status: 429, count: 10, retryAfter: 0 });
    await expect(ctx.makeClient(ctx.seeded.adminKey).currentWorkspace()).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterS: 0,
    });
  });

  it('reports a server it cannot reach as a network error', async () => {
    await ctx.control.offline(true);
    try {
      await expect(ctx.makeClient(ctx.seeded.adminKey).currentWorkspace()).rejects.toMatchObject({ kind: 'network' });
    } finally {
      await ctx.control.offline(false);
    }
  });

  it('reads the admin of a sub workspace', async () => {
    const admin = await ctx.makeClient(ctx.seeded.subKey).adminOfCurrent();
    expect(admin).toMatchObject({ has_admin_workspace: true, workspace_name: ctx.seeded.admin.name });
    expect(admin.workspace_group_member_id).toBeTruthy();
    const none = await ctx.makeClient(ctx.seeded.loneKey).adminOfCurrent();
    expect(none).toMatchObject({ has_admin_workspace: false, workspace_name: 'Undefined' });
  });
});
