// The manifest, as a function of the target browser. Build-time only (imported by wxt.config.ts).
import { INSTANTLY_API_ORIGIN, INSTANTLY_PAGE_ORIGINS } from './instantly/hosts';
import { UNSTRUCTURED_DEFAULT_ORIGIN } from './unstructured/hosts';

export const COMMANDS = {
  next: 'cycle-next-workspace',
  previous: 'cycle-previous-workspace',
} as const;

/**
 * @param extraHosts comma-separated origins granted at install time. Only test builds set it
 *   (WS_EXTRA_HOSTS), because a headless browser cannot click a permission prompt.
 */
export function manifestFor(browser: string, extraHosts = '') {
  const extra = extraHosts
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((origin) => `${origin}/*`);
  const manifest: Record<string, unknown> = {
    name: 'Workspace Switcher for Instantly',
    short_name: 'Workspace Switcher',
    permissions: ['storage', 'declarativeNetRequest', 'contextMenus', 'alarms', 'activeTab', 'notifications'],
    // Requests from a page are modified only if the extension may access the page's origin as
    // well as the API host (measured: ../shared/e2e-chromium.md), hence the page origins.
    host_permissions: [
      `${INSTANTLY_API_ORIGIN}/*`,
      ...INSTANTLY_PAGE_ORIGINS.map((o) => `${o}/*`),
      `${UNSTRUCTURED_DEFAULT_ORIGIN}/*`,
      ...extra,
    ],
    // Other sites (and self-hosted Unstructured URLs) are granted one by one, on the user's click.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Workspace Switcher' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Ctrl+Shift+Y' },
        description: 'Open the workspace switcher',
      },
      [COMMANDS.next]: {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Act as the next sub workspace',
      },
      [COMMANDS.previous]: {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Act as the previous sub workspace',
      },
    },
  };
  if (browser === 'firefox') {
    manifest.browser_specific_settings = {
      gecko: {
        id: 'workspace-switcher@workspace-switcher.dev',
        // 128: declarativeNetRequest session rules with tabIds and excludedInitiatorDomains;
        // 140: data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest;
}
