// The one way the extension calls a provider's API: a timeout, no cookies, no cache, no
// redirects (a key must never follow one to another origin), a bounded body, and every failure
// as an ApiError the UI can explain. Instantly's and Unstructured's clients both sit on it.
import { ApiError } from './api-error';

/** A server that never answers must not hold an action (and the ones queued after it) forever. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Far above any real answer (a page of 100 members is ~40 kB); an endless body ends here. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface JsonResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The parsed body, or undefined when it was empty or not JSON. */
  json: unknown;
}

export interface FetchJsonOptions {
  method?: string;
  headers: Record<string, string>;
  body?: unknown;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** A smaller cap than MAX_BODY_BYTES (an answer handed on to a page). */
  maxBodyBytes?: number;
}

export async function fetchJson(url: string, options: FetchJsonOptions): Promise<JsonResponse> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // Fastify refuses an empty JSON body, so content-type goes only with a body (docs/instantly-api.md#errors).
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await doFetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiError(isTimeout(error) ? 'timeout' : 'network');
  }
  // A redirect would carry our headers (the key) to wherever it points: refuse it.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new ApiError('redirected', undefined, response.status);
  }
  let text: string;
  try {
    text = await readBounded(response, options.maxBodyBytes ?? MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(isTimeout(error) ? 'timeout' : 'network');
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, ok: response.ok, headers: response.headers, json };
}

const isTimeout = (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError';

async function readBounded(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError(
        'invalid-response',
        `The answer was larger than ${Math.round((max / 1024 / 1024) * 10) / 10} MB.`,
        response.status,
      );
    }
    text += decoder.decode(value, { stream: true });
  }
}
