// The background's side of the protocol in lib/common/messages.ts: each capability registers the
// requests it answers (onRequest), and one listener checks the sender, parses the message with
// zod and hands it to its handler once start-up has run.
import { browser } from 'wxt/browser';
import { Request, type RequestOf } from '../../common/messages';
import { failed, type Reply } from '../../common/reply';
import { describe, RULES_NOT_APPLIED, RulesNotApplied } from './errors';
import { ready, START_UP_FAILED } from './start-up-gate';
import { busy } from './queue';
import { TEST_BUILD } from '../../common/build-mode';

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

let received = 0;
/** Requests received from the extension's pages since the worker started (for the e2e test hook; 0 in the shipped build). */
export const requestsReceived = (): number => received;

/** A handler's failure as the reply: the truth when the change was stored but its rules were refused. */
export function replyToFailure(type: string, error: unknown): Reply {
  console.error(`Workspace Switcher: ${type} failed:`, describe(error));
  if (error instanceof RulesNotApplied) return failed(RULES_NOT_APPLIED);
  return failed('Something unexpected went wrong. Please try again.');
}

/** The reply to a message, or undefined for a sender that may not ask (no answer at all). */
function answer(message: unknown, sender: { id?: string; url?: string }): Promise<Reply> | undefined {
  if (!fromOwnPage(sender)) return undefined;
  if (TEST_BUILD) received += 1;
  const parsed = Request.safeParse(message);
  if (!parsed.success)
    return Promise.resolve({ ok: false, error: 'The extension sent a request it does not understand.' });
  const request = parsed.data;
  const handler = handlers[request.type] as Handler<Request['type']> | undefined;
  if (!handler) return Promise.resolve({ ok: false, error: 'The extension sent a request it does not understand.' });
  // Start-up (a wake-up reconciles the rules) before any handler; the reply after its work.
  return busy(async () => {
    try {
      await ready();
    } catch {
      return failed(START_UP_FAILED); // logged and stored by ready()
    }
    return handler(request);
  }).catch((error: unknown) => replyToFailure(request.type, error));
}

export function setUpMessageRouter(): void {
  // Answered through sendResponse, the channel kept open by returning true: what both browsers
  // do natively (Chrome 124 does not take a returned promise as the reply), with no polyfill.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply) => void) => {
    const reply = answer(message, sender);
    if (!reply) return undefined;
    void reply.then(sendResponse);
    return true;
  });
}
