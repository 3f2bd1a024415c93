import { z } from 'zod/mini';

/** What the background answers to every request: done, or a sentence saying why not. */
export const Reply = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof Reply>;

export const done: Reply = { ok: true };
export const failed = (error: string): Reply => ({ ok: false, error });
