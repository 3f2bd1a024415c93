// Unstructured as a provider: where its API is, which header carries the key, and how a key is
// checked. Its API cannot list workspaces or say whose a key is (docs/instantly-api.md#unstructured-workspaces), so the user
// names each workspace and the extension keeps one key per workspace.
import { z } from 'zod/mini';
import { UNSTRUCTURED_KEY_HEADER } from '../../common/sites/hosts';
import { ApiError, apiErrorFrom } from '../api-error';
import { fetchJson } from '../fetch-json';

const Workflow = z.object({ id: z.string(), name: z.optional(z.nullable(z.string())) });
const Job = z.object({ id: z.string(), status: z.optional(z.string()) });
const Detail = z.object({ detail: z.optional(z.unknown()) });

export interface UnstructuredSummary {
  workflows: number;
  jobs: number;
}

async function getList<S extends z.ZodMiniType>(
  base: string,
  path: string,
  key: string,
  schema: S,
  doFetch: typeof fetch,
) {
  const response = await fetchJson(`${base}${path}`, { headers: { [UNSTRUCTURED_KEY_HEADER]: key }, fetch: doFetch });
  if (!response.ok) {
    const detail = Detail.safeParse(response.json);
    const message = detail.success && typeof detail.data.detail === 'string' ? detail.data.detail : undefined;
    throw apiErrorFrom(response, message);
  }
  const parsed = z.array(schema).safeParse(response.json);
  if (!parsed.success) throw new ApiError('invalid-response', undefined, response.status);
  return parsed.data;
}

/** Checks a key with the cheapest calls there are (docs/instantly-api.md#unstructured-list-endpoints), and says what the workspace holds. */
export async function checkUnstructuredKey(
  base: string,
  key: string,
  doFetch: typeof fetch = (i, o) => fetch(i, o),
): Promise<UnstructuredSummary> {
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
    case 'timeout':
      return `Can’t reach ${base}. Check the API URL and your connection.`;
    case 'redirected':
      return `${base} answered with a redirect; the key was not sent on. Use the API URL from your Unstructured account’s API Keys page. Nothing was saved.`;
    case 'rate-limited':
      return 'Unstructured is rate-limiting this key; try again in a moment.';
    default:
      return `Unstructured answered with an error (${error.status ?? error.kind}). Nothing was saved.`;
  }
}
