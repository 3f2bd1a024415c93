// Node-side helpers for tests: one raw HTTP(S) call to the fake under any Host name (fetch
// cannot set Host), and a typed client for the control routes.
import http from 'node:http';
import https from 'node:https';
import type { AccountInput, Fault, RequestLogEntry } from './control';
import type { AccountBody } from './glance';
import type { SeedOptions, SeedResult } from './seed';
import type { ApiKeyRecord, StoreSnapshot, WorkspaceBody, WorkspaceGroupMemberBody } from './store';

export interface CallOptions {
  method?: string;
  /** Host header to send (default: the one in the URL). */
  host?: string;
  headers?: Record<string, string>;
  /** A string is sent as-is; anything else as JSON with content-type application/json. */
  body?: unknown;
  /** PEM of the fake's certificate, to trust it over https. */
  ca?: string;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** One request to `baseUrl + path`; resolves with whatever comes back, rejects on a network error. */
export function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.host) headers.host = options.host;
  let payload: string | undefined;
  if (typeof options.body === 'string') payload = options.body;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: options.method ?? 'GET',
        headers,
        ca: options.ca,
        // The certificate names the fake hosts; the connection goes to 127.0.0.1 anyway.
        servername: options.host && !/^[\d.]+$/.test(options.host) ? options.host : undefined,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The control routes (control.ts), typed. Throws when a control call is refused. */
export class FakeApiControl {
  constructor(
    readonly baseUrl: string,
    private readonly ca?: string,
  ) {}

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await call(this.baseUrl, `/__control/${path}`, { method, body, ca: this.ca });
    if (result.status >= 400) throw new Error(`control ${method} ${path}: ${result.status} ${result.text}`);
    return result.json as T;
  }

  requests(filter: { host?: string; path?: string; method?: string } = {}): Promise<RequestLogEntry[]> {
    const query = new URLSearchParams(
      Object.entries(filter as Record<string, string | undefined>).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    return this.send('GET', `requests${query.size ? `?${query}` : ''}`);
  }
  clearRequests(): Promise<{ cleared: number }> {
    return this.send('DELETE', 'requests');
  }
  accept(membershipId: string): Promise<WorkspaceGroupMemberBody> {
    return this.send('POST', `memberships/${membershipId}/accept`);
  }
  reject(membershipId: string): Promise<WorkspaceGroupMemberBody> {
    return this.send('POST', `memberships/${membershipId}/reject`);
  }
  fault(fault: Fault): Promise<{ faults: Fault[] }> {
    return this.send('POST', 'faults', fault);
  }
  clearFaults(): Promise<{ faults: Fault[] }> {
    return this.send('DELETE', 'faults');
  }
  latency(ms: number): Promise<{ ms: number }> {
    return this.send('POST', 'latency', { ms });
  }
  offline(on: boolean): Promise<{ on: boolean }> {
    return this.send('POST', 'offline', { on });
  }
  seed(options: SeedOptions): Promise<SeedResult> {
    return this.send('POST', 'seed', options);
  }
  reset(): Promise<{ reset: true }> {
    return this.send('POST', 'reset');
  }
  state(): Promise<StoreSnapshot & { conditions: { faults: Fault[]; latencyMs: number; offline: boolean } }> {
    return this.send('GET', 'state');
  }
  /** `deniedScopes`: calls answered as this workspace that need one of them get a 403 (control.ts). */
  setWorkspace(
    id: string,
    patch: { paid?: boolean; name?: string | null; deniedScopes?: string[] },
  ): Promise<WorkspaceBody> {
    return this.send('POST', `workspaces/${id}`, patch);
  }
  /** What the glance endpoints answer for a workspace; `accounts` replaces its list. */
  setGlance(
    id: string,
    patch: { unread?: number; launched?: number; accounts?: AccountInput[] },
  ): Promise<{ unread: number; launched: number; accounts: AccountBody[] }> {
    return this.send('POST', `workspaces/${id}/glance`, patch);
  }
  revokeKey(key: string): Promise<{ revoked: string }> {
    return this.send('POST', 'keys/revoke', { key });
  }
  /** Replaces a key's scopes, e.g. the admin key without `emails:read`. */
  setKeyScopes(key: string, scopes: string[]): Promise<ApiKeyRecord> {
    return this.send('POST', 'keys/scopes', { key, scopes });
  }
}
