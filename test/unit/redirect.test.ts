// The extension's own calls carry a key in a header: a redirect must never take it elsewhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnstructured } from '@/lib/background/capabilities/unstructured-keys';
import { ApiError } from '@/lib/providers/api-error';
import { fetchJson } from '@/lib/providers/fetch-json';
import { UNSTRUCTURED_KEY_HEADER } from '@/lib/common/sites/hosts';
import { unstructuredWorkspaces } from '@/lib/common/storage';

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('a redirect from the API', () => {
  /** Another origin (another port is another origin): what reached it. */
  const arrived: http.IncomingHttpHeaders[] = [];
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  let redirector: Awaited<ReturnType<typeof listen>>;
  let status = 307;
  beforeAll(async () => {
    elsewhere = await listen((req, res) => {
      arrived.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    redirector = await listen((req, res) => res.writeHead(status, { location: `${elsewhere.url}${req.url}` }).end());
  });
  afterAll(async () => {
    await Promise.all([elsewhere.close(), redirector.close()]);
  });

  it.each([301, 302, 303, 307, 308])('%i is refused, and the key never reaches where it points', async (code) => {
    status = code;
    arrived.length = 0;
    const call = fetchJson(`${redirector.url}/api/v1/workflows/`, {
      headers: { [UNSTRUCTURED_KEY_HEADER]: 'secret-key' },
    });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ kind: 'redirected', status: code });
    expect(arrived).toEqual([]);
  });

  it('checking an Unstructured key there fails in words, sends the key on nowhere, and saves nothing', async () => {
    status = 307;
    arrived.length = 0;
    const reply = await addUnstructured({
      name: 'Moved',
      key: 'secret-key',
      apiUrl: `${redirector.url}/api/v1`,
      remember: true,
    });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('answered with a redirect; the key was not sent on'),
    });
    expect(arrived).toEqual([]);
    expect(await unstructuredWorkspaces.get()).toEqual([]);
  });
});
