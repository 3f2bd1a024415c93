// The page hosts: a tiny page anywhere, the model of Mintlify's API playground proxy on
// developer.instantly.ai (a relayed call goes out with the envelope's headers only), and the
// "Who am I?" demo page on app.instantly.ai, run in happy-dom against the fake.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificate } from '../fake-api/cert';
import { call, FakeApiControl } from '../fake-api/client';
import { DEMO_PAGE } from '../fake-api/pages';
import { seedAgency, type SeedResult, type SeededSub } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';

const PROXY = '/_mintlify/api/request';
const DOCS = 'developer.instantly.ai';
const CURRENT_URL = 'https://api.instantly.ai/api/v2/workspaces/current';

let api: FakeApi;
let control: FakeApiControl;
let seed: SeedResult;
let sub: SeededSub;

const viaProxy = (envelope: unknown, browserHeaders: Record<string, string> = {}) =>
  call(api.url, PROXY, { method: 'POST', host: DOCS, headers: browserHeaders, body: envelope });

beforeAll(async () => {
  api = await startFakeApi();
  control = new FakeApiControl(api.url);
});
afterAll(() => api.close());
beforeEach(() => {
  seed = seedAgency(api.store, { subWorkspaces: 6 });
  api.conditions.reset();
  const accepted = seed.subs.find((s) => s.status === 'accepted');
  if (!accepted) throw new Error('no accepted sub');
  sub = accepted;
});

describe('tiny pages', () => {
  it('any other path or host keeps the tiny page; pages answer GET only', async () => {
    for (const [host, path] of [
      [DOCS, PROXY],
      ['other.example', '/demo'],
      [DOCS, '/demo'],
      ['app.instantly.ai', '/page?x=1'],
    ]) {
      const res = await call(api.url, path ?? '/', { host });
      expect(res.text, `${host}${path}`).toBe(`<!doctype html><title>${host}</title><p>fake page</p>`);
    }
    expect((await call(api.url, PROXY, { method: 'POST', host: 'app.instantly.ai', body: {} })).status).toBe(405);
    expect((await call(api.url, '/demo', { method: 'POST', host: 'app.instantly.ai', body: {} })).status).toBe(405);
  });
});

describe('the Mintlify playground proxy on developer.instantly.ai', () => {
  it('relays with the envelope’s headers only: an x-as-workspace on the POST itself does not go along', async () => {
    const res = await viaProxy(
      { method: 'GET', url: CURRENT_URL, headers: { Authorization: `Bearer ${seed.adminKey}` } },
      { 'x-as-workspace': sub.id, origin: `https://${DOCS}` },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: seed.admin.id, name: seed.admin.name });

    const log = await control.requests();
    expect(log.map((e) => [e.method, e.host, e.path])).toEqual([
      ['POST', DOCS, PROXY],
      ['GET', 'api.instantly.ai', '/api/v2/workspaces/current'],
    ]);
    expect(log[0]?.headers['x-as-workspace']).toBe(sub.id);
    expect(log[1]?.headers['x-as-workspace']).toBeUndefined();
    expect(log[1]?.headers).toMatchObject({
      authorization: `Bearer ${seed.adminKey}`,
      via: '1.1 mintlify-proxy (fake)',
    });
    expect(log[1]?.status).toBe(200);
  });

  it('an x-as-workspace inside the envelope does go along', async () => {
    const res = await viaProxy({
      method: 'GET',
      url: CURRENT_URL,
      header: { Authorization: `Bearer ${seed.adminKey}`, 'x-as-workspace': sub.id },
    });
    expect(res.json).toMatchObject({ id: sub.id });
  });

  it('relays a body and the API’s refusals, faults included', async () => {
    const invitee = seed.invitable[0]?.id ?? '';
    const post = {
      method: 'post',
      url: 'https://api.instantly.ai/api/v2/workspace-group-members',
      headers: { authorization: `Bearer ${seed.adminKey}` },
      body: { sub_workspace_id: invitee },
    };
    const created = await viaProxy(post);
    expect([created.status, (created.json as { status: string }).status]).toEqual([200, 'pending']);
    const [relayed] = await control.requests({ host: 'api.instantly.ai' });
    expect(JSON.parse(relayed?.body ?? '')).toEqual({ sub_workspace_id: invitee });
    expect((await viaProxy(post)).status).toBe(409);
    expect((await viaProxy({ method: 'GET', url: CURRENT_URL })).json).toMatchObject({ statusCode: 401 });
    await control.fault({ status: 429, count: 1, retryAfter: 4 });
    const limited = await viaProxy({
      method: 'GET',
      url: CURRENT_URL,
      headers: { Authorization: `Bearer ${seed.adminKey}` },
    });
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '4']);
  });

  it('a bad envelope or a host the fake does not serve is a 400; an unreachable API a 502', async () => {
    for (const body of [
      'not json',
      { url: CURRENT_URL },
      { method: 'GET', url: 'not a url' },
      { method: 'GET', url: 'https://example.com/' },
    ]) {
      const res = await viaProxy(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { message: string }).message).toEqual(expect.any(String));
    }
    await control.offline(true);
    const res = await viaProxy({
      method: 'GET',
      url: CURRENT_URL,
      headers: { Authorization: `Bearer ${seed.adminKey}` },
    });
    expect(res.status).toBe(502);
    await control.offline(false);
  });

  it('relays over TLS too, as in the browser tests', async () => {
    const cert = makeCertificate();
    const secure = await startFakeApi({ tls: cert, store: api.store });
    try {
      const res = await call(secure.url, PROXY, {
        method: 'POST',
        host: DOCS,
        ca: cert.cert,
        body: { method: 'GET', url: CURRENT_URL, headers: { Authorization: `Bearer ${seed.adminKey}` } },
      });
      expect([res.status, (res.json as { id: string }).id]).toEqual([200, seed.admin.id]);
    } finally {
      await secure.close();
    }
  });
});

