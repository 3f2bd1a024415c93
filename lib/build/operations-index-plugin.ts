// Build-time only: serves the operations index to the console page as the module
// `virtual:operations-index`, extracted from the OpenAPI document at each build, so the page
// bundles the 34 kB (gzip) index and never the 2.3 MB document, and nothing else imports it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operationsIndex, type OpenApiDocument } from './operations-index.ts';

export const OPERATIONS_INDEX_MODULE = 'virtual:operations-index';
const RESOLVED = `\0${OPERATIONS_INDEX_MODULE}`;
const DOCUMENT = fileURLToPath(new URL('./instantly-openapi.json', import.meta.url));

export function operationsIndexPlugin() {
  return {
    name: 'operations-index',
    resolveId(id: string) {
      return id === OPERATIONS_INDEX_MODULE ? RESOLVED : undefined;
    },
    load(id: string) {
      if (id !== RESOLVED) return undefined;
      const doc = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as OpenApiDocument;
      // JSON.parse of a string literal is parsed faster than the same object as code.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(operationsIndex(doc)))});`;
    },
  };
}
