// Routes by which a page hands an API call to its own server to make. No declarativeNetRequest
// rule can add a header to a call made from someone else's server, so such a call goes out as
// the key's own workspace whatever the extension acts as (docs/browsers.md#server-relayed-calls).
// The extension watches these routes only to say so.

export interface ServerRelay {
  host: string;
  path: string;
  /** What the user knows the route as. */
  what: string;
}

export const SERVER_RELAYS: readonly ServerRelay[] = [
  // Mintlify's API playground sends "Try it" through the docs site's own server by default:
  // POST /_mintlify/api/request with the target URL and headers in a JSON body
  // (docs/instantly-api.md#api-playground-proxy).
  { host: 'developer.instantly.ai', path: '/_mintlify/api/request', what: 'the docs’ “Try it”' },
];

export const relayAt = (host: string, path: string): ServerRelay | undefined =>
  SERVER_RELAYS.find((relay) => relay.host === host && relay.path === path);
