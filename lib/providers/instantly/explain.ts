// Instantly's errors as sentences a user understands (README: Architecture).
import { ApiError } from '../api-error';
import { EndlessListError, MAX_MEMBERSHIPS } from './client';

export type InstantlyAction = 'check-key' | 'list' | 'invite' | 'remove' | 'leave';

const scopeFor: Record<InstantlyAction, string> = {
  'check-key': 'workspaces:read',
  list: 'workspace_group_members:read',
  invite: 'workspace_group_members:create',
  remove: 'workspace_group_members:delete',
  leave: 'workspace_group_members:delete',
};

function withReason(sentence: string, error: ApiError): string {
  return error.serverMessage ? `${sentence} (Instantly said: “${error.serverMessage}”)` : sentence;
}

export function explainInstantlyError(error: unknown, action: InstantlyAction): string {
  if (!(error instanceof ApiError)) return 'Something unexpected went wrong. Nothing was changed; please try again.';
  switch (error.kind) {
    case 'unauthorized':
      // Instantly documents one 401 for a wrong and a revoked key (docs/instantly-api.md#errors); when its
      // message does say "revoked", the user is told exactly that.
      if (action === 'check-key' && /revoked/i.test(error.serverMessage ?? ''))
        return 'Instantly says this API key has been revoked. Create a new key in Instantly (Settings → Integrations → API Keys) and paste it here.';
      return action === 'check-key'
        ? 'Instantly rejected this API key. Check that you copied the whole key and that it has not been revoked.'
        : 'This API key was rejected — it may have been revoked. Paste a new key in the settings.';
    case 'payment-required':
      return 'This workspace has no active paid Instantly plan, so its API cannot be used.';
    case 'forbidden':
      if (action === 'leave') return 'Only the workspace owner can leave the group.';
      if (action === 'invite' || action === 'remove')
        return withReason(
          `Only owners and admins can ${action === 'invite' ? 'invite' : 'remove'} sub workspaces, and the API key needs the scope ${scopeFor[action]}.`,
          error,
        );
      return withReason(`This API key is not allowed to do that: it needs the scope ${scopeFor[action]}.`, error);
    case 'not-found':
      if (action === 'invite') return 'No Instantly workspace has this ID. Check the ID in that workspace’s settings.';
      if (action === 'remove' || action === 'leave') return 'That membership no longer exists: it was already removed.';
      return withReason('Instantly could not find that.', error);
    case 'conflict':
      return 'That workspace already belongs to a workspace group or has a pending invitation. A workspace can have only one admin workspace.';
    case 'bad-request':
      return withReason('Instantly refused the request as invalid.', error);
    case 'rate-limited':
      return `Instantly is rate-limiting this workspace; try again in ${Math.max(1, Math.ceil(error.retryAfterS ?? 10))} s.`;
    case 'server':
      return 'Instantly had a problem answering; try again in a moment.';
    case 'network':
      return 'Can’t reach Instantly. Check your connection and try again.';
    case 'timeout':
      return 'Instantly did not answer in time; try again in a moment.';
    case 'redirected':
      return 'Instantly answered with a redirect, which the extension does not follow with your key. Nothing was changed.';
    case 'invalid-response':
      return 'Instantly answered in a way this extension does not understand. Nothing was changed.';
    case 'endless-list': {
      const pages = error instanceof EndlessListError ? ` after ${error.pages.toLocaleString('en-US')} pages` : '';
      const why =
        error instanceof EndlessListError && error.why === 'too-long'
          ? `Instantly kept sending pages of your workspace group, more than a group of ${MAX_MEMBERSHIPS.toLocaleString('en-US')} sub workspaces needs`
          : 'Instantly kept sending pages of your workspace group that held no new sub workspaces';
      return `${why}, so the extension stopped asking${pages} and the list was not refreshed. Try Refresh later.`;
    }
  }
}
