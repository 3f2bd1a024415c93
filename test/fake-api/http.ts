// The small HTTP vocabulary the fake's handlers share: a request as read off the wire, a
// response to write, Instantly's error body, and CORS.
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';

export interface FakeRequest {
  method: string;
  /** Host header without the port, lower-cased. */
  host: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw request body ('' when there is none). */
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless `html` is set. Absent for 204. */
  json?: unknown;
  html?: string;
}

/** Instantly's (Fastify's) error body: all three fields, always (docs/instantly-api.md#errors). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export function errorBody(status: number, message: string): ErrorBody {
  return { statusCode: status, error: reasonPhrase(status), message };
}

export function errorResponse(status: number, message: string, headers?: Record<string, string>): FakeResponse {
  return { status, json: errorBody(status, message), headers };
}

export function jsonResponse(json: unknown, status = 200): FakeResponse {
  return { status, json };
}

/** One header value, whether Node gave a string or (for repeated headers) an array. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

// [inference] Nothing says whether api.instantly.ai sends CORS headers
// (docs/instantly-api.md#cors). The fake does, so a page on app.instantly.ai or other.example can call it in browser tests;
// whether the extension's header reaches the server is then what the tests observe.
export const CORS_ALLOW_HEADERS = 'authorization, content-type, x-as-workspace, unstructured-api-key';
export const CORS_ALLOW_METHODS = 'GET, POST, DELETE, PATCH, OPTIONS';

export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin ?? '*',
    vary: 'Origin',
    // Retry-After is not a CORS-safelisted response header: without this a page could not read it.
    'access-control-expose-headers': 'retry-after',
  };
}

export function preflightHeaders(origin: string | undefined): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-headers': CORS_ALLOW_HEADERS,
    'access-control-allow-methods': CORS_ALLOW_METHODS,
  };
}

/** Host header without its port (also for `[::1]:8443`), lower-cased. */
export function hostWithoutPort(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
