// The manifest, as a function of the target browser. Build-time only (imported by wxt.config.ts).
import { COMMANDS } from '../common/commands';
import { BUILT_IN_ORIGINS, patternFor } from '../common/sites/host-permissions';

/**
 * @param extraHosts comma-separated origins granted at install time. Only the e2e test build
 *   sets it (wxt.config.ts), because a headless browser cannot click a permission prompt.
 */
export function manifestFor(browser: string, extraHosts = '') {
  const extra = extraHosts
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map(patternFor);
  const manifest: Record<string, unknown> = {
    name: 'Workspace Switcher for Instantly',
    short_name: 'Workspace Switcher',
    // WithHostAccess: the rules only modify headers, which needs host access anyway, and it spares
    // the user the "block content on any page" install warning of plain declarativeNetRequest.
    // webRequest: Recent API calls observes the API hosts (no blocking, no warning of its own in
    // either browser: docs/browsers.md#observing-requests).
    permissions: [
      'storage',
      'declarativeNetRequestWithHostAccess',
      'contextMenus',
      'alarms',
      'activeTab',
      'webRequest',
    ],
    // Asked for only when the user wants to hear of accepted invitations.
    optional_permissions: ['notifications'],
    // Requests from a page are modified only if the extension may access the page's origin as
    // well as the API host (measured: docs/browsers.md#host-permissions), hence the page origins.
    host_permissions: [...BUILT_IN_ORIGINS.map(patternFor), ...extra],
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
    // Minimum versions, from MDN's browser-compat-data (8.1, as shipped in web-ext's linter):
    // 109 MV3 (action, host_permissions, _execute_action); 113 declarativeNetRequest with
    // dynamic and session rules, modifyHeaders, requestDomains, initiatorDomains,
    // excludedInitiatorDomains and tabIds; 115 storage.session; 127 host_permissions granted at
    // install (MDN, host_permissions); 128 optional_host_permissions and separate session-rule
    // limits; 140 data_collection_permissions (142 on Android), which AMO requires. So 140
    // (an ESR) is what really decides it. WXT turns the background into `background.scripts`
    // for Firefox (no service_worker there).
    manifest.browser_specific_settings = {
      gecko: {
        id: 'workspace-switcher@workspace-switcher.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}
