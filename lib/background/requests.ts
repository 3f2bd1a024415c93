// The background's side of the protocol in shared/messages.ts: each capability registers the
// requests it answers (onRequest), and one listener checks the sender, parses the message with
// zod and hands it to its handler once start-up has run.
import { browser } from 'wxt/browser';
import { Request, type RequestOf } from '../shared/messages';
import type { Reply } from '../shared/reply';
import { describe, ready } from './lifecycle';

type Handler<T extends Request['type']> = (request: RequestOf<T>) => Promise<Reply>;
export type Handlers = { [T in Request['type']]: Handler<T> };

const handlers: Partial<Handlers> = {};

export function onRequest<T extends Request['type']>(type: T, handler: Handler<T>): void {
  (handlers as Record<string, unknown>)[type] = handler;
}

/** Only the extension's own pages may ask: not content scripts, not other extensions, not web pages. */
export function fromOwnPage(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export function setUpRequests(): void {
  // The reply is the promise returned (webextension-polyfill), although Chrome's types say void.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!fromOwnPage(sender)) return undefined;
    const parsed = Request.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'The extension sent a request it does not understand.' });
    const request = parsed.data;
    const handler = handlers[request.type] as Handler<Request['type']> | undefined;
    if (!handler) return Promise.resolve({ ok: false, error: 'The extension sent a request it does not understand.' });
    return ready()
      .then(() => handler(request))
      .catch((error: unknown) => {
        console.error(`Workspace Switcher: ${request.type} failed:`, describe(error));
        return { ok: false, error: 'Something unexpected went wrong. Please try again.' };
      });
  });
}
