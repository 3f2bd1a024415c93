// The typed protocol between the extension's pages (popup, options) and the background, which
// is the only writer of state. Pages read state from storage; requests only ask for changes.
import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { CancelCall, InstantlyCall } from './instantly-call';
import { Reply } from './reply';
import { Uuid, WorkspaceId } from './workspace-id';

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('saveKey'), key: z.string(), remember: z.boolean() }),
  /** workspaceId: which connected workspace (absent: the only one). */
  z.object({ type: z.literal('forgetKey'), workspaceId: z.optional(WorkspaceId) }),
  z.object({ type: z.literal('refresh') }),
  /** Wakes the background (a page opened): answered once its start-up, which reconciles the rules, has run. */
  z.object({ type: z.literal('startUp') }),
  /** workspaceId null: back to the admin workspace. tabId: this tab only. */
  z.object({ type: z.literal('actAs'), workspaceId: z.nullable(WorkspaceId), tabId: z.optional(z.number()) }),
  /** The tab follows the everywhere choice again. */
  z.object({ type: z.literal('followEverywhere'), tabId: z.number() }),
  /** adminId: the connected workspace to invite to, when several could. */
  z.object({ type: z.literal('invite'), workspaceId: z.string(), adminId: z.optional(WorkspaceId) }),
  z.object({ type: z.literal('remove'), membershipId: Uuid }),
  z.object({ type: z.literal('leave'), accountId: z.optional(WorkspaceId) }),
  /** Moves a connected workspace's key to local storage (remember) or session storage. */
  z.object({ type: z.literal('rememberKey'), workspaceId: WorkspaceId, remember: z.boolean() }),
  z.object({ type: z.literal('dismissNotice'), id: z.string() }),
  /** The notice that a site's server relayed calls the extension could not switch. */
  z.object({ type: z.literal('dismissRelayNotice') }),
  z.object({
    type: z.literal('addUnstructured'),
    name: z.string(),
    key: z.string(),
    apiUrl: z.optional(z.string()),
    remember: z.boolean(),
    /** The page asked for the API host's permission for this add: a failed add takes it back. */
    takeBackPermission: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('useUnstructured'), id: z.nullable(z.string()) }),
  z.object({ type: z.literal('deleteUnstructured'), id: z.string() }),
  z.object({ type: z.literal('setUnstructuredSite'), origin: z.string(), on: z.boolean() }),
  /** Changes what is given; null (or an empty label) clears it. */
  z.object({
    type: z.literal('setWorkspaceLook'),
    workspaceId: z.string(),
    label: z.optional(z.nullable(z.string())),
    color: z.optional(z.nullable(z.string())),
    favourite: z.optional(z.boolean()),
  }),
  /** Answered with the file (settings-file.ts: ExportAnswer). */
  z.object({ type: z.literal('exportSettings') }),
  /** A file's parsed JSON, checked in the background; answered with what was done (ImportAnswer). */
  z.object({ type: z.literal('importSettings'), file: z.unknown() }),
  /** Starts the glance now (or joins the run going); answered once it has started. */
  z.object({ type: z.literal('refreshGlance') }),
  z.object({ type: z.literal('setAttentionFirst'), on: z.boolean() }),
  /** The console's call to Instantly as a workspace (answered with CallAnswer: instantly-call.ts). */
  InstantlyCall,
  CancelCall,
]);
export type Request = z.infer<typeof Request>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;
/** A change of a workspace's label, colour or favourite (undefined: unchanged; null: cleared). */
export type LookChange = Omit<RequestOf<'setWorkspaceLook'>, 'type' | 'workspaceId'>;

const NO_ANSWER = 'The extension’s background did not answer. Try again; if it keeps happening, reload the extension.';

export function send(request: Request): Promise<Reply> {
  return ask(request, Reply);
}

/** A request whose answer carries more than done-or-why (e.g. the settings file), parsed with its own schema. */
export async function ask<S extends z.ZodMiniType>(
  request: Request,
  answer: S,
): Promise<z.infer<S> | { ok: false; error: string }> {
  try {
    const parsed = answer.safeParse(await browser.runtime.sendMessage(request));
    return parsed.success ? parsed.data : { ok: false, error: NO_ANSWER };
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}
