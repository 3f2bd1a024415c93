// Every answer the fake gives on the group and workspace endpoints conforms to Instantly's own
// OpenAPI document (lib/build/instantly-openapi.json, a copy of the one Instantly publishes;
// see test/fake-api/README.md), errors included where it documents them.
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, type CallResult } from '../fake-api/client';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';

const DOC_ID = 'https://api.instantly.ai/openapi/api_v2.json';
const doc = JSON.parse(readFileSync(new URL('../../lib/build/instantly-openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

// The document is OpenAPI, not JSON Schema: keywords such as `example` and `x-tags` are ignored
// (strict: false) and the document itself is not checked against a meta-schema.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(doc, DOC_ID);

const pointerPart = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** The documented response schema for path + method + status, or undefined when not documented. */
function documentedSchema(path: string, method: string, status: number): ValidateFunction | undefined {
  if (!doc.paths[path]?.[method]?.responses[String(status)]) return undefined;
  const ref = `${DOC_ID}#/paths/${pointerPart(path)}/${method}/responses/${status}/content/${pointerPart('application/json')}/schema`;
  return ajv.getSchema(ref);
}

function expectConforms(result: CallResult, path: string, method: string, status: number): void {
  expect(result.status, result.text).toBe(status);
  const validate = documentedSchema(path, method, status);
  expect(validate, `${method.toUpperCase()} ${path} ${status} is documented`).toBeDefined();
  const ok = validate?.(result.json);
  expect(ok, JSON.stringify(validate?.errors)).toBe(true);
}

const LIST = '/api/v2/workspace-group-members';
const ONE = '/api/v2/workspace-group-members/{id}';
const ADMIN = '/api/v2/workspace-group-members/admin';
const CURRENT = '/api/v2/workspaces/current';
const UNREAD = '/api/v2/emails/unread/count';
const LAUNCHED = '/api/v2/campaigns/count-launched';
const ACCOUNTS = '/api/v2/accounts';
const UNKNOWN_ID = '019ffad2-9cfe-7630-904f-b0ce5393cd7c';

let api: FakeApi;
let seed: SeedResult;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());
beforeEach(() => {
  // Every status and a nameless sub (sub_workspace_name: null) appear among 12 subs.
  seed = seedAgency(api.store, { subWorkspaces: 12, pendingEvery: 4, rejectedEvery: 5, nullNameEvery: 7 });
  api.conditions.reset();
});

describe('the fake conforms to the OpenAPI document', () => {
  it('finds the documented schemas it checks against', () => {
    const checked = [
      [LIST, 'get'],
      [LIST, 'post'],
      [ONE, 'get'],
      [ONE, 'delete'],
      [ADMIN, 'get'],
      [CURRENT, 'get'],
      [UNREAD, 'get'],
      [LAUNCHED, 'get'],
      [ACCOUNTS, 'get'],
    ] as const;
    for (const [path, method] of checked) {
      expect(documentedSchema(path, method, 200), `${method} ${path}`).toBeDefined();
    }
  });

  it('list: every page, the last page with data and the empty page after it', async () => {
    let cursor: string | undefined;
    const statuses = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const query = new URLSearchParams({ limit: '5', ...(cursor ? { starting_after: cursor } : {}) });
      const result = await call(api.url, `${LIST}?${query}`, { headers: bearer(seed.adminKey) });
      expectConforms(result, LIST, 'get', 200);
      const body = result.json as {
        items: { status: string; sub_workspace_name: string | null }[];
        next_starting_after?: string;
      };
      for (const item of body.items) statuses.add(item.status);
      if (body.items.length === 0) break;
      cursor = body.next_starting_after;
    }
    expect([...statuses].sort()).toEqual(['accepted', 'pending', 'rejected']);
    // Also with the default page size and from a sub workspace's side.
    expectConforms(await call(api.url, LIST, { headers: bearer(seed.adminKey) }), LIST, 'get', 200);
    expectConforms(await call(api.url, LIST, { headers: bearer(seed.subKey) }), LIST, 'get', 200);
  });

  it('list: documented errors', async () => {
    expectConforms(await call(api.url, LIST), LIST, 'get', 401);
    expectConforms(await call(api.url, LIST, { headers: bearer(seed.revokedKey) }), LIST, 'get', 401);
    expectConforms(await call(api.url, LIST, { headers: bearer(seed.unpaidKey) }), LIST, 'get', 402);
    api.conditions.faults.push({ status: 429, count: 1 });
    expectConforms(await call(api.url, LIST, { headers: bearer(seed.adminKey) }), LIST, 'get', 429);
  });

  it('get one, from the admin side and from the sub side (nameless sub included)', async () => {
    const nameless = seed.subs.find((s) => s.name === null);
    expect(nameless).toBeDefined();
    for (const sub of seed.subs) {
      expectConforms(
        await call(api.url, `${LIST}/${sub.membershipId}`, { headers: bearer(seed.adminKey) }),
        ONE,
        'get',
        200,
      );
    }
    const own = seed.subs.find((s) => s.ownerKey === seed.subKey);
    expectConforms(
      await call(api.url, `${LIST}/${own?.membershipId}`, { headers: bearer(seed.subKey) }),
      ONE,
      'get',
      200,
    );
    expectConforms(await call(api.url, `${LIST}/${UNKNOWN_ID}`, { headers: bearer(seed.adminKey) }), ONE, 'get', 404);
    expectConforms(await call(api.url, `${LIST}/${UNKNOWN_ID}`), ONE, 'get', 401);
    expectConforms(await call(api.url, `${LIST}/${UNKNOWN_ID}`, { headers: bearer(seed.unpaidKey) }), ONE, 'get', 402);
  });

  it('create: the pending member, and each documented refusal', async () => {
    const invitee = seed.invitable[0]?.id ?? '';
    const post = (key: string | undefined, body: unknown) =>
      call(api.url, LIST, { method: 'POST', headers: key ? bearer(key) : {}, body });
    const created = await post(seed.adminKey, { sub_workspace_id: invitee });
    expectConforms(created, LIST, 'post', 200);
    expect(created.json).toMatchObject({ status: 'pending', sub_workspace_id: invitee });
    expectConforms(await post(seed.adminKey, { sub_workspace_id: invitee }), LIST, 'post', 409);
    expectConforms(await post(seed.adminKey, {}), LIST, 'post', 400);
    expectConforms(await post(seed.adminKey, { sub_workspace_id: 'not-a-uuid' }), LIST, 'post', 400);
    expectConforms(await post(seed.adminKey, { sub_workspace_id: invitee, email: 'x@y.z' }), LIST, 'post', 400);
    expectConforms(await post(seed.adminKey, '{"sub_workspace_id":'), LIST, 'post', 400);
    expectConforms(await post(seed.adminKey, { sub_workspace_id: UNKNOWN_ID }), LIST, 'post', 404);
    expectConforms(await post(undefined, { sub_workspace_id: invitee }), LIST, 'post', 401);
    expectConforms(await post(seed.unpaidKey, { sub_workspace_id: invitee }), LIST, 'post', 402);
  });

  it('delete: the removed member, and 404 once it is gone', async () => {
    const target = seed.subs[0]?.membershipId ?? '';
    const remove = () => call(api.url, `${LIST}/${target}`, { method: 'DELETE', headers: bearer(seed.adminKey) });
    expectConforms(await remove(), ONE, 'delete', 200);
    expectConforms(await remove(), ONE, 'delete', 404);
    expectConforms(await call(api.url, `${LIST}/${target}`, { method: 'DELETE' }), ONE, 'delete', 401);
  });

  it('admin: with and without an admin workspace', async () => {
    const ofAdmin = await call(api.url, ADMIN, { headers: bearer(seed.adminKey) });
    expectConforms(ofAdmin, ADMIN, 'get', 200);
    expect(ofAdmin.json).toEqual({ workspace_name: 'Undefined', has_admin_workspace: false });
    const ofSub = await call(api.url, ADMIN, { headers: bearer(seed.subKey) });
    expectConforms(ofSub, ADMIN, 'get', 200);
    expect(ofSub.json).toMatchObject({ workspace_name: seed.admin.name, has_admin_workspace: true });
    expectConforms(await call(api.url, ADMIN), ADMIN, 'get', 401);
    expectConforms(await call(api.url, ADMIN, { headers: bearer(seed.unpaidKey) }), ADMIN, 'get', 402);
  });

  it('workspaces/current: own, acted-as and nameless workspaces, and errors', async () => {
    expectConforms(await call(api.url, CURRENT, { headers: bearer(seed.adminKey) }), CURRENT, 'get', 200);
    expectConforms(await call(api.url, CURRENT, { headers: bearer(seed.loneKey) }), CURRENT, 'get', 200);
    const acceptedSub = seed.subs.find((s) => s.status === 'accepted');
    const actedAs = await call(api.url, CURRENT, {
      headers: { ...bearer(seed.adminKey), 'x-as-workspace': acceptedSub?.id ?? '' },
    });
    expectConforms(actedAs, CURRENT, 'get', 200);
    const nameless = seed.subs.find((s) => s.name === null);
    expectConforms(await call(api.url, CURRENT, { headers: bearer(nameless?.ownerKey ?? '') }), CURRENT, 'get', 200);
    expectConforms(await call(api.url, CURRENT), CURRENT, 'get', 401);
    expectConforms(await call(api.url, CURRENT, { headers: bearer(seed.unpaidKey) }), CURRENT, 'get', 402);
    api.conditions.faults.push({ status: 429, count: 1, retryAfter: 2 });
    expectConforms(await call(api.url, CURRENT, { headers: bearer(seed.adminKey) }), CURRENT, 'get', 429);
  });

  it('glance: unread count and launched campaigns of the admin, of each acted-as sub, and errors', async () => {
    for (const path of [UNREAD, LAUNCHED]) {
      expectConforms(await call(api.url, path, { headers: bearer(seed.adminKey) }), path, 'get', 200);
      for (const sub of seed.subs.filter((s) => s.status === 'accepted')) {
        expectConforms(
          await call(api.url, path, { headers: { ...bearer(seed.adminKey), 'x-as-workspace': sub.id } }),
          path,
          'get',
          200,
        );
      }
      expectConforms(await call(api.url, path), path, 'get', 401);
      expectConforms(await call(api.url, path, { headers: bearer(seed.unpaidKey) }), path, 'get', 402);
      api.conditions.faults.push({ status: 429, count: 1 });
      expectConforms(await call(api.url, path, { headers: bearer(seed.adminKey) }), path, 'get', 429);
    }
  });

  it('glance: every page of every sub’s accounts (troubled ones included), figures set from outside, and errors', async () => {
    const subs = seed.subs.filter((s) => s.status === 'accepted');
    expect(subs.some((s) => s.glance.accountsInTrouble > 0)).toBe(true);
    for (const sub of subs) {
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const query = new URLSearchParams({ limit: '2', ...(cursor ? { starting_after: cursor } : {}) });
        const result = await call(api.url, `${ACCOUNTS}?${query}`, {
          headers: { ...bearer(seed.adminKey), 'x-as-workspace': sub.id },
        });
        expectConforms(result, ACCOUNTS, 'get', 200);
        const body = result.json as { items: unknown[]; next_starting_after?: string };
        if (body.items.length === 0) break;
        cursor = body.next_starting_after;
      }
    }
    const first = subs[0]?.id ?? '';
    api.store.glances.update(first, {
      accounts: [
        {
          email: 'ops@client.example',
          first_name: 'Ops',
          last_name: '',
          status: -2,
          warmup_status: -3,
          status_message: { code: 'EENVELOPE', responseCode: 550, extra: 'more is allowed' } as never,
          provider_code: 11,
          stat_warmup_score: null,
          daily_limit: null,
          timestamp_created: '2026-02-01T10:00:00.000Z',
          timestamp_updated: '2026-02-01T10:00:00.000Z',
          timestamp_warmup_start: null,
        },
      ],
    });
    expectConforms(
      await call(api.url, ACCOUNTS, { headers: { ...bearer(seed.adminKey), 'x-as-workspace': first } }),
      ACCOUNTS,
      'get',
      200,
    );
    expectConforms(await call(api.url, ACCOUNTS, { headers: bearer(seed.loneKey) }), ACCOUNTS, 'get', 200);
    expectConforms(await call(api.url, ACCOUNTS), ACCOUNTS, 'get', 401);
    expectConforms(await call(api.url, ACCOUNTS, { headers: bearer(seed.unpaidKey) }), ACCOUNTS, 'get', 402);
    api.conditions.faults.push({ status: 429, count: 1 });
    expectConforms(await call(api.url, ACCOUNTS, { headers: bearer(seed.adminKey) }), ACCOUNTS, 'get', 429);
  });

  it('undocumented refusals (403, 500) still have the {statusCode, error, message} shape', async () => {
    const shape = ajv.compile({
      type: 'object',
      properties: { statusCode: { type: 'number' }, error: { type: 'string' }, message: { type: 'string' } },
      required: ['statusCode', 'error', 'message'],
      additionalProperties: false,
    });
    const forbidden = await call(api.url, LIST, {
      method: 'POST',
      headers: bearer(seed.readOnlyKey),
      body: { sub_workspace_id: UNKNOWN_ID },
    });
    expect(forbidden.status).toBe(403);
    expect(shape(forbidden.json)).toBe(true);
    for (const path of [UNREAD, LAUNCHED, ACCOUNTS]) {
      const noScope = await call(api.url, path, { headers: bearer(seed.readOnlyKey) });
      expect(noScope.status).toBe(403);
      expect(shape(noScope.json)).toBe(true);
    }
    api.conditions.faults.push({ status: 500, count: 1 });
    const failed = await call(api.url, CURRENT, { headers: bearer(seed.adminKey) });
    expect(failed.status).toBe(500);
    expect(shape(failed.json)).toBe(true);
  });
});
