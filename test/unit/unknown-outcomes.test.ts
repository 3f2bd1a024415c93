// An invite, removal or leave that got no usable answer (a timeout, a 5xx, a dropped
// connection) may have gone through. The user is told it is being checked, the journal keeps
// it, the next sync settles it from the server's state, and nothing is ever sent twice.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveKey } from '@/lib/background/capabilities/connect';
import { invite, leave, remove, settleInterrupted } from '@/lib/background/capabilities/group/group-actions';
import { syncGroup } from '@/lib/background/capabilities/group/group-sync';
import { begin, markInterrupted } from '@/lib/background/capabilities/group/operations';
import { SETTLE_ALARM } from '@/lib/background/worker/alarms';
import { instantlyClient, type ClientFactory } from '@/lib/providers/instantly/client';
import { group, notices, operations } from '@/lib/common/storage';
import { account } from './one-account';
import { useFakeApi } from './fake-api-harness';

type Failure = 'timeout' | 'html-502' | 'dropped';

/**
 * A client whose next POST or DELETE reaches the server (which applies it) when `applied`, and
 * whose answer is then lost in the way `failure` says.
 */
function losingAnswers(baseUrl: string, failure: Failure, applied = true): ClientFactory {
  return (apiKey) => {
    const doFetch: typeof fetch = async (input, init) => {
      if (init?.method !== 'POST' && init?.method !== 'DELETE') return fetch(input, init);
      if (applied) await fetch(input, init);
      if (failure === 'timeout') throw new DOMException('The operation timed out.', 'TimeoutError');
      if (failure === 'dropped') throw new TypeError('fetch failed');
      return new Response('<html><body>502 Bad Gateway</body></html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      });
    };
    return instantlyClient({
      apiKey,
      baseUrl,
      fetch: doFetch,
      retry: { attempts: 3, baseMs: 1, maxMs: 4 },
      pageIntervalMs: 0,
    });
  };
}

const texts = async () => (await notices.get()).map((n) => n.text);

describe('an action whose answer was lost', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('a removal that timed out but went through: “checking”, the row stays until the next sync confirms it is gone', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    const reply = await remove(sub.membershipId, losingAnswers(ctx.api.url, 'timeout'));
    expect(reply).toEqual({
      ok: false,
      error: `Removing ${sub.name}: Instantly did not answer in time; checking whether it went through…`,
      noticed: true,
    });
    expect(reply.ok ? '' : reply.error).not.toMatch(/was not removed/);
    expect(await operations.get()).toEqual([
      expect.objectContaining({ kind: 'remove', membershipId: sub.membershipId, state: 'unknown', cause: 'no-answer' }),
    ]);
    expect((await group.get()).members.some((m) => m.membershipId === sub.membershipId)).toBe(true);
    // A check is scheduled, not left to the next background refresh.
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toContain(SETTLE_ALARM);

    expect(await syncGroup(ctx.makeClient)).toEqual({ ok: true });
    expect(await operations.get()).toEqual([]);
    expect((await group.get()).members.some((m) => m.membershipId === sub.membershipId)).toBe(false);
    expect(await texts()).toContainEqual(`Removing ${sub.name}: checked with Instantly, it went through.`);
    expect(await ctx.control.requests({ method: 'DELETE' })).toHaveLength(1);
  });

  it('an invite answered with an HTML 502 that never reached the workspace: the sync says it did not go through, and nothing is sent again', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const invitee = ctx.seeded.invitable[0]!;
    const reply = await invite(invitee.id, losingAnswers(ctx.api.url, 'html-502', false));
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Inviting .*: Instantly had a problem answering .*; checking whether it went through…$/,
      ),
    });
    expect(await operations.get()).toEqual([expect.objectContaining({ kind: 'invite', state: 'unknown' })]);
    await syncGroup(ctx.makeClient);
    expect(await operations.get()).toEqual([]);
    expect(await texts()).toContainEqual(
      expect.stringMatching(
        /: checked with Instantly, it did not go through, so nothing changed\. Try again if you still want to\.$/,
      ),
    );
    expect(await ctx.control.requests({ method: 'POST' })).toHaveLength(0);
  });

  it('a leave whose connection dropped after it went through: the sync finds the workspace is in no group any more', async () => {
    await saveKey(ctx.seeded.subKey, false, ctx.makeClient);
    const reply = await leave(losingAnswers(ctx.api.url, 'dropped'));
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Leaving .*: the connection to Instantly broke off.*checking whether it went through…$/,
      ),
    });
    expect(await account.get()).toMatchObject({ kind: 'sub' });
    await syncGroup(ctx.makeClient);
    expect(await account.get()).toMatchObject({ kind: 'standalone' });
    expect(await operations.get()).toEqual([]);
    expect(await texts()).toContainEqual(
      expect.stringMatching(/^Leaving .*: checked with Instantly, it went through\.$/),
    );
  });

  it('while a removal is being checked, removing the same workspace again sends nothing', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await remove(sub.membershipId, losingAnswers(ctx.api.url, 'timeout', false));
    await ctx.control.clearRequests();
    expect(await remove(sub.membershipId, ctx.makeClient)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Still checking whether removing .* went through/),
    });
    expect(await ctx.control.requests({ method: 'DELETE' })).toEqual([]);
  });

  it('a sync that fails keeps the entry: it is settled by the first sync that works', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await remove(sub.membershipId, losingAnswers(ctx.api.url, 'timeout'));
    await ctx.control.fault({ status: 500, count: 20 });
    expect(await syncGroup(ctx.makeClient)).toMatchObject({ ok: false });
    expect(await operations.get()).toHaveLength(1);
    await ctx.control.clearFaults();
    await syncGroup(ctx.makeClient);
    expect(await operations.get()).toEqual([]);
  });

  it('a refusal is still a plain refusal (a 4xx is a known answer): the entry goes', async () => {
    await saveKey(ctx.seeded.adminMemberKey, false, ctx.makeClient);
    const reply = await remove(ctx.seeded.subs[0]!.membershipId, ctx.makeClient);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('was not removed') });
    expect(await operations.get()).toEqual([]);
  });
});

describe('an action cut short by a stopped worker', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('start-up marks it interrupted; if Instantly cannot be asked, it is kept for the next sync', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await ctx.makeClient(ctx.seeded.adminKey).deleteMember(sub.membershipId);
    await begin({ kind: 'remove', membershipId: sub.membershipId, workspaceId: sub.id, label: sub.name ?? sub.id });
    await markInterrupted();
    expect(await operations.get()).toEqual([expect.objectContaining({ state: 'unknown', cause: 'interrupted' })]);
    await ctx.control.offline(true);
    try {
      await settleInterrupted(ctx.makeClient);
    } finally {
      await ctx.control.offline(false);
    }
    expect(await operations.get()).toHaveLength(1);
    await syncGroup(ctx.makeClient);
    expect(await operations.get()).toEqual([]);
    expect(await texts()).toContainEqual(`Removing ${sub.name} was interrupted, but Instantly had already done it.`);
  });

  it('an action begun after start-up is not taken for an interrupted one', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await markInterrupted();
    const sending = await begin({ kind: 'invite', workspaceId: ctx.seeded.invitable[0]!.id, label: 'x' });
    await syncGroup(ctx.makeClient);
    expect(await operations.get()).toEqual([expect.objectContaining({ id: sending.id, state: 'sending' })]);
  });
});
