// Build-time only: the compact index of Instantly's operations that the console's request
// builder searches and fills in, extracted from the OpenAPI document (instantly-openapi.json beside
// this file). The document is 2.3 MB; the page needs what a user picks and fills in, so examples,
// responses and prose on nested fields are dropped and $refs are inlined.
import type { OperationsIndex, IndexedOperation, IndexedParameter, JsonSchema, RateLimit } from '../common/operations';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Keywords a form or a validator reads; the rest (examples, titles, read-only markers) is weight. */
const KEPT = new Set([
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'nullable',
  'default',
  'minProperties',
  'maxProperties',
  'description',
  // Instantly's names for enum values (status 1: Active…): the form's select shows them.
  'x-enumDescriptions',
]);

/** The description of a property is kept short: the form shows it as a hint, not as documentation. */
const HINT_CHARS = 160;

function slim(schema: unknown, doc: OpenApiDocument, seen: readonly string[], top: boolean): JsonSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return {};
  const source = schema as Record<string, unknown>;
  const ref = source.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    // A schema that contains itself is cut at its second appearance: validation stops there.
    if (seen.includes(name)) return {};
    return slim(doc.components?.schemas?.[name], doc, [...seen, name], top);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!KEPT.has(key)) continue;
    if (key === 'description') {
      if (!top && typeof value === 'string') out.description = value.slice(0, HINT_CHARS);
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, slim(sub, doc, seen, false)]),
      );
    } else if ((key === 'items' || key === 'not') && typeof value === 'object') {
      out[key] = slim(value, doc, seen, false);
    } else if (key === 'additionalProperties' && typeof value === 'object' && value !== null) {
      out[key] = slim(value, doc, seen, false);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((sub) => slim(sub, doc, seen, false));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The scopes an operation's prose names: "Requires one of the following scopes: `a`, `b`". */
export function scopesOf(description: string): string[] {
  const sentence = /Requires one of the following scopes:([^\n]*)/i.exec(description);
  if (!sentence) return [];
  return [...(sentence[1] ?? '').matchAll(/`([a-z_-]+:[a-z]+)`/g)].map((m) => m[1] ?? '');
}

const WINDOWS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, '30 days': 2_592_000_000 };

/** The lower limits an operation's prose states, for the workspace (a limit per IP is the browser's, not ours). */
export function rateOf(description: string): { note: string; limits: RateLimit[] } | undefined {
  const lines = description
    .split(/\n+|(?<=\.)\s+(?=[A-Z*])/)
    .filter((line) => /\d[\d,]* requests? per /i.test(line))
    .map((line) => line.replace(/[*]/g, '').replace(/^-\s*/, '').trim());
  if (lines.length === 0) return undefined;
  const limits: RateLimit[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(/(\d[\d,]*) requests? per (second|minute|hour|30 days)( per IP)?/gi)) {
      if (m[3]) continue;
      const windowMs = WINDOWS[(m[2] ?? '').toLowerCase()];
      if (windowMs) limits.push({ count: Number((m[1] ?? '').replace(/,/g, '')), windowMs });
    }
  }
  return { note: lines.join(' '), limits };
}

/** The description without the scopes sentence (shown apart) and trimmed to what a panel shows. */
const DESCRIPTION_CHARS = 600;
function describeOperation(description: string): string {
  const text = description.replace(/Requires one of the following scopes:[^\n]*/i, '').trim();
  return text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS - 1).trimEnd()}…` : text;
}

function parameterOf(p: OpenApiParameter, doc: OpenApiDocument): IndexedParameter | undefined {
  if (p.in !== 'path' && p.in !== 'query') return undefined; // the document declares no header or cookie parameters
  const param: IndexedParameter = { name: p.name, in: p.in, required: p.in === 'path' || p.required === true };
  const schema = slim(p.schema, doc, [], false);
  delete schema.description;
  param.schema = schema;
  if (p.description) param.description = p.description.slice(0, HINT_CHARS);
  return param;
}

export function operationsIndex(doc: OpenApiDocument): OperationsIndex {
  const operations: IndexedOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op) continue;
      const description = op.description ?? '';
      const entry: IndexedOperation = {
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase() as IndexedOperation['method'],
        path,
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? '',
        description: describeOperation(description),
        scopes: scopesOf(description),
        parameters: (op.parameters ?? []).flatMap((p) => parameterOf(p, doc) ?? []),
      };
      const rate = rateOf(description);
      if (rate) entry.rate = rate;
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) entry.body = { required: op.requestBody?.required === true, schema: slim(body, doc, [], true) };
      operations.push(entry);
    }
  }
  return { operations };
}
