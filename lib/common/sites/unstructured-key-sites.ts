// Which pages may have the Unstructured key added to their requests. The key is a credential, so
// it goes only to the exact sites the user opted in, yet a rule can only name initiators by host
// name: `initiatorDomains` also matches every subdomain and ignores scheme and port
// (docs/browsers.md#opaque-initiators). So the rule excludes the subdomains the extension can
// reach that were not opted in, and a host is left out altogether while another site on it that
// was not opted in (http:// next to https://, another port) is reachable too. Pure: the
// background builds the rule from it and the settings page says from it why a site gets no key.
import { BUILT_IN_ORIGINS } from './host-permissions';
import { UNSTRUCTURED_DEFAULT_ORIGIN } from './hosts';
import type { UnstructuredWorkspace } from '../model';
import { normaliseApiUrl } from './unstructured-url';

export interface KeyScopeInput {
  /** Origin of the API the key in use goes to. */
  apiOrigin: string;
  /** Sites the user allowed (host access granted), as origins. */
  allowedSites: string[];
  /** Origins the user ticked "Send the Unstructured key from …" for. */
  optedIn: string[];
  /** API origins of every saved Unstructured workspace (host access granted for each). */
  apiOrigins: string[];
}

export interface KeyScope {
  /** initiatorDomains of the key rule; empty: no page gets the key. */
  initiatorHosts: string[];
  /** Reachable subdomains of those hosts that were not opted in (excludedInitiatorDomains). */
  excludedHosts: string[];
  /** Opted-in origins that get no key, and why, in a sentence. */
  blocked: { origin: string; reason: string }[];
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** https://, or http:// on this machine only: plain http anywhere else could hand the key to the network. */
export function keyMayGoFrom(origin: string): boolean {
  const url = parse(origin);
  return !!url && (url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)));
}

/** Whether the user may opt `origin` in: an allowed site, or an account's own API origin. */
export function mayOptIn(origin: string, allowedSites: string[], apiOrigins: string[]): boolean {
  return (
    keyMayGoFrom(origin) &&
    (allowedSites.includes(origin) || (apiOrigins.includes(origin) && !BUILT_IN_ORIGINS.includes(origin)))
  );
}

export function keyScope({ apiOrigin, allowedSites, optedIn, apiOrigins }: KeyScopeInput): KeyScope {
  // Every origin whose pages the extension has host access to (a rule reaches no other page).
  const reachable = unique([...BUILT_IN_ORIGINS, ...allowedSites, ...apiOrigins]);
  const blocked: KeyScope['blocked'] = [];
  const wanted = new Set<string>();
  // The default API's own origin serves its interactive docs: that is what the key is for. An
  // account's own API host is a site like any other: only if the user opts it in.
  if (apiOrigin === UNSTRUCTURED_DEFAULT_ORIGIN) wanted.add(apiOrigin);
  for (const origin of optedIn) {
    if (!mayOptIn(origin, allowedSites, apiOrigins)) {
      if (parse(origin)?.protocol === 'http:')
        blocked.push({
          origin,
          reason:
            'The key is sent only from https:// sites (and http://localhost): plain http could hand it to the network.',
        });
      continue;
    }
    wanted.add(origin);
  }
  const hosts = new Set<string>();
  for (const origin of wanted) {
    const host = ruleHost(origin);
    if (!host) continue;
    const twin = reachable.find((other) => other !== origin && !wanted.has(other) && parse(other)?.hostname === host);
    if (twin) {
      if (optedIn.includes(origin))
        blocked.push({
          origin,
          reason: `Not sent while ${twin} is reachable without the key: the browser tells sites apart by host name only.`,
        });
      continue;
    }
    hosts.add(host);
  }
  const initiatorHosts = [...hosts].sort();
  const excludedHosts = unique(
    reachable
      .map(ruleHost)
      .filter(
        (host): host is string =>
          !!host && !hosts.has(host) && initiatorHosts.some((parent) => host.endsWith(`.${parent}`)),
      ),
  ).sort();
  return { initiatorHosts, excludedHosts, blocked };
}

/**
 * The host name a rule can list for an origin, or null. A rule with an entry the browser refuses
 * would fail to apply at all, so anything but a plain ASCII host name (an IPv6 literal) is left
 * out: that site then gets nothing, never more.
 */
export function ruleHost(origin: string): string | null {
  const host = parse(origin)?.hostname;
  return host && /^[a-z0-9.-]+$/.test(host) ? host : null;
}

/** The API origins of the saved workspaces (the extension holds host access to each). */
export function apiOriginsOf(workspaces: UnstructuredWorkspace[]): string[] {
  return unique(workspaces.map((w) => normaliseApiUrl(w.apiBase)?.origin).filter((o): o is string => !!o));
}

function parse(origin: string): URL | null {
  try {
    return new URL(origin);
  } catch {
    return null;
  }
}

const unique = <T>(items: T[]) => [...new Set(items)];
