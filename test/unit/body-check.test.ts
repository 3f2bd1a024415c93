// The console checks a Body against the operation's schema before sending, with sentences at the
// field, using a validator that interprets schemas (no eval: an MV3 page forbids it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBody } from '../../lib/pages/builder/body-check';
import { operationsIndex, type OpenApiDocument } from '../../lib/build/operations-index';

const doc = JSON.parse(
  readFileSync(new URL('../../lib/build/instantly-openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const index = operationsIndex(doc);
const bodyOf = (method: string, path: string) => {
  const body = index.operations.find((o) => o.method === method && o.path === path)?.body;
  if (!body) throw new Error(`no body for ${method} ${path}`);
  return body;
};

describe('checkBody', () => {
  const invite = bodyOf('POST', '/api/v2/workspace-group-members');

  it('passes a body the schema accepts, parsed', () => {
    const id = '019ffad2-5cb9-7412-a999-646b69b0d7b4';
    expect(checkBody(`{"sub_workspace_id": "${id}"}`, invite.schema, true)).toEqual({
      ok: true,
      value: { sub_workspace_id: id },
    });
  });

  it('says which field is missing, which is of the wrong form, and which is not taken', () => {
    expect(checkBody('{}', invite.schema, true)).toEqual({
      ok: false,
      problems: [{ field: '', sentence: 'The body needs the field sub_workspace_id.' }],
    });
    expect(checkBody('{"sub_workspace_id": "abc", "name": 1}', invite.schema, true)).toEqual({
      ok: false,
      problems: [
        { field: 'sub_workspace_id', sentence: 'sub_workspace_id must be a UUID.' },
        { field: 'name', sentence: 'name is not a field this endpoint takes.' },
      ],
    });
  });

  it('reaches nested fields and list items, by a path a person reads', () => {
    const schema = {
      type: 'object',
      properties: {
        emails: { type: 'array', items: { type: 'string' }, minItems: 1 },
        limit: { type: 'integer', maximum: 100 },
      },
    };
    const check = checkBody('{"emails": ["a@example.com", 2], "limit": 500}', schema, true);
    expect(check).toEqual({
      ok: false,
      problems: [
        { field: 'emails[1]', sentence: 'emails[1] must be text.' },
        { field: 'limit', sentence: 'limit must be at most 100.' },
      ],
    });
    expect(checkBody('{"emails": []}', schema, true)).toMatchObject({
      problems: [{ sentence: 'emails must hold at least 1 item.' }],
    });
  });

  it('says when the text is not JSON, and when a required body is empty', () => {
    const broken = checkBody('{"sub_workspace_id": ', invite.schema, true);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems[0]?.sentence).toMatch(/^The body is not valid JSON/);
    expect(checkBody('  ', invite.schema, true)).toEqual({
      ok: false,
      problems: [{ field: '', sentence: 'This endpoint needs a body.' }],
    });
    expect(checkBody('', invite.schema, false)).toEqual({ ok: true, value: undefined });
  });

  it('checks the bodies of every operation without throwing (each schema of the index is one it reads)', () => {
    for (const op of index.operations) if (op.body) expect(() => checkBody('{}', op.body?.schema, true)).not.toThrow();
  });
});
