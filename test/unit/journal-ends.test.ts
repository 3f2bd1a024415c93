// Every journal entry ends (issue 18, "What must hold"): whatever else fails after an action,
// its entry in the invite/remove journal does not stay behind to refuse the next try.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveKey } from '@/lib/background/capabilities/connect';
import { invite } from '@/lib/background/capabilities/group/group-actions';
import { stopRetrying } from '@/lib/background/projection/reconcile';
import { RulesNotApplied } from '@/lib/background/worker/errors';
import { whenIdle } from '@/lib/background/worker/queue';
import { operations } from '@/lib/common/storage';
import { sharedDnr } from './fake-dnr';
import { useFakeApi } from './fake-api-harness';

afterEach(async () => {
  vi.restoreAllMocks();
  stopRetrying();
  await whenIdle();
});

describe('the journal', () => {
  const ctx = useFakeApi({ subWorkspaces: 3 });

  it('ends an invitation Instantly made when the browser then refuses the rules, so inviting again is not refused', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const invitee = ctx.seeded.invitable[0]!.id;
    vi.spyOn(sharedDnr.api, 'getDynamicRules').mockRejectedValue(new Error('Internal error.'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused = await invite(invitee, ctx.makeClient).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RulesNotApplied);
    expect(await ctx.control.requests({ method: 'POST' })).toHaveLength(1);
    expect(await operations.get()).toEqual([]);
  });
});
