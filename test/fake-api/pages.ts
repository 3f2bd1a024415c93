// The page hosts (app.instantly.ai, developer.instantly.ai, other.example): a tiny page at any
// path, so a browser test can open a page on that origin; and two pages that do something:
//
//   POST https://developer.instantly.ai/_mintlify/api/request   a model of Mintlify's API
//        playground proxy (docs/instantly-api.md#api-playground-proxy). Body, JSON:
//          {method, url, headers?, body?}   (`header` is taken as another spelling of `headers`)
//        The fake itself makes the call to `url` (an Instantly or Unstructured API host it
//        serves) with exactly those headers, over the network to its own port, so the call is
//        logged like any other (with `via: 1.1 mintlify-proxy (fake)`) and meets the same faults.
//        Headers the browser put on the POST itself (an x-as-workspace added by the extension)
//        are not forwarded: that is the point of the model. Answers with the API's status and
//        body; 400 for an envelope it cannot read, 502 when the API cannot be reached.
//        [inference] Mintlify's real envelope and answer are not documented; this is the least
//        that shows a relayed call going out as the key's own workspace.
//
//   GET https://app.instantly.ai/demo[#key=<API key>]   "Who am I?": a textbox labelled
//        `API key` (pre-filled from the fragment, which never reaches a server), a button
//        `Who am I?` that fetches https://api.instantly.ai/api/v2/workspaces/current with that
//        key, the answered workspace's name and id in role="status", errors in role="alert".
//        Inline script, no CSP: the fake sets none.
import { z } from 'zod';
import { errorResponse, jsonResponse, type FakeRequest, type FakeResponse } from './http';

export const MINTLIFY_PROXY_PATH = '/_mintlify/api/request';
export const DEMO_PATH = '/demo';

/** A call the fake makes to itself on behalf of a relaying page (server.ts knows how). */
export interface RelayedCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Sent as-is when a string, as JSON otherwise; undefined for none. */
  body: unknown;
}
export type Relay = (call: RelayedCall) => Promise<FakeResponse>;

const EnvelopeSchema = z.object({
  method: z.string().regex(/^[A-Za-z]+$/),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
  header: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});

/** Headers that describe the hop, not the call: the relay sets its own. */
const HOP_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'via']);

export async function handlePage(
  req: FakeRequest,
  relay: Relay,
  relayHosts: ReadonlySet<string>,
): Promise<FakeResponse> {
  if (req.host === 'developer.instantly.ai' && req.path === MINTLIFY_PROXY_PATH && req.method === 'POST') {
    return mintlifyProxy(req, relay, relayHosts);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return errorResponse(405, 'Pages answer GET only');
  if (req.host === 'app.instantly.ai' && req.path === DEMO_PATH) return { status: 200, html: DEMO_PAGE };
  return { status: 200, html: `<!doctype html><title>${escapeHtml(req.host)}</title><p>fake page</p>` };
}

async function mintlifyProxy(req: FakeRequest, relay: Relay, relayHosts: ReadonlySet<string>): Promise<FakeResponse> {
  let envelope: z.infer<typeof EnvelopeSchema>;
  try {
    envelope = EnvelopeSchema.parse(JSON.parse(req.body));
  } catch (error) {
    const reason = error instanceof z.ZodError ? z.prettifyError(error) : 'the body is not JSON';
    return jsonResponse({ error: 'Bad Request', message: `Not a request envelope: ${reason}` }, 400);
  }
  const url = new URL(envelope.url);
  if (!relayHosts.has(url.hostname)) {
    return jsonResponse(
      { error: 'Bad Request', message: `The fake relays to its API hosts only, not ${url.hostname}` },
      400,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...envelope.header, ...envelope.headers })) {
    if (!HOP_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers.via = '1.1 mintlify-proxy (fake)';
  try {
    return await relay({ method: envelope.method.toUpperCase(), url, headers, body: envelope.body ?? undefined });
  } catch (error) {
    return jsonResponse(
      { error: 'Bad Gateway', message: `The API could not be reached: ${(error as Error).message}` },
      502,
    );
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The page's whole behaviour; kept small enough to read in one go. textContent only, so a
// workspace name is never parsed as HTML.
const DEMO_SCRIPT = `
const form = document.getElementById('who');
const key = document.getElementById('key');
const status = document.getElementById('status');
const alert = document.getElementById('alert');
function keyFromFragment() {
  const given = new URLSearchParams(location.hash.slice(1)).get('key');
  if (given) key.value = given;
}
keyFromFragment();
addEventListener('hashchange', keyFromFragment);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.textContent = '';
  alert.textContent = '';
  try {
    const res = await fetch('https://api.instantly.ai/api/v2/workspaces/current', {
      headers: { Authorization: 'Bearer ' + key.value.trim() },
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      alert.textContent = 'Error ' + res.status + ': ' + (body && body.message ? body.message : res.statusText);
    } else {
      status.textContent = 'Workspace: ' + (body.name || '(no name)') + ' (' + body.id + ')';
    }
  } catch (error) {
    alert.textContent = 'Could not reach api.instantly.ai: ' + error.message;
  }
});
`;

export const DEMO_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Who am I? · Workspace Switcher demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; }
  label, input, button { font: inherit; }
  input { width: 100%; box-sizing: border-box; padding: 0.4rem; margin: 0.25rem 0 0.75rem; }
  button { padding: 0.4rem 1rem; }
  [role="status"] { color: #14532d; } [role="alert"] { color: #991b1b; }
</style>
</head>
<body>
<main>
<h1>Who am I?</h1>
<p>This page on app.instantly.ai asks <code>https://api.instantly.ai/api/v2/workspaces/current</code>
which workspace your API key answers as. While the extension acts as a sub workspace, the answer
is that workspace.</p>
<form id="who">
<label for="key">API key</label>
<input id="key" name="key" type="text" autocomplete="off" spellcheck="false">
<button type="submit">Who am I?</button>
</form>
<p id="status" role="status"></p>
<p id="alert" role="alert"></p>
</main>
<script>${DEMO_SCRIPT}</script>
</body>
</html>
`;
