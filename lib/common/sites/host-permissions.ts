// Which sites' requests the header rules can modify. A rule changes a page's request only when
// the extension has host permission for the page's origin as well as for the API host
// (measured: docs/browsers.md#host-permissions), so Instantly's own origins are granted at install and any other
// site is granted by the user, one origin at a time ("Allow on this site").
import { INSTANTLY_API_ORIGIN, INSTANTLY_PAGE_ORIGINS, UNSTRUCTURED_DEFAULT_ORIGIN } from './hosts';

export const BUILT_IN_ORIGINS = [INSTANTLY_API_ORIGIN, ...INSTANTLY_PAGE_ORIGINS, UNSTRUCTURED_DEFAULT_ORIGIN];

export const patternFor = (origin: string) => `${origin}/*`;

/** "https://example.com/*" → "https://example.com"; null for patterns that are not one origin. */
export function originOf(pattern: string): string | null {
  const match = /^(https?:\/\/[^/*]+)\/\*$/.exec(pattern);
  return match?.[1] ?? null;
}

/** The origin of a page the user may allow, or null (extension pages, file:, chrome: …). */
export function allowableOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
