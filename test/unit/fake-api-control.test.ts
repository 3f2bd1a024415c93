// The fake's own machinery: request log, faults, latency, offline, seeding, CORS, the page
// hosts, Unstructured, and TLS under the real host names.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificate } from '../fake-api/cert';
import { call, FakeApiControl } from '../fake-api/client';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';

const CURRENT = '/api/v2/workspaces/current';
const UNSTRUCTURED = 'platform.unstructuredapp.io';

let api: FakeApi;
let control: FakeApiControl;
let seed: SeedResult;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  api = await startFakeApi();
  control = new FakeApiControl(api.url);
});
afterAll(() => api.close());
beforeEach(async () => {
  await control.reset();
  seed = await control.seed({ subWorkspaces: 6, unstructuredWorkspaces: ['Production pipelines', 'Research sandbox'] });
});

describe('request log', () => {
  it('records every API request with all its headers, before auth, with the status it got', async () => {
    const sub = seed.subs.find((s) => s.status === 'accepted');
    await call(api.url, `${CURRENT}?x=1`, {
      host: 'api.instantly.ai',
      headers: { 'x-as-workspace': sub?.id ?? '', 'X-Custom': 'A' },
    });
    await call(api.url, CURRENT, { headers: bearer(seed.adminKey) });
    const log = await control.requests();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      method: 'GET',
      host: 'api.instantly.ai',
      path: CURRENT,
      query: { x: '1' },
      status: 401,
      headers: { 'x-as-workspace': sub?.id, 'x-custom': 'A' },
    });
    expect(log[1]?.headers.authorization).toBe(`Bearer ${seed.adminKey}`);
    expect(log[1]?.status).toBe(200);
    expect(log[1]?.time).toBeGreaterThanOrEqual(log[0]?.time ?? Infinity);
    // Control requests themselves are not logged; filters work; the log can be cleared.
    expect(await control.requests({ host: 'api.instantly.ai' })).toHaveLength(1);
    expect(await control.clearRequests()).toEqual({ cleared: 2 });
    expect(await control.requests()).toEqual([]);
  });

  it('records the body of a request', async () => {
    await call(api.url, '/api/v2/workspace-group-members', {
      method: 'POST',
      headers: bearer(seed.adminKey),
      body: { sub_workspace_id: seed.invitable[0]?.id },
    });
    const [entry] = await control.requests({ method: 'POST' });
    expect(JSON.parse(entry?.body ?? '')).toEqual({ sub_workspace_id: seed.invitable[0]?.id });
  });
});

