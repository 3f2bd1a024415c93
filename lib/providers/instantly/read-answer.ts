// How both Instantly clients (client.ts, glance-client.ts) read an answer: an error answer says
// its reason in Instantly's error body (docs/instantly-api.md#errors).
import { ApiError, apiErrorFrom } from '../api-error';
import type { JsonResponse } from '../fetch-json';
import { ErrorBody } from './schemas';

/** The answer read with `read`; an error answer, or one `read` cannot make sense of (null), as the ApiError it stands for. */
export function readAnswer<T>(response: JsonResponse, read: (json: unknown) => T | null): T {
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(response.json);
    throw apiErrorFrom(response, parsed.success ? parsed.data.message : undefined);
  }
  const result = read(response.json);
  if (result === null) throw new ApiError('invalid-response', undefined, response.status);
  return result;
}
