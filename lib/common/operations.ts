// The shape of the index of Instantly's operations that the build extracts from the OpenAPI
// document (lib/build/operations-index.ts) and the console's request builder reads. Types only:
// the index is build output, bundled into the console page, never read from outside.

/** A JSON Schema as the index keeps it (a subset of keywords; $refs inlined). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface IndexedParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema?: JsonSchema;
}

/** A lower limit than the workspace's own (e.g. GET /emails: 20 a minute). */
export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface IndexedOperation {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  description: string;
  /** Any one of them is enough; empty where the document states none. */
  scopes: string[];
  rate?: { note: string; limits: RateLimit[] };
  parameters: IndexedParameter[];
  body?: { required: boolean; schema: JsonSchema };
}

export interface OperationsIndex {
  operations: IndexedOperation[];
}
