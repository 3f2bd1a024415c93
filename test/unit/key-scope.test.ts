import { describe, expect, it } from 'vitest';
import { rulesFor } from '@/lib/background/projection/rules';
import { keyMayGoFrom, keyScope, mayOptIn, type KeyScopeInput } from '@/lib/common/sites/unstructured-key-sites';
import { initiatorMatches } from './initiator-match';

const DEFAULT_API = 'https://platform.unstructuredapp.io';
const none: KeyScopeInput = { apiOrigin: DEFAULT_API, allowedSites: [], optedIn: [], apiOrigins: [DEFAULT_API] };

/** The key rule for this scope, and whether a page on `origin` (null: opaque) gets the key from it. */
function keyGoesFrom(input: KeyScopeInput, origin: string | null): boolean {
  const scope = keyScope(input);
  const { session } = rulesFor({
    extensionHost: 'ext-id',
    allowedSites: input.allowedSites,
    actingAs: null,
    tabActing: {},
    unstructured: { key: 'k', apiHost: new URL(input.apiOrigin).host, ...scope },
  });
  const [rule] = session;
  return !!rule && initiatorMatches(rule.condition, origin);
}

describe('where the Unstructured key goes from', () => {
  it('the default API’s own site (its docs), and no other page, until the user opts one in', () => {
    expect(keyScope(none)).toEqual({ initiatorHosts: ['platform.unstructuredapp.io'], excludedHosts: [], blocked: [] });
    expect(keyGoesFrom(none, DEFAULT_API)).toBe(true);
    expect(keyGoesFrom(none, 'https://app.instantly.ai')).toBe(false);
    expect(keyGoesFrom(none, null)).toBe(false); // a sandboxed or data: iframe
  });

  it('an allowed site only once opted in', () => {
    const allowed = { ...none, allowedSites: ['https://other.example'] };
    expect(keyGoesFrom(allowed, 'https://other.example')).toBe(false);
    expect(keyGoesFrom({ ...allowed, optedIn: ['https://other.example'] }, 'https://other.example')).toBe(true);
    // Opted in but no longer allowed (revoked): nothing.
    expect(keyGoesFrom({ ...none, optedIn: ['https://other.example'] }, 'https://other.example')).toBe(false);
  });

  it('an allowed subdomain that was not opted in is excluded', () => {
    const input = {
      ...none,
      allowedSites: ['https://other.example', 'https://sub.other.example'],
      optedIn: ['https://other.example'],
    };
    expect(keyScope(input).excludedHosts).toEqual(['sub.other.example']);
    expect(keyGoesFrom(input, 'https://other.example')).toBe(true);
    expect(keyGoesFrom(input, 'https://sub.other.example')).toBe(false);
    expect(keyGoesFrom(input, 'https://deeper.sub.other.example')).toBe(false);
    // Both opted in: both get it.
    const both = { ...input, optedIn: ['https://other.example', 'https://sub.other.example'] };
    expect(keyScope(both).excludedHosts).toEqual([]);
    expect(keyGoesFrom(both, 'https://sub.other.example')).toBe(true);
    // Only the subdomain opted in: its parent never matches.
    const sub = { ...input, optedIn: ['https://sub.other.example'] };
    expect(keyGoesFrom(sub, 'https://sub.other.example')).toBe(true);
    expect(keyGoesFrom(sub, 'https://other.example')).toBe(false);
  });

  it('http:// only on this machine', () => {
    expect(keyMayGoFrom('https://other.example')).toBe(true);
    expect(keyMayGoFrom('http://localhost:3000')).toBe(true);
    expect(keyMayGoFrom('http://127.0.0.1:8080')).toBe(true);
    expect(keyMayGoFrom('http://other.example')).toBe(false);
    expect(keyMayGoFrom('http://localhost.evil.example')).toBe(false);
    const plain = { ...none, allowedSites: ['http://other.example'], optedIn: ['http://other.example'] };
    expect(keyScope(plain).initiatorHosts).toEqual(['platform.unstructuredapp.io']);
    expect(keyScope(plain).blocked).toEqual([
      { origin: 'http://other.example', reason: expect.stringContaining('https://') },
    ]);
    const local = { ...none, allowedSites: ['http://localhost:3000'], optedIn: ['http://localhost:3000'] };
    expect(keyGoesFrom(local, 'http://localhost:3000')).toBe(true);
  });

  it('a site is left out while another scheme or port of its host is reachable without the key', () => {
    // The rule names hosts only, so https://other.example in the list would also send the key
    // for http://other.example, which the user allowed for Instantly but not for the key.
    const twins = {
      ...none,
      allowedSites: ['http://other.example', 'https://other.example'],
      optedIn: ['https://other.example'],
    };
    expect(keyScope(twins).initiatorHosts).toEqual(['platform.unstructuredapp.io']);
    expect(keyScope(twins).blocked).toEqual([
      { origin: 'https://other.example', reason: expect.stringContaining('http://other.example') },
    ]);
    expect(keyGoesFrom(twins, 'http://other.example')).toBe(false);
    const ports = {
      ...none,
      allowedSites: ['http://localhost:3000', 'http://localhost:5173'],
      optedIn: ['http://localhost:3000'],
    };
    expect(keyGoesFrom(ports, 'http://localhost:5173')).toBe(false);
    expect(
      keyGoesFrom({ ...ports, optedIn: ['http://localhost:3000', 'http://localhost:5173'] }, 'http://localhost:5173'),
    ).toBe(true);
  });

  it('an account’s own API host is not an initiator unless the user opts it in', () => {
    const own = 'https://unstructured.acme-corp.com';
    const custom = { ...none, apiOrigin: own, apiOrigins: [own] };
    expect(keyScope(custom).initiatorHosts).toEqual([]);
    expect(keyGoesFrom(custom, own)).toBe(false);
    expect(keyGoesFrom(custom, DEFAULT_API)).toBe(false);
    expect(mayOptIn(own, [], [own])).toBe(true);
    expect(keyGoesFrom({ ...custom, optedIn: [own] }, own)).toBe(true);
    // The default API's origin is no site to opt in: it is its docs, sent from when in use.
    expect(mayOptIn(DEFAULT_API, [], [DEFAULT_API])).toBe(false);
  });
});