describe('faults, latency and offline', () => {
  it('the next n matching requests fail with the documented body and Retry-After, then all is well', async () => {
    await control.fault({ status: 429, count: 2, retryAfter: 3, path: '/api/v2/workspaces' });
    const other = await call(api.url, '/api/v2/workspace-group-members', { headers: bearer(seed.adminKey) });
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const limited = await call(api.url, CURRENT, { headers: bearer(seed.adminKey) });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('3');
      expect(limited.json).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' });
    }
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(200);
    const statuses = (await control.requests({ path: CURRENT })).map((e) => e.status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('500 and 503 come in the host’s own error shape; faults can be cleared', async () => {
    await control.fault({ status: 500, count: 1 });
    await control.fault({ status: 503, count: 1 });
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).json).toMatchObject({ statusCode: 500 });
    const unstructured = await call(api.url, '/api/v1/workflows/', { host: UNSTRUCTURED });
    expect(unstructured.status).toBe(503);
    expect(unstructured.json).toEqual({ detail: 'Service Unavailable' });
    await control.fault({ status: 500, count: 5 });
    await control.clearFaults();
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(200);
  });

  it('refuses a fault it does not know', async () => {
    const res = await call(api.url, '/__control/faults', { method: 'POST', body: { status: 418, count: 1 } });
    expect(res.status).toBe(400);
  });

  it('latency delays API answers', async () => {
    await control.latency(150);
    const started = performance.now();
    await call(api.url, CURRENT, { headers: bearer(seed.adminKey) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await control.latency(0);
  });

  it('offline drops API connections unanswered; control routes and pages still answer', async () => {
    await control.offline(true);
    await expect(call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).rejects.toThrow();
    await expect(call(api.url, '/api/v1/workflows/', { host: UNSTRUCTURED })).rejects.toThrow();
    expect((await call(api.url, '/', { host: 'app.instantly.ai' })).status).toBe(200);
    const [entry] = await control.requests({ host: '127.0.0.1' });
    expect(entry?.status).toBeNull();
    expect((await control.state()).conditions.offline).toBe(true);
    await control.offline(false);
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(200);
  });
});

describe('seeding and state', () => {
  it('POST /__control/seed replaces the store and is deterministic', async () => {
    const again = await control.seed({
      subWorkspaces: 6,
      unstructuredWorkspaces: ['Production pipelines', 'Research sandbox'],
    });
    expect(again).toEqual(seed);
    const state = await control.state();
    expect(state.memberships).toHaveLength(6);
    expect(state.workspaces.find((w) => w.id === seed.admin.id)?.name).toBe(seed.admin.name);
    const bigger = await control.seed({ subWorkspaces: 45, namePrefix: 'Client ', nullNameEvery: 10 });
    expect(bigger.subs.map((s) => s.name).filter((n) => n === null)).toHaveLength(4);
    expect(bigger.subs[0]?.name).toBe('Client Acme Outbound');
    expect(new Set(bigger.subs.map((s) => s.name)).size).toBe(41 + 1); // 41 named, all different, plus null
    expect((await control.state()).memberships).toHaveLength(45);
  });

  it('most subs are accepted, some pending and rejected', () => {
    const counts = seedAgency(api.store, { subWorkspaces: 25 }).subs.reduce<Record<string, number>>(
      (acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }),
      {},
    );
    // Defaults: every 6th pending (6, 12, 18, 24), every 9th rejected unless pending (9).
    expect(counts).toEqual({ accepted: 20, pending: 4, rejected: 1 });
  });

  it('a workspace can lose its paid plan, and a key can be revoked, from outside', async () => {
    await control.setWorkspace(seed.admin.id, { paid: false });
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(402);
    await control.setWorkspace(seed.admin.id, { paid: true });
    await control.revokeKey(seed.adminKey);
    expect((await call(api.url, CURRENT, { headers: bearer(seed.adminKey) })).status).toBe(401);
  });
});

describe('CORS and pages', () => {
  it('answers preflights for the headers the extension and pages use', async () => {
    for (const host of ['api.instantly.ai', UNSTRUCTURED]) {
      const res = await call(api.url, CURRENT, {
        method: 'OPTIONS',
        host,
        headers: {
          origin: 'https://app.instantly.ai',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.instantly.ai');
      const allowed = String(res.headers['access-control-allow-headers']).split(/,\s*/);
      expect(allowed).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-as-workspace', 'unstructured-api-key']),
      );
      expect(String(res.headers['access-control-allow-methods'])).toMatch(/GET.*POST.*DELETE.*PATCH.*OPTIONS/);
    }
    expect((await control.requests({ method: 'OPTIONS' })).length).toBe(2);
  });

  it('every response carries Access-Control-Allow-Origin, errors included', async () => {
    const res = await call(api.url, CURRENT, { headers: { origin: 'https://other.example' } });
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe('https://other.example');
  });

  it('other hosts get a tiny HTML page at any path', async () => {
    for (const host of ['app.instantly.ai', 'developer.instantly.ai', 'other.example']) {
      const res = await call(api.url, '/any/path?q=1', { host });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toBe(`<!doctype html><title>${host}</title><p>fake page</p>`);
    }
  });
});

describe('Unstructured', () => {
  const unstructured = (path: string, key?: string) =>
    call(api.url, path, { host: UNSTRUCTURED, headers: key === undefined ? {} : { 'unstructured-api-key': key } });

  it('a valid key lists its own workspace’s workflows and jobs as bare arrays', async () => {
    const [prod, research] = seed.unstructuredKeys;
    const workflows = await unstructured('/api/v1/workflows/', prod?.key);
    expect(workflows.status).toBe(200);
    expect(Array.isArray(workflows.json)).toBe(true);
    const list = workflows.json as {
      id: string;
      name: string;
      status: string;
      sources: unknown[];
      created_at: string;
    }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((w) => w.name.startsWith('Production pipelines'))).toBe(true);
    expect(list[0]).toMatchObject({ status: 'active', sources: expect.any(Array), created_at: expect.any(String) });
    const other = (await unstructured('/api/v1/workflows/', research?.key)).json as { id: string }[];
    expect(other.map((w) => w.id)).not.toContain(list[0]?.id);

    const jobs = (await unstructured('/api/v1/jobs/', prod?.key)).json as { workflow_id: string; status: string }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => list.some((w) => w.id === j.workflow_id))).toBe(true);
    // The cheap validation call, with and without the trailing slash
    // (docs/instantly-api.md#unstructured-list-endpoints).
    expect((await unstructured('/api/v1/workflows/?page=1&page_size=1', prod?.key)).json).toHaveLength(1);
    expect((await unstructured('/api/v1/workflows', prod?.key)).status).toBe(200);
  });

  it('a missing or wrong key is 401 with the documented detail', async () => {
    const detail = { detail: 'API key is malformed, please type the API key correctly in the header.' };
    const missing = await unstructured('/api/v1/workflows/');
    expect([missing.status, missing.json]).toEqual([401, detail]);
    const wrong = await unstructured('/api/v1/jobs/', seed.adminKey);
    expect([wrong.status, wrong.json]).toEqual([401, detail]);
  });

  it('any other path is 404 Not Found', async () => {
    const res = await unstructured('/api/v1/workspaces/', seed.unstructuredKeys[0]?.key);
    expect([res.status, res.json]).toEqual([404, { detail: 'Not Found' }]);
    expect((await unstructured('/general/v0/general')).status).toBe(404);
  });
});

describe('TLS under the real host names', () => {
  it('serves https with a certificate for every fake host, and gives its SPKI hash', async () => {
    const cert = makeCertificate([
      'api.instantly.ai',
      'app.instantly.ai',
      'platform.unstructuredapp.io',
      'localhost',
      '127.0.0.1',
    ]);
    expect(
      makeCertificate([
        'api.instantly.ai',
        'app.instantly.ai',
        'platform.unstructuredapp.io',
        'localhost',
        '127.0.0.1',
      ]),
    ).toBe(cert);
    expect(new X509Certificate(cert.cert).subjectAltName).toContain('DNS:api.instantly.ai');
    expect(cert.spki).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const secure = await startFakeApi({ tls: cert, store: api.store });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await call(secure.url, CURRENT, {
        host: 'api.instantly.ai',
        ca: cert.cert,
        headers: bearer(seed.adminKey),
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: seed.admin.id });
    } finally {
      await secure.close();
    }
  });
});
