// The fake Instantly API over plain HTTP in this process, and a client factory pointed at it.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { instantlyClient, type ClientFactory } from '@/lib/providers/instantly/client';
import { FakeApiControl, startFakeApi, type FakeApi, type SeedOptions, type SeedResult } from '../fake-api';

export function useFakeApi(seed: SeedOptions = { subWorkspaces: 12 }) {
  const ctx = {} as { api: FakeApi; control: FakeApiControl; seeded: SeedResult; makeClient: ClientFactory };
  beforeAll(async () => {
    ctx.api = await startFakeApi();
    ctx.control = new FakeApiControl(ctx.api.url);
    // Retries without real waiting, so fault tests stay fast.
    ctx.makeClient = (apiKey) =>
      instantlyClient({ apiKey, baseUrl: ctx.api.url, retry: { attempts: 3, baseMs: 1, maxMs: 4 } });
  });
  beforeEach(async () => {
    await ctx.control.clearFaults();
    ctx.seeded = await ctx.control.seed(seed);
    await ctx.control.clearRequests();
  });
  afterAll(() => ctx.api.close());
  return ctx;
}
