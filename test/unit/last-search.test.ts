// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { recallSearch, rememberSearch } from '@/lib/pages/last-search';

describe('the popup remembers the last search for a short while', () => {
  beforeEach(() => localStorage.clear());
  it('recalls it within two minutes, not after', () => {
    rememberSearch('acme', 1_000);
    expect(recallSearch(1_000 + 60_000)).toBe('acme');
    expect(recallSearch(1_000 + 3 * 60_000)).toBe('');
  });
  it('copes with nothing or garbage stored', () => {
    expect(recallSearch()).toBe('');
    localStorage.setItem('lastSearch', '{nope');
    expect(recallSearch()).toBe('');
  });
});
