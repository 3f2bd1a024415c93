/** What went wrong with a call to a provider's API, in terms the UI can explain. */
export type ApiErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'network'
  /** No answer in time: the call may or may not have taken effect. */
  | 'timeout'
  /** The server pointed elsewhere; not followed, so no key went with it. */
  | 'redirected'
  | 'invalid-response'
  /** A listing that would not end (a cursor handed out for ever); stopped by the extension. */
  | 'endless-list';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** The server's own message, kept so the user sees the reason it gave. */
    readonly serverMessage?: string,
    readonly status?: number,
    /** Seconds the server asked us to wait (Retry-After), if it said. */
    readonly retryAfterS?: number,
  ) {
    super(serverMessage ?? kind);
    this.name = 'ApiError';
  }
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment-required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  return status >= 500 ? 'server' : 'bad-request';
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The ApiError an answer that is not ok stands for: its status, the reason the server gave (read by the provider's own schema), its Retry-After. */
export function apiErrorFrom(response: { status: number; headers: Headers }, serverMessage?: string): ApiError {
  return new ApiError(
    kindForStatus(response.status),
    serverMessage,
    response.status,
    parseRetryAfter(response.headers.get('retry-after')),
  );
}
