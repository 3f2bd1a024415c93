import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/providers/api-error';
import { explainInstantlyError } from '@/lib/providers/instantly/explain';

describe('Instantly errors in plain words', () => {
  it('a rejected key, when checking it and when it was stored', () => {
    expect(explainInstantlyError(new ApiError('unauthorized', undefined, 401), 'check-key')).toMatch(
      /rejected this API key/,
    );
    expect(explainInstantlyError(new ApiError('unauthorized', undefined, 401), 'list')).toBe(
      'This API key was rejected — it may have been revoked. Paste a new key in the settings.',
    );
  });
  it('a key the server says was revoked is called revoked', () => {
    expect(
      explainInstantlyError(new ApiError('unauthorized', 'The API key has been revoked', 401), 'check-key'),
    ).toMatch(/has been revoked\. Create a new key/);
  });
  it('no paid plan', () => {
    expect(explainInstantlyError(new ApiError('payment-required', undefined, 402), 'check-key')).toMatch(
      /no active paid/,
    );
  });
  it('a 403 names who may act and the scope needed', () => {
    const text = explainInstantlyError(new ApiError('forbidden', 'Missing scope', 403), 'invite');
    expect(text).toContain('Only owners and admins can invite');
    expect(text).toContain('workspace_group_members:create');
    expect(text).toContain('Missing scope');
  });
  it('a non-owner leaving', () => {
    expect(explainInstantlyError(new ApiError('forbidden', undefined, 403), 'leave')).toBe(
      'Only the workspace owner can leave the group.',
    );
  });
  it('409 on invite', () => {
    expect(explainInstantlyError(new ApiError('conflict', undefined, 409), 'invite')).toMatch(
      /already belongs to a workspace group or has a pending invitation/,
    );
  });
  it('404 on invite', () => {
    expect(explainInstantlyError(new ApiError('not-found', undefined, 404), 'invite')).toMatch(
      /No Instantly workspace has this ID/,
    );
  });
  it('429 says how long to wait', () => {
    expect(explainInstantlyError(new ApiError('rate-limited', undefined, 429, 12), 'list')).toBe(
      'Instantly is rate-limiting this workspace; try again in 12 s.',
    );
  });
  it('offline and server trouble', () => {
    expect(explainInstantlyError(new ApiError('network'), 'list')).toMatch(/Can’t reach Instantly/);
    expect(explainInstantlyError(new ApiError('server', undefined, 500), 'list')).toMatch(/problem answering/);
    expect(explainInstantlyError(new Error('boom'), 'list')).toMatch(/unexpected/);
  });
});
