import { z } from 'zod/mini';

/** What the background answers to every request: done, or a sentence saying why not. */
export const Reply = z.union([
  z.object({
    ok: z.literal(true),
    /** After an invite: the new membership, so the popup can show its row and say whom it invited. */
    invited: z.optional(z.object({ membershipId: z.string(), name: z.string() })),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    /** Also kept among the notices (it must outlive a popup closed meanwhile), so a page need not repeat it. */
    noticed: z.optional(z.boolean()),
  }),
]);
export type Reply = z.infer<typeof Reply>;

export const done: Reply = { ok: true };

export const NOT_CONNECTED = 'Connect an Instantly API key in the settings first.';
export const failed = (error: string): Reply => ({ ok: false, error });
