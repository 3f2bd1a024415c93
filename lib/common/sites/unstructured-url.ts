// An Unstructured API URL as the user may type it, made into one canonical base. Used by the
// settings page (to ask for the host permission) and by the background (to check and use keys).
import { UNSTRUCTURED_DEFAULT_ORIGIN } from './hosts';

/**
 * The API URL as a base without `/api/v1`: Unstructured's docs give it both with and without
 * (docs/instantly-api.md#unstructured-base-url), so a trailing `/api/v1` and slashes are dropped and the
 * path is added back per call. Returns null for something that is not an https URL (http only
 * for a local server).
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
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/i, '')
    .replace(/\/+$/, '');
  return { base: `${url.origin}${path}`, host: url.hostname, origin: url.origin };
}

/** Whether an API URL is on Unstructured's own servers (https, *.unstructuredapp.io), not a host a file or a person chose. */
export function isUnstructuredOwn(api: { base: string; host: string }): boolean {
  return (
    api.base.startsWith('https://') && (api.host === 'unstructuredapp.io' || api.host.endsWith('.unstructuredapp.io'))
  );
}
