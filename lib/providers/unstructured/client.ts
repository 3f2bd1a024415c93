// Unstructured as a provider: where its API is, which header carries the key, and how a key is
// checked. Its API cannot list workspaces or say whose a key is (api-facts B5), so the user
// names each workspace and the extension keeps one key per workspace.
import { z } from 'zod/mini';
import { ApiError, kindForStatus, REQUEST_TIMEOUT_MS } from '../api-error';
import { UNSTRUCTURED_DEFAULT_ORIGIN } from '../../unstructured/hosts';

export const UNSTRUCTURED_KEY_HEADER = 'unstructured-api-key';

/**
 * The API URL as a base without `/api/v1`: the docs give it both with and without (api-facts
 * B2), so a trailing `/api/v1` and slashes are dropped and the path is added back per call.
 * Returns null for something that is not an https URL (http only for a local server).
 */
export function normaliseApiUrl(input: string | undefined): { base: string; host: string; origin: string } | null {
  const text = (input ?? '').trim() || UNSTRUCTURED_DEFAULT_ORIGIN;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return null;
  if (url.search || url.hash || url.username) return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/i, '').replace(/\/+$/, '');
  return { base: `${url.origin}${path}`, host: url.hostname, origin: url.origin };
}

const Workflow = z.object({ id: z.string(), name: z.optional(z.nullable(z.string())) });
const Job = z.object({ id: z.string(), status: z.optional(z.string()) });
const Detail = z.object({ detail: z.optional(z.unknown()) });

export interface UnstructuredSummary {
  workflows: number;
  jobs: number;
}

async function getList<S extends z.ZodMiniType>(base: string, path: string, key: string, schema: S, doFetch: typeof fetch) {
  let response: Response;
  try {
    response = await doFetch(`${base}${path}`, {
      headers: { [UNSTRUCTURED_KEY_HEADER]: key, accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError('network');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const detail = Detail.safeParse(json);
    const message = detail.success && typeof detail.data.detail === 'string' ? detail.data.detail : undefined;
    throw new ApiError(kindForStatus(response.status), message, response.status);
  }
  const parsed = z.array(schema).safeParse(json);
  if (!parsed.success) throw new ApiError('invalid-response', undefined, response.status);
  return parsed.data;
}

/** Checks a key with the cheapest calls there are (api-facts B4), and says what the workspace holds. */
export async function checkUnstructuredKey(base: string, key: string, doFetch: typeof fetch = (i, o) => fetch(i, o)): Promise<UnstructuredSummary> {
  const workflows = await getList(base, '/api/v1/workflows/', key, Workflow, doFetch);
  const jobs = await getList(base, '/api/v1/jobs/', key, Job, doFetch).catch(() => null);
  return { workflows: workflows.length, jobs: jobs?.length ?? 0 };
}

export function explainUnstructuredError(error: unknown, base: string): string {
  if (!(error instanceof ApiError)) return 'Something unexpected went wrong. Nothing was saved.';
  switch (error.kind) {
    case 'unauthorized':
    case 'forbidden':
      return `Unstructured refused this API key${error.serverMessage ? `: “${error.serverMessage}”` : '.'} Nothing was saved.`;
    case 'not-found':
      return `Nothing answers at ${base}/api/v1/workflows/, so the API URL looks wrong. Copy it from the API Keys page of your Unstructured account.`;
    case 'network':
      return `Can’t reach ${base}. Check the API URL and your connection.`;
    case 'rate-limited':
      return 'Unstructured is rate-limiting this key; try again in a moment.';
    default:
      return `Unstructured answered with an error (${error.status ?? error.kind}). Nothing was saved.`;
  }
}
