import { describe, expect, it } from 'vitest';
import { grantedOrigins, syncAllowedSites } from '@/lib/background/capabilities/allowed-sites';
import type { PermissionsApi } from '@/lib/common/sites/permissions';
import { allowedSites, unstructuredWorkspaces } from '@/lib/common/storage';

/** Permissions as the browser keeps them: the manifest's, plus what the user granted. */
function fakePermissions(): PermissionsApi & { origins: Set<string> } {
  const origins = new Set([
    'https://api.instantly.ai/*',
    'https://app.instantly.ai/*',
    'https://developer.instantly.ai/*',
  ]);
  return {
    origins,
    contains: async (set) => (set.origins ?? []).every((o) => origins.has(o)),
    request: async (set) => ((set.origins ?? []).forEach((o) => origins.add(o)), true),
    remove: async (set) => (set.origins ?? []).every((o) => origins.delete(o)),
    getAll: async () => ({ origins: [...origins], permissions: [] }),
  };
}

describe('allowed sites follow the granted permissions', () => {
  it('a granted site is listed, a revoked one is gone; Instantly’s own origins are not listed', async () => {
    const permissions = fakePermissions();
    expect(await grantedOrigins(permissions)).toEqual([]);
    await permissions.request({ origins: ['https://crm.example.com/*'] });
    await syncAllowedSites(permissions);
    expect(await allowedSites.get()).toEqual(['https://crm.example.com']);
    await permissions.remove({ origins: ['https://crm.example.com/*'] });
    await syncAllowedSites(permissions);
    expect(await allowedSites.get()).toEqual([]);
  });

  it('an Unstructured account’s own API origin is not listed as a site', async () => {
    const permissions = fakePermissions();
    await permissions.request({ origins: ['https://unstructured.acme-corp.com/*', 'https://crm.example.com/*'] });
    await unstructuredWorkspaces.set([
      {
        id: 'u1',
        name: 'Acme',
        apiBase: 'https://unstructured.acme-corp.com',
        keyHint: 'abcd',
        remembered: true,
        addedAt: 0,
      },
    ]);
    expect(await grantedOrigins(permissions)).toEqual(['https://crm.example.com']);
  });

  it('ignores broad patterns that are not one site', async () => {
    const permissions = fakePermissions();
    permissions.origins.add('https://*/*');
    expect(await grantedOrigins(permissions)).toEqual([]);
  });
});
