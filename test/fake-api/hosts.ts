// Which host names the fake answers as which service. Browsers reach it under the real names
// through --host-resolver-rules (docs/browsers.md#reaching-the-fake-under-the-real-host-names);
// unit tests use 127.0.0.1.

/** Answered as Instantly API v2. 127.0.0.1 and localhost so plain-HTTP tests need no Host header. */
export const INSTANTLY_API_HOSTS = ['api.instantly.ai', '127.0.0.1', 'localhost'];

/** Answered as Unstructured's platform API (docs/instantly-api.md#unstructured-base-url). */
export const UNSTRUCTURED_API_HOSTS = ['platform.unstructuredapp.io'];

/** Pages (pages.ts): a tiny HTML page anywhere, the Mintlify proxy model, the "Who am I?" demo. */
export const PAGE_HOSTS = [
  'app.instantly.ai',
  'developer.instantly.ai',
  'other.example',
  // A subdomain of an allowed site, and a site the user never allowed (header-scope tests).
  'sub.other.example',
  'never-allowed.example',
  // A subdomain that is not allowed itself: reached only through activeTab (header-scope tests).
  'deep.other.example',
];

/** Host names to put in the certificate and to map to the fake in Chromium. */
export const CERTIFICATE_HOSTS = [
  'api.instantly.ai',
  ...PAGE_HOSTS,
  ...UNSTRUCTURED_API_HOSTS,
  'localhost',
  '127.0.0.1',
];

/** The names Chromium must resolve to the fake (not 127.0.0.1/localhost themselves). */
export const BROWSER_HOSTS = ['api.instantly.ai', ...PAGE_HOSTS, ...UNSTRUCTURED_API_HOSTS];

/**
 * `--host-resolver-rules` value: each name to 127.0.0.1:<port>. The port on the right replaces
 * the URL's (https://api.instantly.ai/ goes to :<port>, not :443). No quotes inside.
 */
export function hostResolverRules(port: number, hosts: readonly string[] = BROWSER_HOSTS): string {
  return hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}
