// The console's one way to call Instantly: any documented operation, as any workspace of a
// connected agency, made by the background with that agency's key (the page never holds one).
// The request is checked by the background (lib/background/capabilities/instantly-call.ts), the
// answer by the page, both with these schemas.
import { z } from 'zod/mini';
import { WorkspaceId } from './workspace-id';

export const CallMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type CallMethod = z.infer<typeof CallMethod>;

export const InstantlyCall = z.object({
  type: z.literal('callInstantly'),
  /**
   * Made by the page once per call the user sends (crypto.randomUUID()): a write with an id the
   * background has seen is never sent again, whatever the page retries.
   */
  callId: z.string(),
  /** The connected (admin) workspace whose key makes the call. */
  agencyId: WorkspaceId,
  /** An accepted sub workspace of that agency (sent as x-as-workspace); null for the agency's admin workspace itself. */
  asWorkspaceId: z.nullable(WorkspaceId),
  method: CallMethod,
  /** The path with its parameters filled in, e.g. /api/v2/campaigns/<id>; no query string. */
  path: z.string(),
  /** Query parameters in order (a name may repeat, for an array). */
  query: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
  /** The JSON body, for operations that take one. */
  body: z.optional(z.unknown()),
});
export type InstantlyCall = z.infer<typeof InstantlyCall>;

/** Stops a call still waiting for its turn in the agency's pace (a cancelled fan-out); one already sent goes on. */
export const CancelCall = z.object({ type: z.literal('cancelCall'), callId: z.string() });

export const CallAnswer = z.union([
  /** Instantly answered (any status, errors included): its status, the time it took, its JSON body (undefined: none, or not JSON). */
  z.object({
    ok: z.literal(true),
    status: z.number(),
    ms: z.number(),
    body: z.unknown(),
    /** A 429's Retry-After, in seconds. */
    retryAfterS: z.optional(z.number()),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    /** A write that was sent but got no answer (or was cut off by a stopped worker): it may have reached Instantly. */
    unknown: z.optional(z.boolean()),
  }),
]);
export type CallAnswer = z.infer<typeof CallAnswer>;

/** Whether a call changes anything at Instantly (journalled, confirmed, never sent twice). */
export const isWrite = (method: CallMethod) => method !== 'GET';

/**
 * A write the background journals before sending it. sending: on its way; unknown: sent, but
 * its answer never came (no answer in time, or the worker was stopped meanwhile); sent:
 * answered (kept a while so the same call id is never sent again).
 */
export const JournalledWrite = z.object({
  id: z.string(),
  at: z.number(),
  method: CallMethod,
  path: z.string(),
  agencyId: WorkspaceId,
  asWorkspaceId: z.nullable(WorkspaceId),
  /** Whom it went out as, in the user's words. */
  label: z.string(),
  state: z.enum(['sending', 'unknown', 'sent']),
  cause: z.optional(z.enum(['interrupted', 'no-answer'])),
});
export type JournalledWrite = z.infer<typeof JournalledWrite>;
