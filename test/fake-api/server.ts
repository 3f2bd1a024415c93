// The fake as a real HTTP(S) server: routes by Host header to Instantly, Unstructured or the
// pages (pages.ts), logs every request before anything else looks at it, and applies the conditions
// (faults, latency, offline) that the control routes set.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { call } from './client';
import {
  CONTROL_PREFIX,
  Conditions,
  faultResponse,
  handleControl,
  isAnswering,
  isListFault,
  type Fault,
} from './control';
import { INSTANTLY_API_HOSTS, UNSTRUCTURED_API_HOSTS } from './hosts';
import {
  corsHeaders,
  errorResponse,
  headerValue,
  hostWithoutPort,
  preflightHeaders,
  type FakeRequest,
  type FakeResponse,
} from './http';
import { handleInstantly } from './instantly';
import { handlePage, type Relay } from './pages';
import { Store } from './store';
import { handleUnstructured } from './unstructured';

export interface StartFakeApiOptions {
  /** 0 (default) for a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** PEM key and certificate (see cert.ts); without them the server speaks plain HTTP. */
  tls?: { key: string; cert: string };
  store?: Store;
  /** Host names answered as Instantly (default INSTANTLY_API_HOSTS). */
  instantlyHosts?: readonly string[];
  /** Host names answered as Unstructured, e.g. an account's own API host (default UNSTRUCTURED_API_HOSTS). */
  unstructuredHosts?: readonly string[];
}

export interface FakeApi {
  /** e.g. http://127.0.0.1:41234 (https with tls). */
  url: string;
  port: number;
  store: Store;
  /** Log, faults, latency, offline: the same state the control routes change. */
  conditions: Conditions;
  close(): Promise<void>;
}

type Service = 'control' | 'instantly' | 'unstructured' | 'page';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeApi(opts: StartFakeApiOptions = {}): Promise<FakeApi> {
  const store = opts.store ?? new Store();
  const conditions = new Conditions();
  const instantlyHosts = new Set(opts.instantlyHosts ?? INSTANTLY_API_HOSTS);
  const unstructuredHosts = new Set(opts.unstructuredHosts ?? UNSTRUCTURED_API_HOSTS);

  const serviceFor = (host: string, path: string): Service => {
    if (path.startsWith(CONTROL_PREFIX)) return 'control';
    if (instantlyHosts.has(host)) return 'instantly';
    if (unstructuredHosts.has(host)) return 'unstructured';
    return 'page';
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const host = hostWithoutPort(req.headers.host);
    const method = req.method ?? 'GET';
    const origin = headerValue(req.headers, 'origin');
    const service = serviceFor(host, url.pathname);

    // Logged before auth, faults or anything else, so a test sees exactly what arrived.
    const entry =
      service === 'control'
        ? undefined
        : conditions.record({
            method,
            host,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: Object.fromEntries(
              Object.keys(req.headers).map((name) => [name, headerValue(req.headers, name) ?? '']),
            ),
            body: '',
            time: performance.timeOrigin + performance.now(),
            status: null,
          });

    const isApi = service === 'instantly' || service === 'unstructured';
    if (isApi) {
      // Offline: the connection dies without an answer, as when the network is gone.
      if (conditions.offline) return void req.socket.destroy();
      if (conditions.latencyMs > 0) await sleep(conditions.latencyMs);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a test may go offline during the wait
      if (conditions.offline) return void req.socket.destroy();
    }

    let response: FakeResponse;
    if (method === 'OPTIONS') {
      response = { status: 204, headers: preflightHeaders(origin) };
    } else {
      // [inference] Faults spare CORS preflights: a failed preflight would hide the status
      // from the page, and the point of a fault is to show the client that status.
      const fault = isApi ? conditions.takeFault(method, url.pathname) : undefined;
      const flavour = service === 'unstructured' ? 'unstructured' : 'instantly';
      if (fault && isAnswering(fault)) {
        req.resume();
        response = faultResponse(fault, flavour);
      } else {
        const body = await readBody(req);
        if (entry) entry.body = body;
        const request: FakeRequest = {
          method,
          host,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        response = await route(service, request, fault);
        if (fault?.kind === 'apply-then-fail' || fault?.kind === 'apply-then-hold') {
          if (entry) entry.handledStatus = response.status;
          if (fault.kind === 'apply-then-fail') {
            response = faultResponse(fault, flavour);
          } else if (!(await heldUntilClosed(res, fault.holdMs))) {
            // The client gave up waiting: the change is made and nobody hears of it.
            return;
          }
        }
      }
    }
    if (entry) entry.status = response.status;
    write(res, response, origin);
  }

  function route(service: Service, req: FakeRequest, fault?: Fault): FakeResponse | Promise<FakeResponse> {
    switch (service) {
      case 'control':
        return handleControl(store, conditions, req);
      case 'instantly':
        return handleInstantly(
          store,
          req,
          fault && isListFault(fault) ? { fault, nextPhantom: () => conditions.nextPhantom() } : undefined,
        );
      case 'unstructured':
        return handleUnstructured(store, req);
      case 'page':
        return handlePage(req, relay, apiHosts);
    }
  }

  // A call a page relays (pages.ts: the Mintlify proxy) goes to this very server over the network,
  // under the API's host name, so it is logged and meets the conditions like any other call.
  const apiHosts: ReadonlySet<string> = new Set([...instantlyHosts, ...unstructuredHosts]);
  const relay: Relay = async ({ method, url, headers, body }) => {
    const self = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await call(self, `${url.pathname}${url.search}`, {
      method,
      host: url.hostname,
      headers,
      body,
      ca: opts.tls?.cert,
    });
    const passed: Record<string, string> = {};
    const retryAfter = result.headers['retry-after'];
    if (typeof retryAfter === 'string') passed['retry-after'] = retryAfter;
    if (result.json !== undefined) return { status: result.status, json: result.json, headers: passed };
    if (result.text !== '') return { status: result.status, html: result.text, headers: passed };
    return { status: result.status, headers: passed };
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    answer(req, res).catch((error: unknown) => {
      console.error('fake-api: unexpected error', error);
      if (!res.headersSent) write(res, errorResponse(500, 'Internal Server Error'), headerValue(req.headers, 'origin'));
      else res.destroy();
    });
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener)
    : http.createServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    store,
    conditions,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Waits `ms` before an answer is written; false when the client closed the connection first.
 * The timer does not keep the process alive, so a long hold never delays a test run's end.
 */
function heldUntilClosed(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    timer.unref();
    res.once('close', onClose);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, response: FakeResponse, origin: string | undefined): void {
  const headers: Record<string, string> = { ...corsHeaders(origin), ...response.headers };
  let payload: string | undefined;
  if (response.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8';
    payload = response.html;
  } else if (response.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    payload = JSON.stringify(response.json);
  }
  res.writeHead(response.status, headers);
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}
