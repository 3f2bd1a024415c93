// The built manifest of each browser: what the stores review (issue 23).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../lib/build/manifest';
import { checkJustifications } from '../../scripts/justifications';

const permissionsDoc = readFileSync(path.resolve(import.meta.dirname, '../../docs/store/permissions.md'), 'utf8');

describe('the Firefox manifest', () => {
  const gecko = (manifestFor('firefox').browser_specific_settings as { gecko: Record<string, unknown> }).gecko;

  it('declares that API keys leave the browser (authenticationInfo), and nothing else', () => {
    expect(gecko.data_collection_permissions).toEqual({ required: ['authenticationInfo'] });
  });

  it('has a fixed id and needs Firefox 140, and claims no Firefox for Android support', () => {
    expect(gecko.id).toBe('workspace-switcher@workspace-switcher.dev');
    expect(gecko.strict_min_version).toBe('140.0');
    expect(manifestFor('firefox').browser_specific_settings).not.toHaveProperty('gecko_android');
    expect(manifestFor('firefox')).not.toHaveProperty('minimum_chrome_version');
  });
});

describe('the Chrome manifest', () => {
  it('needs Chrome 124 and has no Firefox settings', () => {
    expect(manifestFor('chrome').minimum_chrome_version).toBe('124');
    expect(manifestFor('chrome')).not.toHaveProperty('browser_specific_settings');
  });

  it('asks for header rules only with host access, and for other sites only as optional', () => {
    const chrome = manifestFor('chrome');
    expect(chrome.permissions).toContain('declarativeNetRequestWithHostAccess');
    expect(chrome.permissions).not.toContain('declarativeNetRequest');
    expect(chrome.host_permissions).toEqual([
      'https://api.instantly.ai/*',
      'https://app.instantly.ai/*',
      'https://developer.instantly.ai/*',
      'https://platform.unstructuredapp.io/*',
    ]);
  });
});

describe('both manifests', () => {
  it('never run in private windows', () => {
    expect(manifestFor('chrome').incognito).toBe('not_allowed');
    expect(manifestFor('firefox').incognito).toBe('not_allowed');
  });

  it('justify every permission in docs/store/permissions.md, and nothing more', () => {
    expect(checkJustifications([manifestFor('chrome'), manifestFor('firefox')], permissionsDoc)).toEqual({
      missing: [],
      unused: [],
    });
  });
});

describe('the justification check', () => {
  it('finds a permission without a justification, and one whose heading has no text', () => {
    const doc = '### `storage`\n\nSettings.\n\n### `alarms`\n\n### `tabs`\n\nOld.\n';
    expect(
      checkJustifications([{ permissions: ['storage', 'alarms'], host_permissions: ['https://x.example/*'] }], doc),
    ).toEqual({
      missing: ['alarms', 'https://x.example/*'],
      unused: ['tabs'],
    });
  });
});
