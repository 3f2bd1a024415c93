// The invite/remove journal under two actions at once.
import { describe, expect, it } from 'vitest';
import { saveKey } from '@/lib/background/capabilities/connect';
import { invite } from '@/lib/background/capabilities/group/group-actions';
import { operations } from '@/lib/common/storage';
import { useFakeApi } from './fake-api-harness';

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
});
