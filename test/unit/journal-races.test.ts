// The invite/remove journal under two actions at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetKey, saveKey } from '@/lib/background/capabilities/connect';
import { invite } from '@/lib/background/capabilities/group/group-actions';
import { begin } from '@/lib/background/capabilities/group/operations';
import { accounts, operations } from '@/lib/common/storage';
import { useFakeApi } from './fake-api-harness';

afterEach(() => vi.restoreAllMocks());

describe('the journal', () => {
  const ctx = useFakeApi({ subWorkspaces: 3 });

  it('two popups inviting the same workspace at once send one invitation', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.clearRequests();
    const invitee = ctx.seeded.invitable[0]!.id;
    const replies = await Promise.all([invite(invitee, ctx.makeClient), invite(invitee, ctx.makeClient)]);
    expect(await ctx.control.requests({ method: 'POST' })).toHaveLength(1);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(await operations.get()).toEqual([]);
  });
  it('forgetting a workspace while another action writes the journal keeps that action’s entry', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const admin = (await accounts.get())[0]!.workspaceId;
    await begin({ kind: 'invite', workspaceId: ctx.seeded.invitable[0]!.id, label: 'gone with it', accountId: admin });
    // Another connected workspace's invite is journalled at the moment Forget has read the journal.
    const other = '019ffad2-0000-7000-8000-0000000000ff';
    const read = operations.get.bind(operations);
    let racing: Promise<unknown> = Promise.resolve();
    vi.spyOn(operations, 'get').mockImplementationOnce(async () => {
      const list = await read();
      racing = begin({ kind: 'invite', workspaceId: ctx.seeded.invitable[1]!.id, label: 'kept', accountId: other });
      // Whatever the journal's own queue lets through runs before Forget goes on.
      await new Promise((resolve) => setImmediate(resolve));
      return list;
    });
    expect(await forgetKey()).toEqual({ ok: true });
    await racing;
    expect((await operations.get()).map((op) => op.label)).toEqual(['kept']);
  });
});
