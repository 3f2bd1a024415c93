// What a pause or resume came to, in one sentence for the user: done, refused (why), or unknown
// (sent, no answer: it may have been done, and it is not sent again by itself).
import type { Read } from './answer';

export type Action = 'pause' | 'resume';
const PAST: Record<Action, string> = { pause: 'paused', resume: 'resumed' };
const ING: Record<Action, string> = { pause: 'Pausing', resume: 'Resuming' };

export interface Outcome {
  kind: 'done' | 'unknown' | 'failed';
  text: string;
}

export function outcomeOf(read: Read<unknown>, action: Action, thing: string, workspace: string): Outcome {
  if (read.ok) return { kind: 'done', text: `${thing} in ${workspace}: ${PAST[action]}.` };
  if (read.unknown)
    return {
      kind: 'unknown',
      text: `${ING[action]} ${thing} in ${workspace} got no answer from Instantly: it may have been ${PAST[action]}. Refresh to see; it is not sent again by itself.`,
    };
  return { kind: 'failed', text: `${thing} in ${workspace} was not ${PAST[action]}: ${read.error}` };
}

/** The dialog's question, naming the workspace and the campaign or mailbox. */
export const confirmTitle = (action: Action, thing: string, workspace: string) =>
  `${action === 'pause' ? 'Pause' : 'Resume'} ${thing} in ${workspace}?`;
