// The manifest, as a function of the target browser. Build-time only (imported by wxt.config.ts).
import { COMMANDS } from '../common/commands';
import { BUILT_IN_ORIGINS, patternFor } from '../common/sites/host-permissions';

/**
 * @param extraHosts comma-separated origins granted at install time. Only the e2e test build
 *   sets it (wxt.config.ts), because a headless browser cannot click a permission prompt.
 */
export const FIREFOX_ID = 'workspace-switcher@workspace-switcher.dev';
export const MINIMUM_CHROME_VERSION = '124';

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
    // Never in private windows: in the default "spanning" mode a private window's calls would be
    // listed in Recent API calls and its sites granted through "Allow on this site", both shared
    // with normal windows (and a grant outlives the window, on disk); "split" would run a second
    // background whose session keys and rules no test covers. docs/store/permissions.md#incognito
    incognito: 'not_allowed',
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
    // Minimum versions, from MDN's browser-compat-data (as shipped in web-ext's linter): 109 MV3
    // (action, host_permissions, _execute_action); 113 declarativeNetRequest with dynamic and
    // session rules, modifyHeaders, requestDomains, initiatorDomains, excludedInitiatorDomains and
    // tabIds; 115 storage.session; 127 host_permissions granted at install (MDN, host_permissions);
    // 128 optional_host_permissions and separate session-rule limits; 140
    // data_collection_permissions, which AMO requires. So 140 (an ESR) is what really decides it.
    // WXT turns the background into `background.scripts` for Firefox (no service_worker there).
    // No gecko_android: Firefox for Android has neither contextMenus nor commands, and the
    // background registers both at start-up (docs/store/reviewer-notes.md#firefox-for-android).
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_ID,
        strict_min_version: '140.0',
        // The user's API keys leave the browser, to the APIs the user configured (Instantly's and
        // Unstructured's): AMO counts that as authentication information handled outside the
        // add-on. Nothing else leaves it (Recent API calls stays on the device, so no
        // websiteActivity). docs/store/data-use.md
        data_collection_permissions: { required: ['authenticationInfo'] },
      },
    };
  } else {
    // Decided by AbortSignal.timeout(): Chrome 103 has it but aborts with an AbortError, so a timed
    // out call would read as a network failure; the TimeoutError the extension tells apart comes
    // with 124. The extension APIs alone need 102 (storage.session, optional_host_permissions;
    // 112 for its 10 MB quota), 101 initiatorDomains/requestDomains, 96
    // declarativeNetRequestWithHostAccess, 90 session rules. docs/store/reviewer-notes.md#minimum-versions
    manifest.minimum_chrome_version = MINIMUM_CHROME_VERSION;
  }
  return manifest;
}
