// The glance against the fake API over HTTP: what arrives at the server, and what is stored.
import { describe, expect, it } from 'vitest';
import { saveKey } from '@/lib/background/capabilities/connect';
import { refreshGlance } from '@/lib/background/capabilities/glance';
import { glanceClient } from '@/lib/providers/instantly/glance-client';
import { pacer } from '@/lib/providers/pacer';
import { glances } from '@/lib/common/storage';
import { useFakeApi } from './fake-api-harness';

const GLANCE_PATHS = ['/api/v2/emails/unread/count', '/api/v2/campaigns/count-launched', '/api/v2/accounts'];

describe('the glance, at the fake API', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });
  // The real limits, minus the waiting: these tests are about what is asked, not the pace.
  const deps = () => ({
    makeClient: (apiKey: string) => glanceClient({ apiKey, baseUrl: ctx.api.url }),
    pacer: pacer({ limits: [{ count: 1_000, windowMs: 1_000 }] }),
  });

  it('every call carries the admin key and an accepted sub workspace’s id; none for pending or rejected ones', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.clearRequests();
    expect(await refreshGlance(deps())).toEqual({ ok: true });

    const accepted = ctx.seeded.subs.filter((s) => s.status === 'accepted');
    const others = ctx.seeded.subs.filter((s) => s.status !== 'accepted').map((s) => s.id);
    expect(others.length).toBeGreaterThan(0);
    const calls = (await ctx.control.requests()).filter((r) => GLANCE_PATHS.includes(r.path));
    expect(calls.length).toBe(accepted.length * 3);
    for (const call of calls) {
      expect(call.headers.authorization).toBe(`Bearer ${ctx.seeded.adminKey}`);
      expect(accepted.map((s) => s.id)).toContain(call.headers['x-as-workspace']);
      expect(call.status).toBe(200);
    }
    expect(calls.filter((c) => others.includes(c.headers['x-as-workspace'] ?? ''))).toEqual([]);

    const byWorkspace = await glances.get();
    for (const sub of accepted) {
      expect(byWorkspace[sub.id]).toMatchObject({
        unread: sub.glance.unread,
        launched: sub.glance.launched,
        trouble: sub.glance.accountsInTrouble,
      });
    }
    const troubled = accepted.find((s) => s.glance.accountsInTrouble > 0)!;
    expect(byWorkspace[troubled.id]!.troubled![0]!.reason).toMatch(
      /connection error: 535 5.7.8 Username and Password not accepted|warmup banned/,
    );
  });

  it('a scope refused to one workspace shows on that workspace only, naming it', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const [first, second] = ctx.seeded.subs.filter((s) => s.status === 'accepted');
    await ctx.control.setWorkspace(first!.id, { deniedScopes: ['emails:read'] });
    await refreshGlance(deps());
    const byWorkspace = await glances.get();
    expect(byWorkspace[first!.id]).toMatchObject({
      launched: first!.glance.launched,
      error: 'This key can’t read unread replies: it needs the scope emails:read.',
    });
    expect(byWorkspace[first!.id]!.unread).toBeUndefined();
    expect(byWorkspace[second!.id]).toEqual({
      fetchedAt: expect.any(Number),
      unread: second!.glance.unread,
      launched: second!.glance.launched,
      trouble: second!.glance.accountsInTrouble,
      ...(second!.glance.accountsInTrouble ? { troubled: expect.any(Array) } : {}),
    });
  });

  it('a key without accounts:read: every workspace says so, with the others’ figures', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.setKeyScopes(ctx.seeded.adminKey, [
      'workspace_group_members:read',
      'workspaces:read',
      'emails:read',
      'campaigns:read',
    ]);
    await refreshGlance(deps());
    const figures = Object.values(await glances.get());
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(f.error).toBe('This key can’t read sending accounts: it needs the scope accounts:read.');
      expect(f.unread).toEqual(expect.any(Number));
    }
  });
});
