// The console's index of operations is the OpenAPI document, only smaller: every operation in it,
// each parameter with its schema, the scopes its prose names, and under the page's budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { operationsIndex, rateOf, scopesOf, type OpenApiDocument } from '../../lib/build/operations-index';

const doc = JSON.parse(
  readFileSync(new URL('../../lib/build/instantly-openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const index = operationsIndex(doc);
const find = (method: string, path: string) => index.operations.find((o) => o.method === method && o.path === path);

describe('the operations index', () => {
  it('holds every operation of the document, once', () => {
    const inDoc = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const inIndex = index.operations.map((o) => `${o.method} ${o.path}`);
    expect(inIndex.sort()).toEqual(inDoc.sort());
    expect(new Set(inIndex).size).toBe(inIndex.length);
    expect(inIndex.length).toBeGreaterThan(170);
  });

  it('keeps each parameter with where it goes, whether it is required, and its schema', () => {
    const list = find('GET', '/api/v2/campaigns');
    expect(list?.summary).toBe('List campaign');
    expect(list?.tag).toBe('Campaign');
    const limit = list?.parameters.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100 },
    });
    const status = list?.parameters.find((p) => p.name === 'status');
    expect(status?.schema?.enum).toEqual([-99, -1, -2, 0, 1, 2, 3, 4]);
    expect(status?.schema?.['x-enumDescriptions']).toMatchObject({ '1': 'Active' });
    const pause = find('POST', '/api/v2/campaigns/{id}/pause');
    expect(pause?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
  });

  it('every parameter of the document is there, none added', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const params = (op as { parameters?: { name: string; in: string }[] }).parameters ?? [];
        const indexed = find(method.toUpperCase(), path)?.parameters.map((p) => `${p.in}:${p.name}`);
        expect(indexed, `${method} ${path}`).toEqual(params.map((p) => `${p.in}:${p.name}`));
      }
    }
  });

  it('inlines the body schema, with what a validator needs and without examples', () => {
    const invite = find('POST', '/api/v2/workspace-group-members');
    expect(invite?.body).toEqual({
      required: true,
      schema: {
        type: 'object',
        properties: {
          sub_workspace_id: { type: 'string', format: 'uuid', description: 'The id of the sub workspace' },
        },
        required: ['sub_workspace_id'],
        additionalProperties: false,
      },
    });
    expect(JSON.stringify(index)).not.toContain('$ref');
    expect(JSON.stringify(index)).not.toContain('"example"');
  });

  it('reads the scopes from the description, every one of the <resource>:<action> form', () => {
    expect(find('GET', '/api/v2/campaigns')?.scopes).toEqual([
      'campaigns:read',
      'campaigns:all',
      'all:read',
      'all:all',
    ]);
    expect(find('GET', '/api/v2/campaigns/analytics/overview')?.scopes).toEqual([]);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const prose = (op as { description?: string }).description ?? '';
        const scopes = find(method.toUpperCase(), path)?.scopes ?? [];
        // As many as the sentence names, none lost to the parsing.
        const named = /Requires one of the following scopes:([^\n]*)/.exec(prose)?.[1]?.match(/`/g)?.length ?? 0;
        expect(scopes.length * 2, `${method} ${path}`).toBe(named);
        for (const scope of scopes) expect(scope).toMatch(/^[a-z_-]+:(read|create|update|delete|all)$/);
      }
    }
    expect(index.operations.filter((o) => o.scopes.length === 0).length).toBe(27);
    expect(scopesOf('Requires one of the following scopes: `leads:read`, `all:all`')).toEqual([
      'leads:read',
      'all:all',
    ]);
  });

  it('keeps the lower rate limits the prose states, per workspace', () => {
    expect(find('GET', '/api/v2/emails')?.rate?.limits).toEqual([{ count: 20, windowMs: 60_000 }]);
    expect(find('POST', '/api/v2/oauth/google/init')?.rate?.limits).toEqual([{ count: 75, windowMs: 60_000 }]);
    expect(find('GET', '/api/v2/campaigns')?.rate).toBeUndefined();
    expect(rateOf('Rate limit: 10 requests per minute per workspace.')?.limits).toEqual([
      { count: 10, windowMs: 60_000 },
    ]);
  });

  it('fits the console page’s budget: at most 60 kB gzip', () => {
    expect(gzipSync(JSON.stringify(index)).length).toBeLessThan(60_000);
  });
});
