import { ApiError } from './api-error';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

// Instantly allows 100 requests/s per workspace (docs/instantly-api.md#rate-limits): a few spaced tries are plenty.
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000 };

/**
 * Exponential back-off with full jitter; a server's Retry-After is a floor, never shortened.
 * @param retry 0 for the wait before the second try.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number, retryAfterS?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return retryAfterS === undefined ? jittered : Math.max(retryAfterS * 1000, jittered);
}

export interface RetryOptions {
  policy?: RetryPolicy;
  /**
   * A request that may have reached the server (5xx, connection lost) is repeated only when
   * repeating it is harmless; a 429 was refused before doing anything, so it always may be.
   */
  idempotent: boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'rate-limited') return true;
  return idempotent && (error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout');
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy = DEFAULT_RETRY, idempotent, sleep = wait, random = Math.random } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error, idempotent)) throw error;
      const delay = retryDelayMs(attempt - 1, policy, random, (error as ApiError).retryAfterS);
      // Asked to wait longer than a person waits for a click: say so ("try again in N s") instead.
      if (delay > policy.maxMs) throw error;
      await sleep(delay);
    }
  }
}
