import { describe, expect, it, vi } from 'vitest';
import { ApiError, parseRetryAfter } from '@/lib/providers/api-error';
import { retryDelayMs, withRetry, type RetryPolicy } from '@/lib/providers/retry';

const policy: RetryPolicy = { attempts: 4, baseMs: 100, maxMs: 1000 };

describe('retry policy', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs(0, policy, () => 0)).toBe(50);
    expect(retryDelayMs(0, policy, () => 1)).toBe(100);
    expect(retryDelayMs(2, policy, () => 1)).toBe(400);
    expect(retryDelayMs(10, policy, () => 1)).toBe(1000);
  });

  it('never waits less than the server’s Retry-After', () => {
    expect(retryDelayMs(0, policy, () => 0, 3)).toBe(3000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('retries a 429 until it succeeds, waiting between tries (fake timers)', async () => {
    vi.useFakeTimers();
    try {
      const call = vi
        .fn<() => Promise<string>>()
        .mockRejectedValueOnce(new ApiError('rate-limited', 'Rate limit exceeded', 429, 2))
        .mockResolvedValueOnce('ok');
      const result = withRetry(call, { idempotent: false, policy: { ...policy, maxMs: 5_000 }, random: () => 0 });
      await vi.advanceTimersByTimeAsync(1999);
      expect(call).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe('ok');
      expect(call).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up after the last try with the last error', async () => {
    const sleep = vi.fn(async () => undefined);
    const call = vi.fn(async () => {
      throw new ApiError('server', undefined, 503);
    });
    await expect(withRetry(call, { idempotent: true, policy, sleep })).rejects.toMatchObject({ kind: 'server' });
    expect(call).toHaveBeenCalledTimes(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it('does not repeat a request that may have reached the server unless it is idempotent', async () => {
    const call = vi.fn(async () => {
      throw new ApiError('network');
    });
    await expect(withRetry(call, { idempotent: false, policy, sleep: async () => {} })).rejects.toMatchObject({
      kind: 'network',
    });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('does not wait longer than a click is worth: a long Retry-After ends the tries at once', async () => {
    const sleep = vi.fn(async () => undefined);
    const call = vi.fn(async () => {
      throw new ApiError('rate-limited', undefined, 429, 60);
    });
    await expect(withRetry(call, { idempotent: true, policy, sleep })).rejects.toMatchObject({ retryAfterS: 60 });
    expect(call).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('does not retry a refusal such as 403', async () => {
    const call = vi.fn(async () => {
      throw new ApiError('forbidden', 'no', 403);
    });
    await expect(withRetry(call, { idempotent: true, policy, sleep: async () => {} })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(call).toHaveBeenCalledTimes(1);
  });
});
