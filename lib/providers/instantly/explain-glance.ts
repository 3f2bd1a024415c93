// The glance's failures as sentences, one per figure, naming the scope a key lacks
// (docs/instantly-api.md#scopes). Failures that stop a whole run use explain.ts's sentences.
import { ApiError } from '../api-error';

export type GlanceFigure = 'unread' | 'launched' | 'accounts';

const READS: Record<GlanceFigure, string> = {
  unread: 'unread replies',
  launched: 'launched campaigns',
  accounts: 'sending accounts',
};

/** The read scope each figure's endpoint accepts (`<resource>:all`, `all:read` and `all:all` would do too). */
export const GLANCE_SCOPES: Record<GlanceFigure, string> = {
  unread: 'emails:read',
  launched: 'campaigns:read',
  accounts: 'accounts:read',
};

export function explainGlanceError(error: unknown, figure: GlanceFigure): string {
  const what = READS[figure];
  if (!(error instanceof ApiError)) return `Something unexpected went wrong reading ${what}.`;
  switch (error.kind) {
    case 'forbidden':
      // Instantly documents 403 as a missing scope (docs/instantly-api.md#errors).
      return `This key can’t read ${what}: it needs the scope ${GLANCE_SCOPES[figure]}.`;
    case 'payment-required':
      return 'This workspace has no active paid Instantly plan, so its figures cannot be read.';
    case 'not-found':
      return 'Instantly would not answer as this workspace: it may have left the group.';
    case 'rate-limited':
      return `Instantly kept rate-limiting the calls for ${what}; the next glance tries again.`;
    case 'invalid-response':
      return `Instantly answered about ${what} in a way this extension does not understand.`;
    default:
      return `Instantly could not answer about ${what} (${error.status ?? error.kind}); the next glance tries again.`;
  }
}
