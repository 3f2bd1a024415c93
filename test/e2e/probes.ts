// Probes for where a header goes: a page's own plain fetch, each tagged with its own `probe`
// query value so that each request is found in the fake's log with the headers it arrived with.
import type { Page } from '@playwright/test';
import { expect, type FakeApi } from './fixtures';

/** Each probe carries its own `probe` query value, so each request is found in the fake's log. */
export const probeUrl = (base: string, probe: string) => `${base}?probe=${probe}`;

/** A plain fetch from the page itself (no credentials: only the extension can add a header). */
export function fetchFromPage(page: Page, url: string) {
  return page.evaluate(
    (u) =>
      fetch(u).then(
        () => undefined,
        () => undefined,
      ),
    url,
  );
}

/** The headers that arrived with a probe, once it has arrived. */
export async function arrived(api: FakeApi, probe: string): Promise<Record<string, string>> {
  let headers: Record<string, string> | undefined;
  await expect
    .poll(
      async () => {
        headers = (await api.requests({ method: 'GET' })).find((r) => r.query.probe === probe)?.headers;
        return headers !== undefined;
      },
      { message: `the request "${probe}" reached the fake` },
    )
    .toBe(true);
  return headers!;
}
