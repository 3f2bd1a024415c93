// The typed protocol between the extension's pages (popup, options) and the background, which
// is the only writer of state. Pages read state from storage; requests only ask for changes.
import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { Reply } from './reply';

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('saveKey'), key: z.string(), remember: z.boolean() }),
  z.object({ type: z.literal('forgetKey') }),
  z.object({ type: z.literal('refresh') }),
  /** Wakes the background (a page opened): answered once its start-up, which reconciles the rules, has run. */
  z.object({ type: z.literal('startUp') }),
  /** workspaceId null: back to the admin workspace. tabId: this tab only. */
  z.object({ type: z.literal('actAs'), workspaceId: z.nullable(z.string()), tabId: z.optional(z.number()) }),
  /** The tab follows the everywhere choice again. */
  z.object({ type: z.literal('followEverywhere'), tabId: z.number() }),
  z.object({ type: z.literal('invite'), workspaceId: z.string() }),
  z.object({ type: z.literal('remove'), membershipId: z.string() }),
  z.object({ type: z.literal('leave') }),
  z.object({ type: z.literal('dismissNotice'), id: z.string() }),
  /** The notice that a site's server relayed calls the extension could not switch. */
  z.object({ type: z.literal('dismissRelayNotice') }),
  z.object({
    type: z.literal('addUnstructured'),
    name: z.string(),
    key: z.string(),
    apiUrl: z.optional(z.string()),
    remember: z.boolean(),
  }),
  z.object({ type: z.literal('useUnstructured'), id: z.nullable(z.string()) }),
  z.object({ type: z.literal('deleteUnstructured'), id: z.string() }),
  z.object({ type: z.literal('setUnstructuredSite'), origin: z.string(), on: z.boolean() }),
  /** Starts the glance now (or joins the run going); answered once it has started. */
  z.object({ type: z.literal('refreshGlance') }),
  z.object({ type: z.literal('setAttentionFirst'), on: z.boolean() }),
]);
export type Request = z.infer<typeof Request>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

const NO_ANSWER = 'The extension’s background did not answer. Try again; if it keeps happening, reload the extension.';

export async function send(request: Request): Promise<Reply> {
  try {
    const parsed = Reply.safeParse(await browser.runtime.sendMessage(request));
    return parsed.success ? parsed.data : { ok: false, error: NO_ANSWER };
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}