describe('the "Who am I?" demo page on app.instantly.ai', () => {
  /** The page in happy-dom, its fetch sent to the fake under the real host name. */
  async function openDemo(fragment = '') {
    const window = new Window({
      url: `https://app.instantly.ai/demo${fragment}`,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    const fetched: { url: string; headers: Record<string, string> }[] = [];
    (window as unknown as { fetch: unknown }).fetch = async (
      url: string,
      init: { headers: Record<string, string> },
    ) => {
      fetched.push({ url, headers: init.headers });
      const target = new URL(url);
      const result = await call(api.url, target.pathname, { host: target.hostname, headers: init.headers });
      return new Response(result.text, {
        status: result.status,
        headers: { 'content-type': String(result.headers['content-type']) },
      });
    };
    const page = await call(api.url, '/demo', { host: 'app.instantly.ai' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    window.document.write(page.text);
    await window.happyDOM.waitUntilComplete();
    const document = window.document;
    const get = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector}`);
      return element;
    };
    const answered = async () => {
      for (let i = 0; i < 200 && !get('[role="status"]').textContent && !get('[role="alert"]').textContent; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    return { window, document, get, fetched, answered };
  }

  it('is served as the page the fake sends, with a labelled textbox, a button and live regions', async () => {
    const res = await call(api.url, '/demo', { host: 'app.instantly.ai' });
    expect(res.text).toBe(DEMO_PAGE);
    const { window, get } = await openDemo();
    const input = get('input#key');
    expect(input.getAttribute('type')).toBe('text');
    expect(get('label[for="key"]').textContent).toBe('API key');
    expect(get('button').textContent).toBe('Who am I?');
    expect(get('button').getAttribute('type')).toBe('submit');
    expect(get('[role="status"]').textContent).toBe('');
    expect(get('[role="alert"]').textContent).toBe('');
    await window.happyDOM.close();
  });

  it('the key from #key=… is filled in; “Who am I?” shows the answered workspace’s name and id', async () => {
    const { window, get, fetched, answered } = await openDemo(`#key=${encodeURIComponent(seed.adminKey)}`);
    expect((get('#key') as unknown as { value: string }).value).toBe(seed.adminKey);
    (get('button') as unknown as { click(): void }).click();
    await answered();
    expect(get('[role="status"]').textContent).toBe(`Workspace: ${seed.admin.name} (${seed.admin.id})`);
    expect(get('[role="alert"]').textContent).toBe('');
    expect(fetched).toEqual([{ url: CURRENT_URL, headers: { Authorization: `Bearer ${seed.adminKey}` } }]);
    await window.happyDOM.close();
  });

  it('a refused key is said in the alert', async () => {
    const { window, get, answered } = await openDemo('#key=not-a-key');
    (get('button') as unknown as { click(): void }).click();
    await answered();
    expect(get('[role="alert"]').textContent).toBe('Error 401: Invalid API key');
    expect(get('[role="status"]').textContent).toBe('');
    await window.happyDOM.close();
  });
});
